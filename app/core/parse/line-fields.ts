import type { FieldColumn, LogData } from '../ingest/log-data.ts';
import { fieldColumn, hasField, isNumericColumn } from '../ingest/log-data.ts';
import { ownRecord } from '../ingest/own-record.ts';
import { httpStatus, latencyMs } from './http-fields.ts';
import { keyValuePairs } from './key-values.ts';
import { logLevel } from './log-level.ts';
import { TemplateMiner, type MinerState, type TemplateMinerOptions } from './template-miner.ts';

/** Looks a value up by key: a JSON/CSV field first, then a key=value pair of the message. */
export type KeyValueLookup = (key: string) => unknown;

/** What parsing recognises in every row, as columns. NaN marks "not found". */
export interface ParsedLines {
  /** Severity 0–5 (TRACE…FATAL). */
  level: Float64Array;
  /** HTTP status code. */
  status: Float64Array;
  /** Latency in milliseconds. */
  latency: Float64Array;
  /** Message length in characters. */
  length: Float64Array;
  /** Whitespace-separated tokens in the message. */
  tokens: Float64Array;
  /** Template id per row, into `templates`; −1 for a row that matches no known template. */
  templateId: Int32Array;
  /** Template text by id (`<*>` marks a variable). */
  templates: string[];
  /** Rows per template id. */
  templateCounts: number[];
  /** The miner's state after these rows: learned templates, to match new data against. */
  miner: MinerState;
  /**
   * Numeric values by name: numeric JSON/CSV fields and numeric key=value
   * pairs. Keyed by log text: made without a prototype; read it with
   * `ownValue` (a structured clone has `Object.prototype` again).
   */
  numbers: Record<string, Float64Array>;
  /**
   * Rows with a value, per key=value column of `numbers` (not per field):
   * those columns are kept sparse until read, and a count must not make them
   * full. Absent where the parse predates it.
   */
  numberRows?: Record<string, number>;
}

const LEVEL_FIELDS = ['level', 'severity', 'loglevel', 'log.level', 'Level', 'lvl'];

/** How templates are found: mined afresh, or matched against templates mined before. */
export interface TemplateSource {
  /** Miner options for mining afresh (spec `parse.templates`). */
  options?: Partial<TemplateMinerOptions>;
  /** Templates learned on training data: rows are matched, never mined (unseen → −1). */
  learned?: MinerState;
  /** Mine on these rows only, then match every row against what they taught (the training part). */
  trainRows?: Int32Array;
}

/**
 * Parses every row's message into the columns line features are built from.
 * Reads `data.message`, never `raw`, so labels cut by `applyLabels` stay out.
 */
export function parseLines(data: LogData, onProgress?: (fraction: number) => void, source: TemplateSource = {}): ParsedLines {
  const parser = new LineParser(source, data.line.length);
  parser.push(data, onProgress);
  return parser.finish();
}

/**
 * The numeric values of one key=value key, as (row, value) pairs: most keys
 * appear on few lines (`page=` on one line in seven of the webapp log, and
 * some 25 such keys), and a full column per key was most of parsing's memory.
 * A full column is made when it is first read.
 */
class SparseColumn {
  rows = new Int32Array(64);
  values = new Float64Array(64);
  length = 0;
  set(row: number, value: number): void {
    if (this.length === this.rows.length) {
      const rows = new Int32Array(this.length * 2);
      rows.set(this.rows);
      this.rows = rows;
      const values = new Float64Array(this.length * 2);
      values.set(this.values);
      this.values = values;
    }
    this.rows[this.length] = row;
    this.values[this.length++] = value;
  }
  dense(n: number): Float64Array {
    const out = new Float64Array(n).fill(NaN);
    for (let k = 0; k < this.length; k++) out[this.rows[k]] = this.values[k];
    return out;
  }
}

/**
 * `parseLines` in steps: push the rows batch after batch (the batches of a
 * stream, each dropped once parsed), then `finish`; the result is the same as
 * one `parseLines` of all the rows. Rows with JSON/CSV fields, and mining on a
 * training part first (`trainRows`), need all rows at once: one push.
 */
export class LineParser {
  private capacity: number;
  private n = 0;
  private pushes = 0;
  private level: Float64Array;
  private status: Float64Array;
  private latency: Float64Array;
  private length: Float64Array;
  private tokens: Float64Array;
  private templateId: Int32Array;
  private readonly miner: TemplateMiner;
  private readonly kvValues = new Map<string, SparseColumn>();
  private readonly kvNonNumeric = new Set<string>();
  private fieldNumbers: [string, Float64Array][] = [];
  private onePushOnly = false;

  constructor(private readonly source: TemplateSource = {}, capacity = 1 << 16) {
    this.capacity = Math.max(1, capacity);
    this.level = new Float64Array(this.capacity);
    this.status = new Float64Array(this.capacity);
    this.latency = new Float64Array(this.capacity);
    this.length = new Float64Array(this.capacity);
    this.tokens = new Float64Array(this.capacity);
    this.templateId = new Int32Array(this.capacity);
    this.miner = source.learned ? TemplateMiner.fromJSON(source.learned) : new TemplateMiner(source.options);
  }

  /** Rows pushed so far. */
  get rows(): number {
    return this.n;
  }

  /** Parses these rows after the ones pushed before. */
  push(data: LogData, onProgress?: (fraction: number) => void): void {
    const count = data.line.length;
    const fieldNames = Object.keys(data.fields);
    if (this.pushes > 0 && (this.onePushOnly || fieldNames.length > 0 || this.source.trainRows)) {
      throw new Error('LineParser: rows with fields, or with a training part, are parsed in one push');
    }
    this.pushes++;
    this.onePushOnly ||= fieldNames.length > 0;
    this.ensure(this.n + count);
    const { miner, source, kvValues, kvNonNumeric } = this;
    // With a training part, templates are mined on it first, then every row is matched.
    if (!source.learned && source.trainRows && source.trainRows.length < count) {
      for (const r of source.trainRows) miner.learn(data.message[r]);
    }
    const matchOnly = !!source.learned || (!!source.trainRows && source.trainRows.length < count);
    const levelField = LEVEL_FIELDS.find((f) => hasField(data, f));
    const levelColumn = levelField ? data.fields[levelField] : undefined;

    // One lookup for every row, reading the row in `i` and its pairs: a
    // closure per row, a record per row's pairs, and a field lookup per key
    // and row cost more than the parsing. The lookups ask for a fixed set of
    // keys, so their field columns are cached.
    const columns = new Map<string, FieldColumn | undefined>();
    let i = 0;
    const keys: string[] = [];
    const values: string[] = [];
    let pairs = 0;
    const get: KeyValueLookup = (key) => {
      let col = columns.get(key);
      if (col === undefined && !columns.has(key)) columns.set(key, (col = fieldColumn(data, key)));
      if (col) {
        const v = col[i];
        if (v !== null && !(typeof v === 'number' && Number.isNaN(v))) return v;
      }
      // The last of a repeated key wins, as in `keyValues`.
      for (let p = pairs - 1; p >= 0; p--) if (keys[p] === key) return values[p];
      return undefined;
    };

    const { level, status, latency, length, tokens, templateId } = this;
    const every = Math.max(1, Math.ceil(count / 50));
    for (; i < count; i++) {
      if (onProgress && i % every === 0) onProgress(i / count);
      const row = this.n + i;
      const message = data.message[i];
      pairs = keyValuePairs(message, keys, values);
      level[row] = logLevel(message, levelColumn ? levelColumn[i] : undefined);
      status[row] = httpStatus(message, get);
      latency[row] = latencyMs(message, get);
      length[row] = message.length;
      tokens[row] = countTokens(message);
      templateId[row] = matchOnly ? miner.match(message) : miner.learn(message);
      // Each key once, where it first appears, with its last value (the order
      // and values of `Object.keys(keyValues(message))`): a key's column is
      // made at its first numeric value, so the columns' order is the same.
      next: for (let p = 0; p < pairs; p++) {
        const key = keys[p];
        let last = p;
        for (let q = 0; q < pairs; q++) {
          if (keys[q] !== key) continue;
          if (q < p) continue next;
          last = q;
        }
        if (kvNonNumeric.has(key)) continue;
        const text = values[last];
        const v = Number(text);
        if (!Number.isFinite(v) || (v === 0 && text.trim() === '')) {
          kvNonNumeric.add(key);
          kvValues.delete(key);
          continue;
        }
        let col = kvValues.get(key);
        if (!col) kvValues.set(key, (col = new SparseColumn()));
        col.set(row, v);
      }
    }
    this.n += count;
    for (const name of fieldNames) {
      const col = data.fields[name];
      if (isNumericColumn(col)) this.fieldNumbers.push([name, col]);
    }
  }

  /** The columns of every row pushed, and the templates as they stand after the last row. */
  finish(): ParsedLines {
    const { n, miner } = this;
    // A view when the room left is small (a good `reserve`): a copy would double the columns for a moment.
    const exact = <T extends Float64Array | Int32Array>(a: T): T => (a.length === n ? a : a.length - n <= n / 8 ? (a.subarray(0, n) as T) : (a.slice(0, n) as T));
    const numbers = ownRecord<Float64Array>();
    const numberRows = ownRecord<number>();
    for (const [key, col] of this.kvValues) {
      numberRows[key] = col.length;
      // Made full on first read and kept; enumerable, so Object.keys and a structured clone see it as a value.
      let dense: Float64Array | undefined;
      Object.defineProperty(numbers, key, { enumerable: true, configurable: true, get: () => (dense ??= col.dense(n)) });
    }
    for (const [name, col] of this.fieldNumbers) Object.defineProperty(numbers, name, { enumerable: true, configurable: true, writable: true, value: col });
    // Templates merge as mining goes on: give every row its template's final id.
    const templateId = exact(this.templateId);
    const templates = Array.from({ length: miner.size }, (_, id) => miner.template(miner.canonical(id)));
    const templateCounts = new Array<number>(miner.size).fill(0);
    for (let i = 0; i < n; i++) {
      if (templateId[i] < 0) continue;
      templateId[i] = miner.canonical(templateId[i]);
      templateCounts[templateId[i]]++;
    }
    return {
      level: exact(this.level), status: exact(this.status), latency: exact(this.latency), length: exact(this.length), tokens: exact(this.tokens),
      templateId, templates, templateCounts, miner: miner.toJSON(), numbers, numberRows,
    };
  }

  /** Makes room for this many rows in all (a stream's estimate from its size), so the columns need not double as they fill. */
  reserve(rows: number): void {
    if (rows > this.capacity) this.resize(Math.ceil(rows));
  }

  /** Room for `rows` rows in every column (doubling, so pushing batches stays linear). */
  private ensure(rows: number): void {
    if (rows > this.capacity) this.resize(Math.max(rows, this.capacity * 2));
  }

  private resize(capacity: number): void {
    const grow = <T extends Float64Array | Int32Array>(a: T): T => {
      const grown = (a instanceof Int32Array ? new Int32Array(capacity) : new Float64Array(capacity)) as T;
      grown.set(a);
      return grown;
    };
    this.level = grow(this.level);
    this.status = grow(this.status);
    this.latency = grow(this.latency);
    this.length = grow(this.length);
    this.tokens = grow(this.tokens);
    this.templateId = grow(this.templateId);
    this.capacity = capacity;
  }
}

function countTokens(s: string): number {
  let count = 0;
  let inToken = false;
  for (let i = 0; i < s.length; i++) {
    const space = s.charCodeAt(i) <= 32;
    if (!space && !inToken) count++;
    inToken = !space;
  }
  return count;
}
