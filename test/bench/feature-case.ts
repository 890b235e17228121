// Runs one feature benchmark case in a fresh process and prints one JSON line:
// {"seconds", "maxRssMb", "readSeconds", "phases", "shape", "idf"?}.
// The log is read first (timed apart as readSeconds); `seconds` times the
// case alone, from the LogData in memory. Usage: tsx feature-case.ts CASE_ID LOG_FILE
import { fileSource } from '../../app/cli/node-source.ts';
import { applyLabels } from '../../app/core/ingest/apply-labels.ts';
import { readLogs } from '../../app/core/ingest/read-logs.ts';
import type { Matrix } from '../../app/core/matrix.ts';
import { buildFeatures } from '../../app/core/features/build-features.ts';
import { eventCountMatrix, fitEventColumns, templateEvents } from '../../app/core/features/event-count-matrix.ts';
import { fitHashedTfidfCounts, hashedCountsSparse, tfidfOfCounts } from '../../app/core/features/hashed-tfidf.ts';
import { sessionUnits } from '../../app/core/features/session-units.ts';
import { windowFeatures } from '../../app/core/features/window-aggregates.ts';
import { windowUnits } from '../../app/core/features/window-units.ts';
import { parseLines } from '../../app/core/parse/line-fields.ts';
import { WEBAPP_LABELS } from './feature-bench-data.ts';

const [id, file] = process.argv.slice(2);

const phases: Record<string, number> = {};
function timed<T>(name: string, f: () => T): T {
  const t0 = performance.now();
  const out = f();
  phases[name] = (performance.now() - t0) / 1000;
  return out;
}

const t0 = performance.now();
const { data } = applyLabels(await readLogs([fileSource(file)]), WEBAPP_LABELS);
const readSeconds = (performance.now() - t0) / 1000;

let idf: number[] | undefined;
const cases: Record<string, () => Pick<Matrix, 'rows' | 'cols'>> = {
  'feat-read': () => ({ rows: data.line.length, cols: 0, data: new Float64Array(0), names: [] }),
  'feat-line': () => buildFeatures(data, { unit: 'line', scaling: 'standard' }).matrix,
  'feat-window': () => {
    const units = timed('windowUnits', () => windowUnits(data.timestamp, { size: 60_000 }));
    const parsed = timed('parseLines', () => parseLines(data));
    return timed('windowFeatures', () => windowFeatures(units, parsed, data, { aggregates: ['count', 'errors', 'templates', 'sum:bytes'] }));
  },
  'feat-session': () => {
    const units = timed('sessionUnits', () => sessionUnits(data, { pattern: 'user=(\\S+)' }));
    const parsed = timed('parseLines', () => parseLines(data));
    return timed('eventCounts', () => {
      const events = templateEvents(parsed.templateId, parsed.templates, units, data.timestamp);
      return eventCountMatrix(events, fitEventColumns(events));
    });
  },
  // Sparse rows, as scikit-learn's: the counts once, then fit and weight (fitTransformHashedTfidf, in phases).
  'feat-tfidf': () => {
    const counts = timed('counts', () => hashedCountsSparse(data.message, 128, true));
    const state = timed('fit', () => fitHashedTfidfCounts(counts, true));
    idf = state.idf;
    const m = timed('weight', () => tfidfOfCounts(counts, state, counts.values));
    return { rows: m.rows, cols: m.cols };
  },
};
const run = cases[id];
if (!run) throw new Error(`unknown feature case "${id}" (known: ${Object.keys(cases).join(', ')})`);

const t1 = performance.now();
const m = run();
const seconds = id === 'feat-read' ? readSeconds : (performance.now() - t1) / 1000;
console.log(JSON.stringify({ seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, readSeconds, phases, shape: [m.rows, m.cols], idf }));
