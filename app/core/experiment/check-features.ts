import { CATEGORICAL_MODES } from '../features/categorical-indicators.ts';
import { parseDuration } from '../features/duration.ts';
import { SCALINGS, TEXT_KINDS, UNITS } from '../features/feature-spec.ts';
import { normalizeWordVectorOptions } from '../features/word-vectors.ts';
import { SpecError } from './spec-error.ts';

type Json = Record<string, unknown>;

/**
 * Checks spec `features` field by field; errors name the path
 * (`features.categorical[1].mode`). What needs the data (does the field
 * exist?) is checked when features are built.
 */
export function checkFeatures(features: Json): void {
  if (!(UNITS as readonly unknown[]).includes(features.unit)) {
    throw new SpecError('features.unit', `unknown unit ${JSON.stringify(features.unit)} (known: ${UNITS.join(', ')})`);
  }
  if (features.columns !== undefined && !(Array.isArray(features.columns) && features.columns.every((c) => typeof c === 'string'))) {
    throw new SpecError('features.columns', 'expected a list of column names');
  }
  if (features.scaling !== undefined && !(SCALINGS as readonly unknown[]).includes(features.scaling)) {
    throw new SpecError('features.scaling', `unknown scaling ${JSON.stringify(features.scaling)} (known: ${SCALINGS.join(', ')})`);
  }
  const grouped = features.unit === 'session' || features.unit === 'window';
  if (features.unit === 'session' && (typeof features.key !== 'string' || features.key === '')) {
    throw new SpecError('features.key', 'a session unit needs a key: a field name, or a regular expression such as "blk_-?\\\\d+"');
  }
  if (features.unit === 'window') {
    duration(features, 'size', true);
    const size = parseDuration(features.size as string);
    if (features.step !== undefined && duration(features, 'step', false) > size) {
      throw new SpecError('features.step', `${JSON.stringify(features.step)} is longer than the size ${JSON.stringify(features.size)}: rows between windows would belong to none`);
    }
  }
  // Live scoring (law score on a stream, law watch): how long a window waits for late lines, when a session is over.
  if (features.lateness !== undefined) {
    if (features.unit !== 'window') throw new SpecError('features.lateness', `only a window unit waits for late lines, not unit "${features.unit}"`);
    duration(features, 'lateness', false, true);
  }
  if (features.idle !== undefined) {
    if (features.unit !== 'session') throw new SpecError('features.idle', `only a session unit ends after a quiet time, not unit "${features.unit}"`);
    duration(features, 'idle', false);
  }
  for (const key of ['key', 'groupBy'] as const) {
    if (features[key] !== undefined && (typeof features[key] !== 'string' || features[key] === '')) throw new SpecError(`features.${key}`, 'expected a non-empty string');
  }
  if (features.unseen !== undefined && typeof features.unseen !== 'boolean') throw new SpecError('features.unseen', 'expected true or false');
  if (grouped && (features.categorical !== undefined || features.text !== undefined)) {
    throw new SpecError(features.text !== undefined ? 'features.text' : 'features.categorical', `is per row; unit "${features.unit}" takes aggregates instead (columns such as "distinct:FIELD")`);
  }
  if (features.categorical !== undefined) checkCategorical(features.categorical);
  if (features.text !== undefined) checkText(features.text);
}

function duration(features: Json, key: 'size' | 'step' | 'lateness' | 'idle', required: boolean, zeroAllowed = false): number {
  const v = features[key];
  if (v === undefined && !required) return 0;
  if (typeof v !== 'string') throw new SpecError(`features.${key}`, `expected a duration such as "5m", got ${JSON.stringify(v)}`);
  let ms: number;
  try {
    ms = parseDuration(v);
  } catch (e) {
    throw new SpecError(`features.${key}`, (e as Error).message);
  }
  if (zeroAllowed ? !(ms >= 0) : !(ms > 0)) throw new SpecError(`features.${key}`, `${JSON.stringify(v)} is not longer than 0`);
  return ms;
}

function checkCategorical(list: unknown): void {
  if (!Array.isArray(list)) throw new SpecError('features.categorical', 'expected a list of { field, mode, known, minCount, missing }');
  list.forEach((item, i) => {
    const at = `features.categorical[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new SpecError(at, 'expected an object');
    const c = item as Json;
    if (typeof c.field !== 'string' || c.field === '') throw new SpecError(`${at}.field`, 'expected a field name');
    if (c.mode !== undefined && !(CATEGORICAL_MODES as readonly unknown[]).includes(c.mode)) {
      throw new SpecError(`${at}.mode`, `unknown mode ${JSON.stringify(c.mode)} (known: ${CATEGORICAL_MODES.join(', ')})`);
    }
    if (c.known !== undefined && !(Array.isArray(c.known) && c.known.every((v) => typeof v === 'string'))) {
      throw new SpecError(`${at}.known`, 'expected a list of values (strings)');
    }
    if (c.minCount !== undefined && !(Number.isInteger(c.minCount) && (c.minCount as number) >= 1)) {
      throw new SpecError(`${at}.minCount`, `${JSON.stringify(c.minCount)} is not an integer >= 1`);
    }
    if (c.missing !== undefined && typeof c.missing !== 'boolean') throw new SpecError(`${at}.missing`, 'expected true or false');
  });
}

function checkText(value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SpecError('features.text', 'expected an object with a kind');
  const t = value as Json;
  if (!(TEXT_KINDS as readonly unknown[]).includes(t.kind)) {
    throw new SpecError('features.text.kind', `unknown kind ${JSON.stringify(t.kind)} (known: ${TEXT_KINDS.join(', ')})`);
  }
  if (t.kind === 'hashed-tfidf') {
    if (t.width !== undefined && !(Number.isInteger(t.width) && (t.width as number) >= 1)) throw new SpecError('features.text.width', `${JSON.stringify(t.width)} is not an integer >= 1`);
    if (t.alternateSign !== undefined && typeof t.alternateSign !== 'boolean') throw new SpecError('features.text.alternateSign', 'expected true or false');
    return;
  }
  const { kind: _kind, ...options } = t;
  try {
    normalizeWordVectorOptions(options);
  } catch (e) {
    // "invalid word vector window: 0 (…)" → features.text.window
    const name = /invalid word vector (\w+)/.exec((e as Error).message)?.[1];
    throw new SpecError(name ? `features.text.${name}` : 'features.text', (e as Error).message);
  }
}
