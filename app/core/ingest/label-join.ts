import { FieldError } from '../field-error.ts';
import { LinearRegex } from '../linear-regex.ts';
import { fieldColumn, type LogData } from './log-data.ts';
import { ownValue } from './own-record.ts';

/**
 * Labels from a separate table, joined to the rows on a key (the spec's
 * `{ file, key, column, anomalous }` once the caller has read the file with
 * `parseLabelFile`). HDFS: `anomaly_label.csv` (`BlockId,Label`) joined on
 * the block id that each log line mentions.
 */
export interface LabelJoin {
  /** The label table, one object per row (`parseLabelFile`). */
  rows: Record<string, string>[];
  /**
   * A field of the data (e.g. `BlockId` of a session CSV), or else a regular
   * expression found in each row's message (e.g. `blk_-?\d+`): every match is
   * a key (its first group, if it has one). A plain name (letters, digits,
   * `_ . @ -`) is always taken for a field.
   */
  key: string;
  /** The table's key column; default the column named like `key`, else the first column that is not `column`. */
  keyColumn?: string;
  /** The table's label column, e.g. `Label`. */
  column: string;
  /** Label values meaning anomalous (compared as text); default `["Anomaly"]`, Loghub's. */
  anomalous?: string[];
  /** Or: label values meaning normal, everything else anomalous. */
  normal?: string[];
}

/** Per row 1 anomalous, 0 normal, and how many rows found no key in the table (they are normal). */
export interface JoinedLabels {
  labels: Int8Array;
  unmatched: number;
}

/**
 * Labels rows by their key's label in the table. A row with several keys
 * (a line naming two blocks) is anomalous when any of them is; a key listed
 * twice in the table is anomalous when any of its rows is. Rows whose keys are
 * all absent from the table, or that have no key, are normal and counted in
 * `unmatched`.
 */
export function joinLabels(data: LogData, join: LabelJoin): JoinedLabels {
  const table = join.rows;
  if (!Array.isArray(table) || table.length === 0) throw new Error('labels.join.rows: the label table has no rows');
  const columns = Object.keys(table[0]);
  if (!columns.includes(join.column)) {
    throw new Error(`labels.join.column: the label table has no column "${join.column}" (columns: ${columns.join(', ')})`);
  }
  const keyColumn = join.keyColumn ?? (columns.includes(join.key) ? join.key : columns.find((c) => c !== join.column));
  if (keyColumn === undefined || !columns.includes(keyColumn)) {
    throw new Error(`labels.join.keyColumn: the label table has no column "${keyColumn ?? ''}" (columns: ${columns.join(', ')})`);
  }
  const listed = new Set((join.anomalous ?? join.normal ?? ['Anomaly']).map((v) => String(v).trim()));
  const meansAnomalous = join.anomalous !== undefined || join.normal === undefined;
  const byKey = new Map<string, boolean>();
  for (const row of table) {
    const k = String(ownValue(row, keyColumn) ?? '').trim();
    const anomalous = listed.has(String(ownValue(row, join.column) ?? '').trim()) === meansAnomalous;
    byKey.set(k, (byKey.get(k) ?? false) || anomalous);
  }

  const keysOf = rowKeys(data, join.key);
  const n = data.line.length;
  const labels = new Int8Array(n);
  let unmatched = 0;
  for (let i = 0; i < n; i++) {
    let found = false;
    let anomalous = false;
    for (const k of keysOf(i)) {
      const a = byKey.get(k);
      if (a === undefined) continue;
      found = true;
      anomalous ||= a;
    }
    if (!found) unmatched++;
    labels[i] = anomalous ? 1 : 0;
  }
  return { labels, unmatched };
}

/** The keys of row i: its field's value, or the regular expression's matches in its message. */
function rowKeys(data: LogData, key: string): (i: number) => string[] {
  const column = fieldColumn(data, key);
  if (column) {
    return (i) => {
      const v = column[i];
      return v === null || (typeof v === 'number' && Number.isNaN(v)) ? [] : [String(v).trim()];
    };
  }
  const names = Object.keys(data.fields);
  if (/^[\w.@-]+$/.test(key)) {
    throw new Error(
      `labels.join.key: no field "${key}" in ${data.files.map((f) => f.name).join(', ')}` +
        (names.length ? ` (fields: ${names.slice(0, 20).join(', ')})` : ' (it has no fields)') +
        '; to find the key in the message, give a regular expression such as "blk_-?\\d+"',
    );
  }
  let re: LinearRegex;
  try {
    // The linear-time engine: the key runs on every message, which an attacker may write.
    re = LinearRegex.compile(key, 'labels.join.key');
  } catch (e) {
    throw new Error(`labels.join.key: "${key}" is neither a field nor a usable regular expression (${e instanceof FieldError ? e.detail : (e as Error).message})`, { cause: e });
  }
  return (i) => {
    const out: string[] = [];
    for (const m of re.matchAll(data.message[i])) {
      const k = m.group1 ?? m.text;
      if (k !== '') out.push(k);
    }
    return out;
  };
}
