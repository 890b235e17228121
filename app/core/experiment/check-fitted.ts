import type { FeatureState } from '../features/build-features.ts';
import { FORMATS } from '../ingest/sniff-format.ts';
import { VARIABLE_RANGE_COLUMN } from '../features/template-variables.ts';
import { checkKnownFields, fieldsOf } from './known-fields.ts';
import { ENSEMBLE_TYPE } from './run-ensemble.ts';
import { FieldError } from '../field-error.ts';
import type { FittedInfo, TrainingFile } from './spec.ts';

/**
 * The fields of what fitting adds: `fitted`, its files and unit counts, and
 * the top of `features.state` (what is inside a state's parts and a model is
 * the features' and the detector's own, checked when they are restored).
 */
export const FITTED_FIELDS = Object.freeze({
  fitted: fieldsOf<FittedInfo>()(['at', 'version', 'data', 'units']),
  file: fieldsOf<TrainingFile>()(['name', 'bytes', 'lines', 'sha256', 'format']),
  units: fieldsOf<FittedInfo['units']>()(['total', 'train', 'judged']),
  state: fieldsOf<FeatureState>()(['unit', 'columns', 'base', 'scaler', 'templateShare', 'templates', 'vocabulary', 'categorical', 'text', 'sessionKey', 'variableRanges']),
});

type Json = Record<string, unknown>;

/**
 * Checks the fitted parts of a spec that has `fitted` (the rest is already
 * valid): the provenance, that the feature state was made for these
 * features, that every detector has a model of its type fitted on the
 * state's columns, and that the threshold was resolved for every run. A spec
 * edited by hand after fitting is refused here, naming the field, rather than
 * scoring with a model that no longer matches its features.
 * @throws FieldError naming the field
 */
export function checkFitted(spec: Json): void {
  checkProvenance(object(spec.fitted, 'fitted'));
  const features = spec.features as Json;
  const refit = 'fit the spec again (law fit) or remove "fitted"';
  if (features.state === undefined) throw new FieldError('features.state', `a fitted spec needs the feature state; ${refit}`);
  const state = object(features.state, 'features.state');
  checkKnownFields(state, 'features.state', FITTED_FIELDS.state);
  if (state.unit !== features.unit) {
    throw new FieldError('features.state.unit', `${JSON.stringify(state.unit)} was fitted, but features.unit is ${JSON.stringify(features.unit)}; ${refit}`);
  }
  if (!Array.isArray(state.columns) || state.columns.length === 0 || !state.columns.every((c) => typeof c === 'string')) {
    throw new FieldError('features.state.columns', 'expected the list of fitted column names');
  }
  const columns = state.columns as string[];
  checkAsked(features, state, refit);
  checkScaler(object(state.scaler, 'features.state.scaler'), (features.scaling as string | undefined) ?? 'none', columns.length, refit);
  // Sessions and windows mine templates only when a column needs them (a
  // session CSV's event lists, or a window of sums, need none); scoring
  // checks that case when it parses (buildFeatures).
  if (features.unit === 'line' && state.templates === undefined) {
    throw new FieldError('features.state.templates', `a ${features.unit} unit scores new lines against the templates learned in training; ${refit}`);
  }
  const base = (state.base ?? state.columns) as unknown[];
  if (Array.isArray(base) && base.includes(VARIABLE_RANGE_COLUMN) && state.variableRanges === undefined) {
    throw new FieldError('features.state.variableRanges', `the ${VARIABLE_RANGE_COLUMN} column judges new lines against each template's training range; ${refit}`);
  }
  const detectors = spec.detectors as Json[];
  detectors.forEach((d, i) => checkModel(d, `detectors[${i}]`, columns.length, refit));
  const threshold = spec.threshold === undefined ? undefined : (spec.threshold as Json);
  if (!threshold) throw new FieldError('threshold', `a fitted spec needs its threshold, resolved per run in threshold.scores; ${refit}`);
  const scores = object(threshold.scores, 'threshold.scores');
  for (const d of detectors) {
    const v = Object.hasOwn(scores, d.id as string) ? scores[d.id as string] : undefined;
    if (v === undefined) throw new FieldError(`threshold.scores.${d.id}`, `missing: every run needs the score its threshold came to; ${refit}`);
    if (v !== null && !(typeof v === 'number' && Number.isFinite(v))) {
      throw new FieldError(`threshold.scores.${d.id}`, `${JSON.stringify(v)} is not a score (a finite number, or null for "flags nothing")`);
    }
  }
  for (const id of Object.keys(scores)) {
    if (!detectors.some((d) => d.id === id)) throw new FieldError(`threshold.scores.${id}`, `"${id}" is not a detector id`);
  }
}

function checkProvenance(fitted: Json): void {
  checkKnownFields(fitted, 'fitted', FITTED_FIELDS.fitted);
  if (typeof fitted.at !== 'string' || Number.isNaN(Date.parse(fitted.at))) throw new FieldError('fitted.at', 'expected an ISO 8601 time');
  if (typeof fitted.version !== 'string') throw new FieldError('fitted.version', 'expected the workbench version');
  if (!Array.isArray(fitted.data)) throw new FieldError('fitted.data', 'expected a list of the files trained on');
  fitted.data.forEach((f, i) => {
    const file = object(f, `fitted.data[${i}]`);
    const at = `fitted.data[${i}]`;
    checkKnownFields(file, at, FITTED_FIELDS.file);
    if (typeof file.name !== 'string') throw new FieldError(`${at}.name`, 'expected a file name');
    for (const k of ['bytes', 'lines'] as const) {
      if (!(Number.isSafeInteger(file[k]) && (file[k] as number) >= 0)) throw new FieldError(`${at}.${k}`, `${JSON.stringify(file[k])} is not a count`);
    }
    if (typeof file.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(file.sha256)) throw new FieldError(`${at}.sha256`, 'expected 64 hex digits');
    if (!(FORMATS as readonly unknown[]).includes(file.format)) throw new FieldError(`${at}.format`, `unknown format ${JSON.stringify(file.format)}`);
  });
  const units = object(fitted.units, 'fitted.units');
  checkKnownFields(units, 'fitted.units', FITTED_FIELDS.units);
  for (const k of ['total', 'train', 'judged'] as const) {
    if (!(Number.isSafeInteger(units[k]) && (units[k] as number) >= 0)) throw new FieldError(`fitted.units.${k}`, `${JSON.stringify(units[k])} is not a count`);
  }
}

/** The columns, categorical fields and text kind asked for are those the state was fitted with. */
function checkAsked(features: Json, state: Json, refit: string): void {
  const base = (state.base ?? state.columns) as unknown;
  const asked = features.columns as string[] | undefined;
  if (asked && asked.length > 0 && Array.isArray(base) && JSON.stringify(asked) !== JSON.stringify(base)) {
    throw new FieldError('features.columns', `${JSON.stringify(asked)} differs from the columns the state was fitted with (${JSON.stringify(base)}); ${refit}`);
  }
  const fields = ((features.categorical as Json[] | undefined) ?? []).map((c) => c.field);
  const fitted = ((state.categorical as Json[] | undefined) ?? []).map((c) => c?.field);
  if (JSON.stringify(fields) !== JSON.stringify(fitted)) {
    throw new FieldError('features.categorical', `fields ${JSON.stringify(fields)} differ from the fitted ones (${JSON.stringify(fitted)}); ${refit}`);
  }
  const text = (features.text as Json | undefined)?.kind;
  const fittedText = (state.text as Json | undefined)?.kind;
  if (text !== fittedText) {
    throw new FieldError('features.text', `${text === undefined ? 'none' : JSON.stringify(text)} differs from the fitted text vectors (${fittedText === undefined ? 'none' : JSON.stringify(fittedText)}); ${refit}`);
  }
}

function checkScaler(scaler: Json, scaling: string, columns: number, refit: string): void {
  if (scaler.kind !== scaling) {
    throw new FieldError('features.state.scaler.kind', `${JSON.stringify(scaler.kind)} was fitted, but features.scaling is ${JSON.stringify(scaling)}; ${refit}`);
  }
  const lists = scaler.kind === 'tfidf' ? ['idf'] : scaler.kind === 'log1p' ? [] : ['offset', 'scale'];
  for (const name of lists) {
    const v = scaler[name];
    if (!Array.isArray(v) || v.length !== columns || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      throw new FieldError(`features.state.scaler.${name}`, `expected ${columns} finite numbers, one per column of features.state.columns`);
    }
  }
}

function checkModel(d: Json, at: string, columns: number, refit: string): void {
  if (d.model === undefined) throw new FieldError(`${at}.model`, `a fitted spec needs every detector's model; ${refit}`);
  const model = object(d.model, `${at}.model`);
  if (d.type === ENSEMBLE_TYPE) {
    if (model.type !== ENSEMBLE_TYPE) throw new FieldError(`${at}.model.type`, `${JSON.stringify(model.type)} is not an ensemble model`);
    const refs = object(model.references, `${at}.model.references`);
    for (const id of (d.params as { runs: string[] }).runs) {
      const r = Object.hasOwn(refs, id) ? refs[id] : undefined;
      if (!Array.isArray(r) || r.length === 0 || !r.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        throw new FieldError(`${at}.model.references.${id}`, 'expected the training scores of the run (finite numbers)');
      }
    }
    return;
  }
  const inner: [string, Json][] = [];
  if (d.groupBy !== undefined) {
    if (model.type !== 'per-group') throw new FieldError(`${at}.model.type`, `${JSON.stringify(model.type)}: a detector with groupBy has a per-group model; ${refit}`);
    const groups = object(model.groups, `${at}.model.groups`);
    for (const g of Object.keys(groups)) inner.push([`${at}.model.groups[${JSON.stringify(g)}]`, object(groups[g], `${at}.model.groups[${JSON.stringify(g)}]`)]);
    inner.push([`${at}.model.fallback`, object(model.fallback, `${at}.model.fallback`)]);
  } else {
    inner.push([`${at}.model`, model]);
  }
  for (const [path, m] of inner) {
    if (m.type !== d.type) throw new FieldError(`${path}.type`, `${JSON.stringify(m.type)} is not a model of detector type \"${d.type}\"; ${refit}`);
    if (m.cols !== columns) {
      throw new FieldError(`${path}.cols`, `the model was fitted on ${JSON.stringify(m.cols)} columns, but features.state.columns has ${columns}; ${refit}`);
    }
  }
}

function object(v: unknown, path: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new FieldError(path, `expected an object, got ${v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v}`);
  return v as Json;
}
