import type { Matrix } from '../matrix.ts';
import { ownValue } from '../ingest/own-record.ts';
import { LATENCY_KEYS, STATUS_KEYS } from '../parse/http-fields.ts';
import type { ParsedLines } from '../parse/line-fields.ts';
import { TIMESTAMP_FIELDS } from '../ingest/timestamp.ts';
import { BASELINE_LINE_COLUMNS, LINE_COLUMNS } from './feature-spec.ts';
import { leaveOutIdentifiers, type LeftOutColumn } from './identifier-columns.ts';

/** Numeric fields that already feed a named column, or hold a time, are not offered twice. */
const COVERED = new Set<string>([...STATUS_KEYS, ...LATENCY_KEYS.map(([k]) => k), ...TIMESTAMP_FIELDS, 'LineId', 'line']);

/**
 * Every line column the user can pick: the parsed ones, the ones judged
 * against the baseline (`variable-range`; never a default), plus each
 * numeric field or key=value number present in at least 1 % of rows.
 */
export function availableLineColumns(parsed: ParsedLines): string[] {
  return [...LINE_COLUMNS, ...BASELINE_LINE_COLUMNS, ...numericFields(parsed, 0.01).map((f) => `field:${f}`)];
}

/**
 * The line columns used when the user picked none: the parsed ones, plus the
 * numbers present in at least half the rows that do not look like
 * identifiers, counters or times on the training rows (see
 * `identifier-columns.ts`). A number that only some kinds of line carry (say
 * `items=` on order lines) would otherwise make those ordinary lines look
 * anomalous just for having it.
 * @param trainRows the training rows (all when omitted)
 */
export function defaultLineColumns(parsed: ParsedLines, trainRows?: ArrayLike<number>): string[] {
  return lineDefaults(parsed, trainRows).columns;
}

/**
 * The default line columns and the numbers they leave out, each with the
 * reason in words (`field:pid`: looks like an identifier (named “pid”, …)).
 * @param trainRows the training rows (all when omitted)
 */
export function lineDefaults(parsed: ParsedLines, trainRows?: ArrayLike<number>): { columns: string[]; leftOut: LeftOutColumn[] } {
  const numbers = numericFields(parsed, 0.5).map((f) => ({ column: `field:${f}`, field: f, values: parsed.numbers[f] }));
  const { columns, leftOut } = leaveOutIdentifiers(numbers, trainRows);
  return { columns: [...LINE_COLUMNS, ...columns], leftOut };
}

function numericFields(parsed: ParsedLines, minShare: number): string[] {
  return Object.keys(parsed.numbers)
    .filter((name) => !COVERED.has(name) && share(parsed, name) >= minShare)
    .sort();
}

/**
 * One row per log line. Missing values get a neutral fill: level INFO (2),
 * everything else 0.
 * @param computed columns built elsewhere from more than the parse (the
 *   baseline columns: `variable-range`), by name
 * @throws when a column is unknown, naming it and the known ones
 */
export function lineFeatures(parsed: ParsedLines, columns: string[], templateShare?: Record<string, number>, computed: Record<string, ArrayLike<number>> = {}): Matrix {
  const n = parsed.length.length;
  const cols = columns.length;
  const data = new Float64Array(n * cols);
  columns.forEach((name, j) => {
    const source = ownValue(computed, name) ?? lineColumn(parsed, name, templateShare);
    const fill = name === 'level' ? 2 : 0;
    for (let i = 0; i < n; i++) {
      const v = source[i];
      data[i * cols + j] = Number.isFinite(v) ? v : fill;
    }
  });
  return { rows: n, cols, data, names: [...columns] };
}

/**
 * Per column, how many rows had no value and got the fill: no level, no
 * status, no latency, no such field; for `template`, rows matching no known
 * template. Length and token counts are never missing.
 */
export function lineMissing(parsed: ParsedLines, columns: string[], computedMissing: Record<string, number> = {}): number[] {
  return columns.map((name) => {
    const known = ownValue(computedMissing, name);
    if (known !== undefined) return known;
    if (name === 'length' || name === 'tokens') return 0;
    if (name === 'template') return parsed.templateId.reduce((k, id) => k + (id < 0 ? 1 : 0), 0);
    const source = lineColumn(parsed, name);
    let k = 0;
    for (let i = 0; i < source.length; i++) if (!Number.isFinite(source[i])) k++;
    return k;
  });
}

/**
 * @param templateShare template shares by template id, learned on training
 *   data; a template it does not know gets share 0 (never seen = rarest)
 */
function lineColumn(parsed: ParsedLines, name: string, templateShare?: Record<string, number>): ArrayLike<number> {
  switch (name) {
    case 'level': return parsed.level;
    case 'status': return parsed.status;
    case 'latency': return parsed.latency;
    case 'length': return parsed.length;
    case 'tokens': return parsed.tokens;
    case 'template': {
      // A template the training rows never had (id −1, or an id without a
      // share) gets share 0: never seen is the rarest there is.
      const n = parsed.templateId.length;
      return Float64Array.from(parsed.templateId, (id) =>
        id < 0 ? 0 : templateShare ? (templateShare[id] ?? 0) : parsed.templateCounts[id] / n,
      );
    }
  }
  if (name.startsWith('field:')) {
    const field = name.slice(6);
    const col = ownValue(parsed.numbers, field);
    if (col) return col;
    throw new Error(`features.columns: no numeric field or key=value number "${field}" in the data` + knownFields(parsed));
  }
  throw new Error(`features.columns: unknown line column "${name}" (known: ${[...LINE_COLUMNS, ...BASELINE_LINE_COLUMNS].join(', ')}, field:NAME)`);
}

function knownFields(parsed: ParsedLines): string {
  const names = Object.keys(parsed.numbers);
  return names.length ? ` (numeric: ${names.slice(0, 15).join(', ')})` : '';
}

/** The share of rows with a value of `name`, counted without making a sparse column full. */
function share(parsed: ParsedLines, name: string): number {
  const rows = parsed.numberRows && ownValue(parsed.numberRows, name);
  if (rows === undefined) return presentShare(parsed.numbers[name]);
  return parsed.length.length ? rows / parsed.length.length : 0;
}

function presentShare(col: Float64Array): number {
  let k = 0;
  for (let i = 0; i < col.length; i++) if (!Number.isNaN(col[i])) k++;
  return col.length ? k / col.length : 0;
}
