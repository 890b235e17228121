// The feature part of `npm run bench` (run.ts calls it): each FEATURE_CASES
// entry in a fresh process on the seeded 1M-line webapp log, and hashed
// TF-IDF side by side with scikit-learn on the very same messages.
import { fileURLToPath } from 'node:url';
import { featureBenchData } from './feature-bench-data.ts';
import { FEATURE_CASES } from './feature-cases.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const PYTHON = '/usr/bin/python3';

type Run = (cmd: string, args: string[]) => unknown;
interface Result {
  seconds: number;
  maxRssMb: number;
  readSeconds?: number;
  phases?: Record<string, number>;
  shape?: [number, number];
  idf?: number[];
  /** scikit-learn only: cancelled collisions kept as explicit zeros, and the idf without them. */
  explicitZeros?: number;
  idfWithoutExplicitZeros?: number[];
}

const ok = (o: unknown): o is Result => !!o && typeof o === 'object' && 'seconds' in o;
const f = (v: unknown, d = 2) => (typeof v === 'number' ? v.toFixed(d) : '—');
const rate = (lines: number, s: unknown) => (typeof s === 'number' ? Math.round(lines / s).toLocaleString('en-US') : '—');

/**
 * Runs the feature cases `only` selects (all when null, or when it holds
 * `features`), prints their table and returns its rows.
 * @param runJson runs a command and parses the last line of its stdout
 * @param sklearn scikit-learn's version, null when absent (no side-by-side column)
 */
export async function runFeatureBench(only: string[] | null, runJson: Run, sklearn: string | null): Promise<Record<string, unknown>[]> {
  const cases = FEATURE_CASES.filter((c) => !only || only.includes('features') || only.includes(c.id));
  if (cases.length === 0) return [];
  const rows: Record<string, unknown>[] = [];
  const lines = cases[0].lines;
  const t0 = performance.now();
  const { log, messages } = await featureBenchData(lines);
  console.log(`\nfeatures: ${lines.toLocaleString('en-US')} webapp lines (seed 42) in ${log}; data ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  for (const c of cases) {
    const ours = runJson(process.execPath, ['--import', 'tsx', `${here}feature-case.ts`, c.id, log]);
    const theirs = c.sklearn && sklearn ? runJson(PYTHON, [`${here}sklearn_features.py`, messages, '128']) : null;
    const row: Record<string, unknown> = {
      case: c.id, what: c.what, lines: c.lines,
      seconds: ok(ours) ? ours.seconds : null,
      linesPerSecond: ok(ours) ? c.lines / ours.seconds : null,
      sklearnSeconds: ok(theirs) ? theirs.seconds : null,
      ratio: ok(ours) && ok(theirs) ? ours.seconds / theirs.seconds : null,
      peakMb: ok(ours) ? ours.maxRssMb : null,
      sklearnPeakMb: ok(theirs) ? theirs.maxRssMb : null,
      readSeconds: ok(ours) ? ours.readSeconds : null,
      phases: ok(ours) ? ours.phases : null,
      shape: ok(ours) ? ours.shape : null,
      error: !ok(ours) ? (ours as { error: string }).error : theirs && !ok(theirs) ? `sklearn: ${(theirs as { error: string }).error}` : undefined,
    };
    // Same numbers, not just the same work: the largest idf difference, to
    // scikit-learn's idf and to its idf once cancelled collisions are dropped.
    const maxDiff = (a: number[], b: number[]) => Math.max(...a.map((v, j) => Math.abs(v - b[j])));
    if (ok(ours) && ok(theirs) && ours.idf && theirs.idf && theirs.idfWithoutExplicitZeros) {
      row.maxIdfDifference = maxDiff(ours.idf, theirs.idf);
      row.maxIdfDifferenceWithoutExplicitZeros = maxDiff(ours.idf, theirs.idfWithoutExplicitZeros);
      row.sklearnExplicitZeros = theirs.explicitZeros;
    }
    rows.push(row);
    const phases = row.phases ? Object.entries(row.phases as Record<string, number>).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ') : '';
    console.log(`${c.id.padEnd(13)} ours ${f(row.seconds).padStart(7)} s (${rate(c.lines, row.seconds)} lines/s)  sklearn ${f(row.sklearnSeconds).padStart(7)} s  ratio ${f(row.ratio, 3).padStart(6)}  peak ${f(row.peakMb, 0)} MB / ${f(row.sklearnPeakMb, 0)} MB  ${row.shape ? (row.shape as number[]).join(' × ') : ''}${phases ? `  [${phases}]` : ''}${row.maxIdfDifference !== undefined ? `  max |idf diff| ${(row.maxIdfDifference as number).toExponential(1)} (${(row.maxIdfDifferenceWithoutExplicitZeros as number).toExponential(1)} without sklearn's ${row.sklearnExplicitZeros} explicit zeros)` : ''}${row.error ? `  [${row.error}]` : ''}`);
  }
  console.log('\n' + [
    '| case | what is timed | ours (s) | lines/s | scikit-learn (s) | ratio | peak MB ours / sklearn | output rows × cols |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.case} | ${r.what} | ${f(r.seconds)} | ${rate(r.lines as number, r.seconds)} | ${f(r.sklearnSeconds)} | ${f(r.ratio, 3)} | ${f(r.peakMb, 0)} / ${f(r.sklearnPeakMb, 0)} | ${r.shape ? (r.shape as number[]).join(' × ') : '—'} |`),
  ].join('\n'));
  return rows;
}
