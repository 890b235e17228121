// The real `law` (bin/law.js) in pipes and on bad paths: a reader that stops
// early (`law parse big.log | head -1`) ends it quietly with exit 0, and every
// file error is one line naming the path, with the exit code `law --help`
// documents.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempFolder } from './cli-helpers.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { dir, write } = tempFolder();

// 20,000 lines: their output is far beyond a pipe's 64 KiB buffer, so the reader is gone while law still writes.
const BIG = Array.from({ length: 20_000 }, (_, i) =>
  `${i % 97 === 0 ? 'ERR ERROR' : '- INFO'} GET /a/${i % 7} status=${i % 97 === 0 ? 500 : 200} latency_ms=${10 + (i % 13)}`).join('\n') + '\n';
const big = write('big.log', BIG);
const spec = write('big.json', {
  version: 1,
  name: 'big',
  source: { path: 'big.log', format: 'auto' },
  labels: { firstToken: { normal: '-' } },
  features: { unit: 'line', columns: ['level', 'status', 'latency'], scaling: 'standard' },
  // A fitted spec of some hundred kilobytes, written in one go.
  detectors: [{ id: 'if', type: 'isolation-forest', params: { trees: 50, seed: 1 } }],
  threshold: { run: 'if', method: 'contamination', value: 0.01 },
});
const folder = join(dir, 'a-folder');
mkdirSync(folder);

interface Exit {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/** Runs bin/law.js; with `firstLineOnly`, its standard output is closed after the first line, as `head -1` does. */
function lawProcess(args: string[], options: { firstLineOnly?: boolean; closeStderr?: boolean; uid?: number } = {}): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const ids = options.uid === undefined ? {} : { uid: options.uid, gid: options.uid };
    const child = spawn(process.execPath, ['bin/law.js', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], ...ids });
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (options.firstLineOnly && stdout.includes('\n')) {
        stdout = stdout.slice(0, stdout.indexOf('\n') + 1);
        child.stdout.destroy();
      }
    });
    if (options.closeStderr) child.stderr.destroy();
    else child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The exit codes `law --help` documents, by the kind of error. */
let codes: { data: number; spec: number; usage: number } | undefined;
function documentedCodes(): { data: number; spec: number; usage: number } {
  if (codes) return codes;
  const help = spawnSync(process.execPath, ['bin/law.js', '--help'], { cwd: root, encoding: 'utf8', timeout: 30_000 }).stdout;
  const code = (re: RegExp, what: string) => {
    const m = re.exec(help);
    expect(m, `law --help documents the exit code of ${what}`).not.toBeNull();
    return Number(m![1]);
  };
  const data = code(/(\d) the data could not be read/, 'data that cannot be read');
  const usage = code(/(\d) bad arguments or an invalid spec/, 'bad arguments');
  // The detail lines say which code a missing or unreadable file, --out and a spec file get.
  expect(code(/^\s+(\d)\s+also a data file that is missing, a folder, unreadable/m, 'a missing data file')).toBe(data);
  expect(code(/^\s+(\d)\s+also a spec file \(or its label file\) that cannot be read/m, 'an unreadable spec')).toBe(usage);
  expect(help).toMatch(/output file \(--out\) that cannot be written/);
  return (codes = { data, spec: usage, usage });
}

describe('law in a pipe whose reader stops early', () => {
  it('law parse big.log | head -1 (through sh): law exits 0, stderr empty', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; node bin/law.js parse '${big}' 2>'${join(dir, 'err.txt')}' | head -1; echo "law=\${PIPESTATUS[0]}"; cat '${join(dir, 'err.txt')}'`], {
      cwd: root, encoding: 'utf8', timeout: 50_000,
    });
    expect(r.stdout).toMatch(/^\{"line":1,"templateId":0,"template":"[^\n]+"\}\nlaw=0\n$/);
    expect(r.stderr).toBe('');
  });

  const commands: [string, string[]][] = [
    ['parse (jsonl)', ['parse', big]],
    ['parse --output templates', ['parse', big, '--output', 'templates']],
    ['score', ['score', '--config', spec, big]],
    ['fit', ['fit', spec]],
    ['run --format table', ['run', spec]],
    ['--help', ['--help']],
  ];
  for (const [name, args] of commands) {
    it(`${name}: the first line, then exit 0 with nothing on stderr`, async () => {
      const r = await lawProcess(args, { firstLineOnly: true });
      expect(r.stderr).toBe('');
      expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
      expect(r.stdout).toMatch(/^.+\n$/);
    });
  }

  it('a reader of stderr that goes away costs the notes, not the job: exit 0 and all of stdout', async () => {
    const invalid = write('invalid-utf8.log', Buffer.concat([Buffer.from('ok line\n'), Buffer.from([0xff, 0xfe]), Buffer.from(' bad\n')]).toString('latin1'));
    const r = await lawProcess(['parse', invalid], { closeStderr: true });
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(2);
  });
});

describe('law names the path of every file it cannot use, with the documented exit code', () => {
  const missing = join(dir, 'no-such.log');
  const cases: [string, string[], 'data' | 'spec', string][] = [
    ['a folder as --data', ['run', spec, '--data', folder], 'data', `law run: cannot read ${folder}: it is a folder, not a file`],
    ['a folder as law parse FILE', ['parse', folder], 'data', `law parse: cannot read ${folder}: it is a folder, not a file`],
    ['a folder as law score FILE', ['score', '--config', spec, folder], 'data', `law score: cannot read ${folder}: it is a folder, not a file`],
    ['a folder as law score --follow FILE', ['score', '--config', spec, '--follow', folder], 'data', `law score: cannot read ${folder}: it is a folder, not a file`],
    ['a missing --data', ['fit', spec, '--data', missing], 'data', `law fit: cannot read ${missing}: no such file`],
    ['a missing law parse FILE', ['parse', missing], 'data', `law parse: cannot read ${missing}: no such file`],
    ['a file as a folder in the path', ['parse', join(big, 'x.log')], 'data', `law parse: cannot read ${join(big, 'x.log')}: a part of the path is not a folder`],
    ['a folder as the spec', ['run', folder], 'spec', `law run: cannot read spec ${folder}: it is a folder, not a file`],
    ['a missing spec', ['fit', missing], 'spec', `law fit: cannot read spec ${missing}: no such file`],
    ['a folder as --config', ['score', '--config', folder, big], 'spec', `law score: cannot read spec ${folder}: it is a folder, not a file`],
    ['--out into a missing folder (refused before training)', ['fit', spec, '--out', join(dir, 'nowhere', 'fitted.json')], 'data',
      `law fit: cannot write ${join(dir, 'nowhere', 'fitted.json')}: no such file`],
    ['--out a folder', ['fit', spec, '--out', folder], 'data', `law fit: cannot write ${folder}: it is a folder, not a file`],
  ];
  for (const [name, args, kind, message] of cases) {
    it(name, () => {
      const r = spawnSync(process.execPath, ['bin/law.js', ...args], { cwd: root, encoding: 'utf8', timeout: 50_000 });
      expect(r.stderr).toBe(message + '\n');
      expect(r.status).toBe(documentedCodes()[kind]);
      expect(r.stdout).toBe('');
    });
  }

  it('an unreadable file', async (ctx) => {
    const locked = write('locked.log', 'a line\n');
    chmodSync(locked, 0o000);
    // Root reads a mode-000 file anyway: then law runs as nobody (uid 65534), for whom it is locked.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      const probe = await lawProcess(['--help'], { uid: 65534 });
      if (probe.code !== 0) {
        console.warn(`skipped "an unreadable file": running as root, and law cannot run as uid 65534 here (${probe.stderr.split('\n')[0]})`);
        return ctx.skip();
      }
      chmodSync(dir, 0o755);
    }
    const r = await lawProcess(['parse', locked], asRoot ? { uid: 65534 } : {});
    expect(r.stderr).toBe(`law parse: cannot read ${locked}: permission denied\n`);
    expect(r.code).toBe(documentedCodes().data);
  });
});
