import { checkUpper, ParamRangeError, showNumber, type ParamLimit } from '../detect/param-limits.ts';
import type { FeatureState } from '../features/build-features.ts';
import { CATEGORICAL_MODES } from '../features/categorical-indicators.ts';
import { parseDuration } from '../features/duration.ts';
import { FEATURE_LIMITS, SCALINGS, TEXT_KINDS, UNITS, type CategoricalSpec, type FeatureSpec } from '../features/feature-spec.ts';
import { normalizeWordVectorOptions, WORD_VECTOR_DEFAULTS } from '../features/word-vectors.ts';
import { checkKnownFields, fieldsOf } from './known-fields.ts';
import { FieldError } from '../field-error.ts';

type Json = Record<string, unknown>;

/** The fields `features` and its parts take: anything else is refused, naming the nearest known one. */
export const FEATURE_FIELDS = Object.freeze({
  features: fieldsOf<FeatureSpec & { state?: FeatureState }>()([
    'unit', 'columns', 'scaling', 'key', 'size', 'step', 'groupBy', 'lateness', 'idle', 'unseen', 'categorical', 'text', 'state',
  ]),
  categorical: fieldsOf<CategoricalSpec>()(['field', 'mode', 'known', 'minCount', 'missing']),
  /** Per text kind. */
  text: Object.freeze({
    'hashed-tfidf': ['kind', 'width', 'alternateSign'],
    'word-vectors': ['kind', ...Object.keys(WORD_VECTOR_DEFAULTS)],
  }) as Readonly<Record<(typeof TEXT_KINDS)[number], readonly string[]>>,
});

/**
 * Checks spec `features` field by field; errors name the path
 * (`features.categorical[1].mode`). What needs the data (does the field
 * exist?) is checked when features are built.
 */
export function checkFeatures(features: Json): void {
  checkKnownFields(features, 'features', FEATURE_FIELDS.features);
  if (!(UNITS as readonly unknown[]).includes(features.unit)) {
    throw new FieldError('features.unit', `unknown unit ${JSON.stringify(features.unit)} (known: ${UNITS.join(', ')})`);
  }
  if (features.columns !== undefined && !(Array.isArray(features.columns) && features.columns.every((c) => typeof c === 'string'))) {
    throw new FieldError('features.columns', 'expected a list of column names');
  }
  if (features.scaling !== undefined && !(SCALINGS as readonly unknown[]).includes(features.scaling)) {
    throw new FieldError('features.scaling', `unknown scaling ${JSON.stringify(features.scaling)} (known: ${SCALINGS.join(', ')})`);
  }
  const grouped = features.unit === 'session' || features.unit === 'window';
  if (features.unit === 'session' && (typeof features.key !== 'string' || features.key === '')) {
    throw new FieldError('features.key', 'a session unit needs a key: a field name, or a regular expression such as "blk_-?\\\\d+"');
  }
  if (features.unit === 'window') {
    const size = duration(features, 'size', true);
    within('features.size', features.size as string, size, FEATURE_LIMITS.size);
    const step = features.step === undefined ? size : duration(features, 'step', false);
    if (step > size) {
      throw new FieldError('features.step', `${JSON.stringify(features.step)} is longer than the size ${JSON.stringify(features.size)}: rows between windows would belong to none`);
    }
    const perRow = Math.ceil(size / step);
    if (perRow > FEATURE_LIMITS.windowsPerRow) {
      throw new FieldError(
        'features.step',
        `${JSON.stringify(features.step)} is below the limit ${showMs(size / FEATURE_LIMITS.windowsPerRow)} for size ${JSON.stringify(features.size)} (each row would be in ${perRow} windows; the limit is ${FEATURE_LIMITS.windowsPerRow})`,
      );
    }
  }
  // Live scoring (law score on a stream, law watch): how long a window waits for late lines, when a session is over.
  if (features.lateness !== undefined) {
    if (features.unit !== 'window') throw new FieldError('features.lateness', `only a window unit waits for late lines, not unit "${features.unit}"`);
    within('features.lateness', features.lateness as string, duration(features, 'lateness', false, true), FEATURE_LIMITS.lateness);
  }
  if (features.idle !== undefined) {
    if (features.unit !== 'session') throw new FieldError('features.idle', `only a session unit ends after a quiet time, not unit "${features.unit}"`);
    within('features.idle', features.idle as string, duration(features, 'idle', false), FEATURE_LIMITS.idle);
  }
  for (const key of ['key', 'groupBy'] as const) {
    if (features[key] !== undefined && (typeof features[key] !== 'string' || features[key] === '')) throw new FieldError(`features.${key}`, 'expected a non-empty string');
  }
  if (features.unseen !== undefined && typeof features.unseen !== 'boolean') throw new FieldError('features.unseen', 'expected true or false');
  if (grouped && (features.categorical !== undefined || features.text !== undefined)) {
    throw new FieldError(features.text !== undefined ? 'features.text' : 'features.categorical', `is per row; unit "${features.unit}" takes aggregates instead (columns such as "distinct:FIELD")`);
  }
  if (features.categorical !== undefined) checkCategorical(features.categorical);
  if (features.text !== undefined) checkText(features.text);
}

function duration(features: Json, key: 'size' | 'step' | 'lateness' | 'idle', required: boolean, zeroAllowed = false): number {
  const v = features[key];
  if (v === undefined && !required) return 0;
  if (typeof v !== 'string') throw new FieldError(`features.${key}`, `expected a duration such as "5m", got ${JSON.stringify(v)}`);
  let ms: number;
  try {
    ms = parseDuration(v);
  } catch (e) {
    throw new FieldError(`features.${key}`, (e as Error).message, { cause: e });
  }
  if (zeroAllowed ? !(ms >= 0) : !(ms > 0)) throw new FieldError(`features.${key}`, `${JSON.stringify(v)} is not longer than 0`);
  return ms;
}

/** Refuses a duration outside its limit (in ms), naming both as durations. */
function within(path: string, text: string, ms: number, limit: Readonly<ParamLimit>): void {
  if (ms < limit.min) throw new FieldError(path, `${JSON.stringify(text)} is below the limit ${showMs(limit.min)}`);
  if (ms > limit.max) throw new FieldError(path, `${JSON.stringify(text)} is above the limit ${showMs(limit.max)}`);
}

const UNIT_MS: [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1_000]];

/** A duration in ms as a spec writes it: the largest unit it is a whole number of (`366d`, `90s`), else ms. */
function showMs(ms: number): string {
  for (const [unit, size] of UNIT_MS) if (ms >= size && Number.isInteger(ms / size)) return `${ms / size}${unit}`;
  return `${Number(ms.toPrecision(6))}ms`;
}

function checkCategorical(list: unknown): void {
  if (!Array.isArray(list)) throw new FieldError('features.categorical', 'expected a list of { field, mode, known, minCount, missing }');
  list.forEach((item, i) => {
    const at = `features.categorical[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new FieldError(at, 'expected an object');
    const c = item as Json;
    checkKnownFields(c, at, FEATURE_FIELDS.categorical);
    if (typeof c.field !== 'string' || c.field === '') throw new FieldError(`${at}.field`, 'expected a field name');
    if (c.mode !== undefined && !(CATEGORICAL_MODES as readonly unknown[]).includes(c.mode)) {
      throw new FieldError(`${at}.mode`, `unknown mode ${JSON.stringify(c.mode)} (known: ${CATEGORICAL_MODES.join(', ')})`);
    }
    if (c.known !== undefined && !(Array.isArray(c.known) && c.known.every((v) => typeof v === 'string'))) {
      throw new FieldError(`${at}.known`, 'expected a list of values (strings)');
    }
    if (Array.isArray(c.known) && c.known.length > FEATURE_LIMITS.categorical.known) {
      throw new FieldError(`${at}.known`, `${c.known.length} values is above the limit ${FEATURE_LIMITS.categorical.known}`);
    }
    if (c.minCount !== undefined && !(Number.isInteger(c.minCount) && (c.minCount as number) >= 1)) {
      throw new FieldError(`${at}.minCount`, `${JSON.stringify(c.minCount)} is not an integer >= 1`);
    }
    if (c.minCount !== undefined) upper(`${at}.minCount`, c.minCount as number, FEATURE_LIMITS.categorical.minCount);
    if (c.missing !== undefined && typeof c.missing !== 'boolean') throw new FieldError(`${at}.missing`, 'expected true or false');
  });
}

function checkText(value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FieldError('features.text', 'expected an object with a kind');
  const t = value as Json;
  if (!(TEXT_KINDS as readonly unknown[]).includes(t.kind)) {
    checkKnownFields(t, 'features.text', [...new Set(Object.values(FEATURE_FIELDS.text).flat())]);
    throw new FieldError('features.text.kind', `unknown kind ${JSON.stringify(t.kind)} (known: ${TEXT_KINDS.join(', ')})`);
  }
  checkKnownFields(t, 'features.text', FEATURE_FIELDS.text[t.kind as (typeof TEXT_KINDS)[number]]);
  if (t.kind === 'hashed-tfidf') {
    if (t.width !== undefined && !(Number.isInteger(t.width) && (t.width as number) >= 1)) throw new FieldError('features.text.width', `${JSON.stringify(t.width)} is not an integer >= 1`);
    if (t.width !== undefined) upper('features.text.width', t.width as number, FEATURE_LIMITS.hashedTfidf.width);
    if (t.alternateSign !== undefined && typeof t.alternateSign !== 'boolean') throw new FieldError('features.text.alternateSign', 'expected true or false');
    return;
  }
  const { kind: _kind, ...options } = t;
  try {
    // Upper bounds first, so the spec's message names the field (normalizeWordVectorOptions checks them too, for the page).
    const merged: Record<string, unknown> = { ...WORD_VECTOR_DEFAULTS, ...options };
    for (const [name, limit] of Object.entries(FEATURE_LIMITS.wordVectors)) {
      if (typeof merged[name] === 'number') checkUpper(name, merged[name], limit);
    }
  } catch (e) {
    if (e instanceof ParamRangeError) throw new FieldError(`features.text.${e.field}`, e.detail, { cause: e });
    throw e;
  }
  // One option at a time over valid defaults, in the order normalizeWordVectorOptions checks them:
  // whatever fails is that option, so the path names it without reading the message.
  for (const name of Object.keys(WORD_VECTOR_DEFAULTS)) {
    if (options[name] === undefined) continue;
    try {
      normalizeWordVectorOptions({ [name]: options[name] });
    } catch (e) {
      throw new FieldError(`features.text.${name}`, (e as Error).message, { cause: e });
    }
  }
}

/** Refuses a number above its limit, naming the path. */
function upper(path: string, v: number, limit: Readonly<ParamLimit>): void {
  if (v > limit.max) throw new FieldError(path, `${showNumber(v)} is above the limit ${showNumber(limit.max)}`);
}
