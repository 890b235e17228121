import { joinLabels, type LabelJoin } from './label-join.ts';
import { fieldColumn, type LogData } from './log-data.ts';
import { ownRecord } from './own-record.ts';
import { parseTimestampValue } from './timestamp.ts';

export type { LabelJoin } from './label-join.ts';

/** A span of time, ISO 8601 (UTC when no zone is written); both ends included. */
export interface TimeRange {
  from: string;
  to: string;
}

/** Where labels come from (spec `labels`). */
export type LabelRule =
  | { column: string; anomalous: (string | number | boolean)[] }
  | { column: string; normal: (string | number | boolean)[] }
  | { firstToken: { normal: string } }
  | { join: LabelJoin }
  | { timeRanges: TimeRange[] };

/**
 * The spec's form of a label file: `{ file, key, column, anomalous }`. Core
 * never reads files: the caller reads `file`, then calls `joinRuleFromFile`.
 */
export interface LabelFileRule extends Omit<LabelJoin, 'rows'> {
  file: string;
}

export interface LabelledData {
  /** The data as parsing and features may see it: no label column, no label token. */
  data: LogData;
  /** Per row: 1 anomalous, 0 normal; null when there is no rule. */
  labels: Int8Array | null;
  /**
   * `join`: rows with no key in the label table (labelled normal);
   * `timeRanges`: rows without a timestamp (labelled normal). Absent otherwise.
   */
  unmatched?: number;
}

/** The `join` rule for a label file whose rows the caller has read (`parseLabelFile`). */
export function joinRuleFromFile(rule: LabelFileRule, rows: Record<string, string>[]): { join: LabelJoin } {
  const { file: _file, ...join } = rule;
  return { join: { ...join, rows } };
}

/**
 * Reads labels and removes them from what parsing and features see, so that a
 * label can never leak into a detector's input.
 *
 * - `column`: the field's values are compared as text with the listed values;
 *   the field is removed.
 * - `firstToken`: Loghub's BGL/Thunderbird rule — the first token of the line
 *   is an alert tag, `normal` (usually `-`) meaning normal; the token is cut
 *   from the message.
 * - `join`: labels from a separate table joined on a key (see `LabelJoin`);
 *   nothing is removed, the labels live outside the data.
 * - `timeRanges`: rows whose timestamp falls in any range (ends included) are
 *   anomalous — incidents known by their time.
 */
export function applyLabels(data: LogData, rule: LabelRule | null | undefined): LabelledData {
  if (!rule) return { data, labels: null };
  if ('join' in rule) return { data, ...joinLabels(data, rule.join) };
  if ('timeRanges' in rule) return { data, ...labelTimeRanges(data, rule.timeRanges) };
  const n = data.line.length;
  const labels = new Int8Array(n);
  if ('firstToken' in rule) {
    const normal = rule.firstToken.normal;
    const message = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const text = data.message[i];
      const m = /^\s*(\S+)\s?/.exec(text);
      const token = m ? m[1] : '';
      labels[i] = token === normal ? 0 : 1;
      message[i] = m ? text.slice(m[0].length) : text;
    }
    return { data: { ...data, message }, labels };
  }
  const column = fieldColumn(data, rule.column);
  if (!column) {
    const names = Object.keys(data.fields);
    throw new Error(
      `labels.column: no field "${rule.column}" in ${data.files.map((f) => f.name).join(', ')}` +
        (names.length ? ` (fields: ${names.slice(0, 20).join(', ')})` : ' (it has no fields: use firstToken for plain text)'),
    );
  }
  const anomalous = 'anomalous' in rule;
  const listed = new Set(('anomalous' in rule ? rule.anomalous : rule.normal).map((v) => String(v)));
  for (let i = 0; i < n; i++) {
    const v = column[i];
    const text = v === null || (typeof v === 'number' && Number.isNaN(v)) ? '' : String(v);
    labels[i] = listed.has(text) === anomalous ? 1 : 0;
  }
  const fields = ownRecord<(typeof data.fields)[string]>();
  for (const name of Object.keys(data.fields)) if (name !== rule.column) fields[name] = data.fields[name];
  return { data: { ...data, fields }, labels };
}

function labelTimeRanges(data: LogData, ranges: TimeRange[]): { labels: Int8Array; unmatched: number } {
  if (!Array.isArray(ranges) || ranges.length === 0) throw new Error('labels.timeRanges: expected a list of { from, to }');
  const spans = ranges.map((r, k) => {
    const from = parseTimestampValue(r?.from);
    const to = parseTimestampValue(r?.to);
    if (Number.isNaN(from)) throw new Error(`labels.timeRanges[${k}].from: ${JSON.stringify(r?.from)} is not an ISO 8601 time`);
    if (Number.isNaN(to)) throw new Error(`labels.timeRanges[${k}].to: ${JSON.stringify(r?.to)} is not an ISO 8601 time`);
    if (to < from) throw new Error(`labels.timeRanges[${k}]: "to" (${r.to}) is before "from" (${r.from})`);
    return [from, to];
  });
  const n = data.line.length;
  const labels = new Int8Array(n);
  let unmatched = 0;
  for (let i = 0; i < n; i++) {
    const t = data.timestamp[i];
    if (Number.isNaN(t)) unmatched++;
    else if (spans.some(([from, to]) => t >= from && t <= to)) labels[i] = 1;
  }
  return { labels, unmatched };
}

/** How many units are labelled anomalous. */
export function countAnomalies(labels: Int8Array | null): number | null {
  if (!labels) return null;
  let k = 0;
  for (let i = 0; i < labels.length; i++) k += labels[i];
  return k;
}
