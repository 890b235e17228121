/**
 * The feature sets a screen tries, built from what the data has. Defaults
 * alone can mislead (on BGL-style logs the default line features give
 * Isolation Forest ROC-AUC 0.815, `level` + `template` 0.94), so a screen
 * puts a handful of simple, named alternatives beside them:
 * - the defaults of the spec's unit;
 * - line units: `level` + `template`; the template's rarity alone; the
 *   numeric fields; hashed TF-IDF of the text; categorical indicators of
 *   low-cardinality string fields; and, when lines carry times, 5-minute
 *   windows;
 * - row units: the numeric columns; categorical indicators;
 * - session and window units: event counts alone (`templates`); volume
 *   (`count`, `errors`, `duration`); the numeric aggregates.
 * Sets that would be empty or repeat another are left out.
 */
import { DEFAULT_UNIT_COLUMNS, type FeatureSpec } from '../features/feature-spec.ts';
import { availableColumns } from '../features/available-columns.ts';
import { fieldColumn, isNumericColumn, type LogData } from '../ingest/log-data.ts';
import { parseLines } from '../parse/line-fields.ts';

/** One feature set to try, with a name a person reads in the leaderboard. */
export interface FeatureCandidate {
  name: string;
  features: FeatureSpec;
}

/** Most distinct values of a string field used as categories (more: an identifier, not a category). */
const MAX_CATEGORIES = 50;
/** Rows looked at to judge a field's cardinality. */
const CARDINALITY_ROWS = 20_000;

/** String fields with 2 to 50 distinct values in their first rows: categories (action, country, method). The label column is not one. */
export function categoryFields(data: LogData, exclude: readonly string[] = []): string[] {
  const out: string[] = [];
  for (const name of Object.keys(data.fields)) {
    // The message is text, judged by text features; the label is the answer, not a feature.
    if (exclude.includes(name) || data.messageField.includes(name)) continue;
    const col = fieldColumn(data, name);
    if (!col || isNumericColumn(col)) continue;
    const seen = new Set<string>();
    const n = Math.min(col.length, CARDINALITY_ROWS);
    for (let i = 0; i < n && seen.size <= MAX_CATEGORIES; i++) {
      const v = col[i];
      if (v !== null && v !== '') seen.add(String(v));
    }
    if (seen.size >= 2 && seen.size <= MAX_CATEGORIES) out.push(name);
  }
  return out.sort();
}

/** The candidate feature sets for data and the spec's features (its unit, key, size). */
export function screenCandidates(data: LogData, base: FeatureSpec, labelColumn?: string): FeatureCandidate[] {
  const { state: _state, columns: _columns, categorical: _categorical, text: _text, ...unitSpec } = base as FeatureSpec & { state?: unknown };
  const scaling = base.scaling ?? 'standard';
  const list: FeatureCandidate[] = [{ name: 'defaults', features: { ...unitSpec, scaling } }];
  // The spec's (or the notebook's) own feature set is a candidate too, when it is not the defaults.
  const { state: _s, ...own } = base as FeatureSpec & { state?: unknown };
  list.push({ name: 'as in the spec', features: { ...own, scaling } });
  const add = (name: string, features: Partial<FeatureSpec>) => list.push({ name, features: { ...unitSpec, scaling, ...features } });
  const categories = base.unit === 'line' || base.unit === 'row' ? categoryFields(data, labelColumn ? [labelColumn] : []) : [];
  if (base.unit === 'line') {
    const parsed = parseLines(data);
    const numeric = availableColumns('line', data, parsed).filter((c) => c.startsWith('field:'));
    add('level + template', { columns: ['level', 'template'] });
    add('template rarity', { columns: ['template'] });
    if (numeric.length) add('numeric fields', { columns: numeric });
    add('text (hashed TF-IDF)', { columns: [], text: { kind: 'hashed-tfidf', width: 64 } });
    if (categories.length) add('categories', { columns: [], categorical: categories.map((field) => ({ field, mode: 'onehot' })) });
    if (hasTimes(data)) list.push({ name: '5-minute windows', features: { unit: 'window', size: '5m', scaling } });
  } else if (base.unit === 'row') {
    if (categories.length) add('numeric + categories', { categorical: categories.map((field) => ({ field, mode: 'onehot' })) });
    // Rows with a message (JSON or CSV with a text field) can be judged by their text alone.
    if (data.messageField.some((f) => f !== null)) add('text (hashed TF-IDF)', { columns: [], text: { kind: 'hashed-tfidf', width: 64 } });
  } else {
    const columns = availableColumns(base.unit, data, parseLines(data));
    const numeric = columns.filter((c) => /^(sum|mean|max):/.test(c));
    // A set equal to the unit's defaults would only repeat the first row.
    const defaults = DEFAULT_UNIT_COLUMNS[base.unit as 'session' | 'window'].join();
    const addUnlessDefault = (name: string, cols: string[]) => cols.join() !== defaults && add(name, { columns: cols });
    addUnlessDefault('event counts', ['templates']);
    addUnlessDefault('volume', ['count', 'errors', 'duration']);
    if (numeric.length) addUnlessDefault('numeric aggregates', numeric);
  }
  const seen = new Set<string>();
  return list.filter((c) => {
    const key = JSON.stringify(c.features);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function hasTimes(data: LogData): boolean {
  let timed = 0;
  const n = Math.min(data.timestamp.length, 1000);
  for (let i = 0; i < n; i++) if (Number.isFinite(data.timestamp[i])) timed++;
  return n > 0 && timed / n >= 0.9;
}
