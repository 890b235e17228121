// `law score` with a fitted spec (webapp line features, Isolation Forest), as
// users run it: whole processes, timed by GNU time (elapsed seconds and the
// process's peak RSS), output to /dev/null.
// - batch:  law score --config FITTED FILE (the file read whole)
// - stream: cat FILE | law score --config FITTED -
// - 5M:     the same 1M-line file piped five times (5M lines, 770 MB): the
//           peak RSS of an endless stream, which must not grow with it.
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { featureBenchData } from './feature-bench-data.ts';
import { haveGnuTime, root, timedLaw } from './timed-process.ts';

const LINES = 1_000_000;

export interface StreamRow {
  case: string;
  what: string;
  lines: number;
  seconds: number | null;
  linesPerSecond: number | null;
  peakMb: number | null;
  error?: string;
}

export async function runStreamBench(only: string[] | null): Promise<StreamRow[]> {
  const ids = ['score-batch', 'score-stream', 'score-stream-5m'];
  const wanted = (id: string) => !only || only.includes('stream') || only.includes(id);
  if (!ids.some(wanted)) return [];
  if (!haveGnuTime('streaming')) return [];
  const { log } = await featureBenchData(LINES);
  const dir = mkdtempSync(join(tmpdir(), 'law-bench-stream-'));
  const fitted = join(dir, 'webapp.fitted.json');
  const fit = await timedLaw(['fit', join(root, 'experiments/webapp-isolation-forest.json'), '--out', fitted], null);
  if ('error' in fit) return [{ case: 'stream', what: 'law fit', lines: 0, seconds: null, linesPerSecond: null, peakMb: null, error: fit.error }];
  const mb = (statSync(log).size / 1024 / 1024).toFixed(0);
  const cases: [string, string, string[], string[] | null, number][] = [
    ['score-batch', `law score --config FITTED FILE (1M lines, ${mb} MB, read whole)`, ['score', '--config', fitted, log], null, LINES],
    ['score-stream', 'cat FILE | law score --config FITTED -', ['score', '--config', fitted, '-'], [log], LINES],
    ['score-stream-5m', 'cat FILE ×5 | law score --config FITTED - (5M lines)', ['score', '--config', fitted, '-'], [log, log, log, log, log], 5 * LINES],
  ];
  const rows: StreamRow[] = [];
  console.log('\nlaw score with a fitted spec (webapp line features, Isolation Forest 100 trees), whole process:');
  for (const [id, what, args, inputs, lines] of cases) {
    if (!wanted(id)) continue;
    const r = await timedLaw(args, inputs);
    const row: StreamRow = 'error' in r
      ? { case: id, what, lines, seconds: null, linesPerSecond: null, peakMb: null, error: r.error }
      : { case: id, what, lines, seconds: r.seconds, linesPerSecond: lines / r.seconds, peakMb: r.peakMb };
    rows.push(row);
    const f = (v: number | null, d = 2) => (v === null ? '—' : v.toFixed(d));
    console.log(`${id.padEnd(16)} ${f(row.seconds).padStart(7)} s  ${row.linesPerSecond === null ? '—' : Math.round(row.linesPerSecond).toLocaleString('en-US')} lines/s  peak ${f(row.peakMb, 0)} MB  ${what}${row.error ? `  [${row.error}]` : ''}`);
  }
  return rows;
}
