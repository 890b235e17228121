import { afterAll, describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('bin/law.js (what `npx law` runs)', () => {
  it('--help prints the usage and exits 0', () => {
    const r = spawnSync(process.execPath, ['bin/law.js', '--help'], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: law <command> [options]');
    expect(r.stderr).toBe('');
  });

  it('passes the exit code of an error on: unknown command → 2', () => {
    const r = spawnSync(process.execPath, ['bin/law.js', 'frobnicate'], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('law: unknown command "frobnicate" (commands: run, fit, score, watch, parse, screen; see law --help)\n');
  });
});

describe('the CLI build (dist-cli/, what bin/law.js runs when it is up to date)', () => {
  // Built into a folder of its own (inside the checkout, so that packages
  // resolve from node_modules as they do for dist-cli/) so the test checks this
  // checkout's sources, whatever state the repo's own dist-cli/ is in.
  const out = mkdtempSync(join(root, 'dist-cli-test-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('prints what the sources print, for a lazily loaded command and its errors', async () => {
    const build = spawnSync(process.execPath, ['scripts/build-cli.mjs', out], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    // The retrain thread of `law watch` is an entry of its own beside the chunks.
    expect(existsSync(join(out, 'retrain-thread.js'))).toBe(true);
    const log = join(out, 'app.log');
    writeFileSync(log, ['GET /a 200 12ms', 'GET /b 200 9ms', 'POST /c 500 900ms', 'user 7 logged in'].join('\n') + '\n');
    // Plain Node for the build (no TypeScript loader may be needed), tsx for the sources.
    const run = (entry: string, args: string[]) => {
      const script = `const { main } = await import(${JSON.stringify(entry)}); process.exitCode = await main(${JSON.stringify(args)});`;
      const loader = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
      return spawnSync(process.execPath, [...loader, '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    };
    for (const args of [['parse', log], ['parse', join(out, 'missing.log')], ['score']]) {
      const fromBuild = run(pathToFileURL(join(out, 'main.js')).href, args);
      const fromSource = run(pathToFileURL(join(root, 'app/cli/main.ts')).href, args);
      expect({ out: fromBuild.stdout, err: fromBuild.stderr, code: fromBuild.status }).toEqual({ out: fromSource.stdout, err: fromSource.stderr, code: fromSource.status });
    }
    expect(run(pathToFileURL(join(out, 'main.js')).href, ['parse', log]).stdout).toContain('<*>');
  });
});
