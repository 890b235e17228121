import { DETECTORS } from '../detect/registry.ts';
import { ENSEMBLE_DECLARATION } from '../detect/ensemble.ts';
import { ParamRangeError } from '../detect/param-limits.ts';
import type { LabelFileRule, TimeRange } from '../ingest/apply-labels.ts';
import type { ReviewMark } from '../evaluate/review-marks.ts';
import type { CustomMask, TemplateMinerOptions } from '../parse/miner-options.ts';
import { TemplateMiner } from '../parse/template-miner.ts';
import { checkFeatures } from './check-features.ts';
import { checkThreshold } from './check-threshold.ts';
import { checkFitted } from './check-fitted.ts';
import { checkDeploy } from './deploy-spec.ts';
import { FieldError } from '../field-error.ts';
import { FORMATS } from '../ingest/sniff-format.ts';
import { SPEC_VERSION, type DetectorSpec, type ReviewSpec, type Spec } from './spec.ts';
import { ENSEMBLE_TYPE, normalizeEnsembleParams } from './run-ensemble.ts';
import { checkKnownFields, fieldsOf } from './known-fields.ts';

type Json = Record<string, unknown>;

/**
 * The fields each part of a spec takes (`features`, `threshold`, `fitted`
 * and `deploy` keep theirs beside their checks); anything else is refused
 * with its path and the nearest known name. spec.schema.json says
 * `additionalProperties: false` at the same places (a test compares them).
 */
export const SPEC_FIELDS = Object.freeze({
  spec: fieldsOf<Spec>()(['version', 'name', 'source', 'labels', 'parse', 'features', 'split', 'detectors', 'threshold', 'review', 'results', 'fitted', 'deploy']),
  source: fieldsOf<NonNullable<Spec['source']>>()(['path', 'format', 'syslogYear']),
  parse: fieldsOf<NonNullable<Spec['parse']>>()(['templates']),
  templates: fieldsOf<TemplateMinerOptions>()(['similarity', 'depth', 'maxChildren', 'masks', 'customMasks']),
  customMask: fieldsOf<CustomMask>()(['pattern', 'replacement']),
  /** Per label rule, told apart by its first field: file, timeRanges, firstToken, else column. */
  labels: Object.freeze({
    file: fieldsOf<LabelFileRule>()(['file', 'key', 'keyColumn', 'column', 'anomalous', 'normal']),
    timeRanges: ['timeRanges'],
    firstToken: ['firstToken'],
    column: ['column', 'anomalous', 'normal'],
  }),
  firstToken: ['normal'],
  timeRange: fieldsOf<TimeRange>()(['from', 'to']),
  /** Per split method. */
  split: Object.freeze({
    all: ['method'],
    time: ['method', 'trainUntil'],
    ratio: ['method', 'train', 'order', 'seed'],
  }) as Readonly<Record<string, readonly string[]>>,
  detector: fieldsOf<DetectorSpec>()(['id', 'type', 'params', 'model', 'groupBy', 'minGroupRows']),
  /** An ensemble's params (the other detectors' are the keys of their defaults). */
  ensemble: Object.keys(ENSEMBLE_DECLARATION.params),
  review: fieldsOf<ReviewSpec>()(['marks', 'addNormalToBaseline', 'silence']),
  mark: fieldsOf<ReviewMark>()(['unit', 'label']),
});

/**
 * Validates a parsed JSON value as a spec and fills nothing in: what comes out
 * is what the user wrote, checked. Strict: a field no part of the spec takes
 * is refused with its path and the nearest known name (`threshhold: unknown
 * field (did you mean threshold?)`), and numbers past their bounds name the
 * bound. Detector params are checked by the detector's own `normalize`, so
 * its messages name the field.
 * @throws FieldError naming the path
 */
export function parseSpec(value: unknown): Spec {
  const spec = object(value, 'spec');
  const unsupported = () => new FieldError('version', `${JSON.stringify(spec.version)} is not supported (this version of the workbench reads version ${SPEC_VERSION})`);
  // A newer version's fields are not typos: its version is what to say. A missing version may be a typo (`verison`).
  if (spec.version !== undefined && spec.version !== SPEC_VERSION) throw unsupported();
  checkKnownFields(spec, '', SPEC_FIELDS.spec);
  if (spec.version !== SPEC_VERSION) throw unsupported();
  optional(spec, 'name', 'string');
  if (spec.source !== undefined) {
    const source = object(spec.source, 'source');
    checkKnownFields(source, 'source', SPEC_FIELDS.source);
    optional(source, 'path', 'string', 'source');
    if (source.format !== undefined && source.format !== 'auto' && !(FORMATS as readonly unknown[]).includes(source.format)) {
      throw new FieldError('source.format', `unknown format ${JSON.stringify(source.format)} (known: auto, ${FORMATS.join(', ')})`);
    }
    const year = source.syslogYear;
    if (year !== undefined && !(typeof year === 'number' && Number.isInteger(year) && year >= 1 && year <= 9999)) {
      throw new FieldError('source.syslogYear', `must be a year such as 2024 (a whole number 1–9999), not ${JSON.stringify(year)}`);
    }
  }
  if (spec.labels !== undefined && spec.labels !== null) checkLabels(object(spec.labels, 'labels'));
  if (spec.parse !== undefined) {
    const parse = object(spec.parse, 'parse');
    checkKnownFields(parse, 'parse', SPEC_FIELDS.parse);
    if (parse.templates !== undefined) {
      const templates = object(parse.templates, 'parse.templates');
      checkKnownFields(templates, 'parse.templates', SPEC_FIELDS.templates);
      if (Array.isArray(templates.customMasks)) {
        templates.customMasks.forEach((m, i) => {
          if (typeof m === 'object' && m !== null && !Array.isArray(m)) checkKnownFields(m as Json, `parse.templates.customMasks[${i}]`, SPEC_FIELDS.customMask);
        });
      }
      try {
        new TemplateMiner(templates);
      } catch (e) {
        // A custom mask's pattern names its own field (parse.templates.customMasks[0].pattern).
        if (e instanceof FieldError) throw e;
        throw new FieldError('parse.templates', (e as Error).message, { cause: e });
      }
    }
  }
  checkFeatures(object(spec.features, 'features'));
  if (spec.split !== undefined) checkSplit(object(spec.split, 'split'));
  if (!Array.isArray(spec.detectors) || spec.detectors.length === 0) {
    throw new FieldError('detectors', 'expected a non-empty list of detectors');
  }
  const ids = new Set<string>();
  spec.detectors.forEach((d, i) => {
    const at = `detectors[${i}]`;
    const det = object(d, at);
    checkKnownFields(det, at, SPEC_FIELDS.detector);
    if (typeof det.id !== 'string' || det.id === '') throw new FieldError(`${at}.id`, 'expected a non-empty string');
    if (ids.has(det.id)) throw new FieldError(`${at}.id`, `"${det.id}" is used twice`);
    ids.add(det.id);
    if (typeof det.type !== 'string') throw new FieldError(`${at}.type`, 'expected a detector type');
    if (det.params !== undefined) object(det.params, `${at}.params`);
    if (det.type === ENSEMBLE_TYPE) {
      if (det.params !== undefined) checkKnownFields(det.params as Json, `${at}.params`, SPEC_FIELDS.ensemble);
      try {
        normalizeEnsembleParams((det.params ?? {}) as Json);
      } catch (e) {
        throw new FieldError(`${at}.params`, (e as Error).message, { cause: e });
      }
      return;
    }
    const detector = Object.hasOwn(DETECTORS, det.type) ? DETECTORS[det.type] : undefined;
    if (!detector) throw new FieldError(`${at}.type`, `unknown detector "${det.type}" (known: ${[...Object.keys(DETECTORS), ENSEMBLE_TYPE].join(', ')})`);
    if (det.groupBy !== undefined && (typeof det.groupBy !== 'string' || det.groupBy === '')) {
      throw new FieldError(`${at}.groupBy`, 'expected a field name');
    }
    if (det.minGroupRows !== undefined && !(Number.isInteger(det.minGroupRows) && (det.minGroupRows as number) >= 1)) {
      throw new FieldError(`${at}.minGroupRows`, `${JSON.stringify(det.minGroupRows)} is not an integer >= 1`);
    }
    if (det.params !== undefined) checkKnownFields(det.params as Json, `${at}.params`, Object.keys(detector.defaults));
    try {
      detector.normalize((det.params ?? {}) as Json);
    } catch (e) {
      // Out of bounds: the path names the parameter (detectors[0].params.trees: 1000000000 is above the limit 10000).
      if (e instanceof ParamRangeError) throw new FieldError(`${at}.params.${e.field}`, e.detail, { cause: e });
      throw new FieldError(`${at}.params`, (e as Error).message, { cause: e });
    }
  });
  // Ensembles combine runs that fit a model of their own.
  spec.detectors.forEach((d, i) => {
    const det = d as Json;
    if (det.type !== ENSEMBLE_TYPE) return;
    for (const id of (det.params as { runs: string[] }).runs) {
      const target = (spec.detectors as Json[]).find((o) => o.id === id);
      if (!target) throw new FieldError(`detectors[${i}].params.runs`, `"${id}" is not a detector id (ids: ${[...ids].join(', ')})`);
      if (target.type === ENSEMBLE_TYPE) throw new FieldError(`detectors[${i}].params.runs`, `"${id}" is an ensemble; combine detectors, not ensembles`);
    }
  });
  if (spec.threshold !== undefined) checkThreshold(object(spec.threshold, 'threshold'), ids);
  if (spec.review !== undefined) checkReview(object(spec.review, 'review'));
  if (spec.deploy !== undefined) checkDeploy(spec.deploy);
  if (spec.fitted !== undefined) checkFitted(spec);
  else if (spec.threshold !== undefined && (spec.threshold as Json).scores !== undefined) {
    throw new FieldError('threshold.scores', 'resolved threshold scores belong to a fitted spec (one with "fitted"); remove them, or fit the spec with law fit');
  }
  return spec as unknown as Spec;
}

function checkReview(review: Json): void {
  checkKnownFields(review, 'review', SPEC_FIELDS.review);
  if (!Array.isArray(review.marks)) throw new FieldError('review.marks', 'expected a list of { unit, label }');
  review.marks.forEach((m, i) => {
    const mark = object(m, `review.marks[${i}]`);
    checkKnownFields(mark, `review.marks[${i}]`, SPEC_FIELDS.mark);
    if (!(Number.isInteger(mark.unit) && (mark.unit as number) >= 0)) {
      throw new FieldError(`review.marks[${i}].unit`, `${JSON.stringify(mark.unit)} is not a unit index (an integer >= 0)`);
    }
    if (mark.label !== 0 && mark.label !== 1) throw new FieldError(`review.marks[${i}].label`, `${JSON.stringify(mark.label)} is not 0 (normal) or 1 (anomalous)`);
  });
  if (review.silence !== undefined && !(Array.isArray(review.silence) && review.silence.every((t) => typeof t === 'string'))) {
    throw new FieldError('review.silence', 'expected a list of patterns');
  }
  if (review.addNormalToBaseline !== undefined && typeof review.addNormalToBaseline !== 'boolean') {
    throw new FieldError('review.addNormalToBaseline', 'expected true or false');
  }
}

function checkSplit(split: Json): void {
  const methods = SPEC_FIELDS.split;
  const known = typeof split.method === 'string' && Object.hasOwn(methods, split.method) ? methods[split.method] : [...new Set(Object.values(methods).flat())];
  checkKnownFields(split, 'split', known);
  if (split.method === 'all') return;
  if (split.method === 'time') {
    if (typeof split.trainUntil !== 'string' || Number.isNaN(Date.parse(split.trainUntil))) {
      throw new FieldError('split.trainUntil', `${JSON.stringify(split.trainUntil)} is not an ISO 8601 time`);
    }
    return;
  }
  if (split.method === 'ratio') {
    if (typeof split.train !== 'number' || !(split.train > 0 && split.train < 1)) {
      throw new FieldError('split.train', `${JSON.stringify(split.train)} is not a share between 0 and 1`);
    }
    if (split.order !== undefined && split.order !== 'sequential' && split.order !== 'shuffled') {
      throw new FieldError('split.order', `${JSON.stringify(split.order)} is not sequential or shuffled`);
    }
    if (split.seed !== undefined && !Number.isInteger(split.seed)) throw new FieldError('split.seed', 'expected an integer');
    return;
  }
  throw new FieldError('split.method', `${JSON.stringify(split.method)} is not known (known: all, time, ratio)`);
}

function checkLabels(labels: Json): void {
  const rule = 'file' in labels ? 'file' : 'timeRanges' in labels ? 'timeRanges' : 'firstToken' in labels ? 'firstToken' : 'column';
  checkKnownFields(labels, 'labels', SPEC_FIELDS.labels[rule]);
  if (rule === 'file') {
    if (typeof labels.file !== 'string' || labels.file === '') throw new FieldError('labels.file', 'expected the path of a label file');
    if (typeof labels.key !== 'string' || labels.key === '') throw new FieldError('labels.key', 'expected a field name or a regex (e.g. "blk_-?\\\\d+")');
    if (typeof labels.column !== 'string') throw new FieldError('labels.column', 'expected the label column of the label file');
    if (labels.keyColumn !== undefined && (typeof labels.keyColumn !== 'string' || labels.keyColumn === '')) throw new FieldError('labels.keyColumn', 'expected the key column of the label file');
    for (const list of ['anomalous', 'normal'] as const) {
      if (labels[list] !== undefined && !Array.isArray(labels[list])) throw new FieldError(`labels.${list}`, 'expected a list of values');
    }
    return;
  }
  if (rule === 'timeRanges') {
    if (!Array.isArray(labels.timeRanges)) throw new FieldError('labels.timeRanges', 'expected a list of { from, to }');
    labels.timeRanges.forEach((r, i) => {
      checkKnownFields(object(r, `labels.timeRanges[${i}]`), `labels.timeRanges[${i}]`, SPEC_FIELDS.timeRange);
      for (const end of ['from', 'to'] as const) {
        const v = (r as Json)?.[end];
        if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) {
          throw new FieldError(`labels.timeRanges[${i}].${end}`, `${JSON.stringify(v)} is not an ISO 8601 time`);
        }
      }
    });
    return;
  }
  if (rule === 'firstToken') {
    const ft = object(labels.firstToken, 'labels.firstToken');
    checkKnownFields(ft, 'labels.firstToken', SPEC_FIELDS.firstToken);
    if (typeof ft.normal !== 'string') throw new FieldError('labels.firstToken.normal', 'expected the token that means normal, e.g. "-"');
    return;
  }
  if (typeof labels.column !== 'string') {
    throw new FieldError('labels', 'expected { column, anomalous: [...] }, { column, normal: [...] } or { firstToken: { normal } }');
  }
  const list = labels.anomalous ?? labels.normal;
  if (!Array.isArray(list)) throw new FieldError('labels', `column "${labels.column}" needs "anomalous" or "normal": a list of values`);
}

function object(v: unknown, path: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new FieldError(path, `expected an object, got ${v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v}`);
  return v as Json;
}

function optional(o: Json, key: string, type: string, parent?: string): void {
  if (o[key] !== undefined && typeof o[key] !== type) throw new FieldError(parent ? `${parent}.${key}` : key, `expected a ${type}`);
}
