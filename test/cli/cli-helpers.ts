import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { main } from '../../app/cli/main.ts';

export interface LawResult {
  code: number;
  /** Standard output, one entry per line. */
  out: string[];
  /** Standard output as printed. */
  text: string;
  err: string[];
}

/** Runs `law ARGV` in-process, collecting what it prints. */
export async function law(...argv: string[]): Promise<LawResult> {
  const out: string[] = [];
  const err: string[] = [];
  // A command may print several lines at once (a batch of scored units): one entry per line here.
  const code = await main(argv, (s) => { out.push(...s.split('\n')); }, (s) => { err.push(s); });
  return { code, out, text: out.join('\n'), err };
}

/** A fresh folder under the system temp dir, removed after the file's tests; returns a writer of files in it. */
export function tempFolder(): { dir: string; write: (name: string, content: string | object) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'law-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write(name, content) {
      const path = join(dir, name);
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      return path;
    },
  };
}

/** Four labelled lines, the third an obvious outlier. */
export const SMALL_LOG = [
  '- INFO GET /a status=200 latency_ms=10',
  '- INFO GET /a status=200 latency_ms=12',
  'ERR ERROR GET /a status=500 latency_ms=900',
  '- INFO GET /b status=200 latency_ms=11',
].join('\n') + '\n';

export const smallSpec = (path = 'small.log') => ({
  version: 1,
  name: 'small',
  source: { path, format: 'auto' },
  labels: { firstToken: { normal: '-' } },
  features: { unit: 'line', columns: ['level', 'status', 'latency'], scaling: 'standard' },
  detectors: [{ id: 'if', type: 'isolation-forest', params: { trees: 20, seed: 3 } }],
  threshold: { run: 'if', method: 'contamination', value: 0.25 },
});
