import type { LogData } from './log-data.ts';

/** Where labels come from (spec `labels`). */
export type LabelRule =
  | { column: string; anomalous: (string | number | boolean)[] }
  | { column: string; normal: (string | number | boolean)[] }
  | { firstToken: { normal: string } };

export interface LabelledData {
  /** The data as parsing and features may see it: no label column, no label token. */
  data: LogData;
  /** Per row: 1 anomalous, 0 normal; null when there is no rule. */
  labels: Int8Array | null;
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
 */
export function applyLabels(data: LogData, rule: LabelRule | null | undefined): LabelledData {
  if (!rule) return { data, labels: null };
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
  const column = data.fields[rule.column];
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
  const { [rule.column]: _removed, ...fields } = data.fields;
  return { data: { ...data, fields }, labels };
}

/** How many units are labelled anomalous. */
export function countAnomalies(labels: Int8Array | null): number | null {
  if (!labels) return null;
  let k = 0;
  for (let i = 0; i < labels.length; i++) k += labels[i];
  return k;
}
