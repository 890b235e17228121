import type { FieldColumn, LogData } from '../ingest/log-data.ts';
import { fieldColumn, hasField, isNumericColumn } from '../ingest/log-data.ts';
import { ownRecord } from '../ingest/own-record.ts';
import { httpStatus, latencyMs } from './http-fields.ts';
import { keyValues } from './key-values.ts';
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
  const n = data.line.length;
  const level = new Float64Array(n);
  const status = new Float64Array(n);
  const latency = new Float64Array(n);
  const length = new Float64Array(n);
  const tokens = new Float64Array(n);
  const templateId = new Int32Array(n);
  const miner = source.learned ? TemplateMiner.fromJSON(source.learned) : new TemplateMiner(source.options);
  // With a training part, templates are mined on it first, then every row is matched.
  if (!source.learned && source.trainRows && source.trainRows.length < n) {
    for (const r of source.trainRows) miner.learn(data.message[r]);
  }
  const matchOnly = !!source.learned || (!!source.trainRows && source.trainRows.length < n);
  const kvValues = new Map<string, Float64Array>();
  const kvNonNumeric = new Set<string>();
  const fieldNames = Object.keys(data.fields);
  const levelField = LEVEL_FIELDS.find((f) => hasField(data, f));
  const levelColumn = levelField ? data.fields[levelField] : undefined;

  // One lookup for every row, reading the row in `i` and `kv`: a closure per
  // row, and a field lookup per key and row, cost more than the parsing. The
  // lookups ask for a fixed set of keys, so their field columns are cached.
  const columns = new Map<string, FieldColumn | undefined>();
  let i = 0;
  let kv: Record<string, string> = ownRecord<string>();
  const get: KeyValueLookup = (key) => {
    let col = columns.get(key);
    if (col === undefined && !columns.has(key)) columns.set(key, (col = fieldColumn(data, key)));
    if (col) {
      const v = col[i];
      if (v !== null && !(typeof v === 'number' && Number.isNaN(v))) return v;
    }
    return kv[key];
  };

  const every = Math.max(1, Math.ceil(n / 50));
  for (; i < n; i++) {
    if (onProgress && i % every === 0) onProgress(i / n);
    const message = data.message[i];
    kv = keyValues(message);
    level[i] = logLevel(message, levelColumn ? levelColumn[i] : undefined);
    status[i] = httpStatus(message, get);
    latency[i] = latencyMs(message, get);
    length[i] = message.length;
    tokens[i] = countTokens(message);
    templateId[i] = matchOnly ? miner.match(message) : miner.learn(message);
    for (const key of Object.keys(kv)) {
      if (kvNonNumeric.has(key)) continue;
      const v = Number(kv[key]);
      if (!Number.isFinite(v) || kv[key].trim() === '') {
        kvNonNumeric.add(key);
        kvValues.delete(key);
        continue;
      }
      let col = kvValues.get(key);
      if (!col) {
        col = new Float64Array(n).fill(NaN);
        kvValues.set(key, col);
      }
      col[i] = v;
    }
  }

  const numbers = ownRecord<Float64Array>();
  for (const [key, col] of kvValues) numbers[key] = col;
  for (const name of fieldNames) {
    const col = data.fields[name];
    if (isNumericColumn(col)) numbers[name] = col;
  }
  // Templates merge as mining goes on: give every row its template's final id.
  const templates = Array.from({ length: miner.size }, (_, id) => miner.template(miner.canonical(id)));
  const templateCounts = new Array<number>(miner.size).fill(0);
  for (let i = 0; i < n; i++) {
    if (templateId[i] < 0) continue;
    templateId[i] = miner.canonical(templateId[i]);
    templateCounts[templateId[i]]++;
  }
  return { level, status, latency, length, tokens, templateId, templates, templateCounts, miner: miner.toJSON(), numbers };
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
