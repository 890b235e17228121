import { getDetector } from '../core/detect/registry.ts';
import { ENSEMBLE_TYPE } from '../core/experiment/run-ensemble.ts';
import type { DetectorSpec, Spec } from '../core/experiment/spec.ts';
import type { LogData } from '../core/ingest/log-data.ts';
import { fieldKindsOf, type PageData } from '../workers/page-data.ts';
import { defaultSettings, labelChoice, type DetectorSetting, type Settings } from './settings.ts';
import { thresholdSetting } from './threshold-choice.ts';
import { SESSION_EVENTS_FIELD } from '../core/features/unit-columns.ts';

/** Field names taken as a label column when new data arrives. */
const LABEL_COLUMN = /^(label|is_?anomaly|anomaly|is_?anomalous|outlier)$/i;

/** A detector cell as a spec's `detectors[]` entry (a plain copy). */
export function detectorSpec(plain: DetectorSetting): DetectorSpec {
  return { id: plain.id, type: plain.type, params: plain.params, ...(plain.groupBy ? { groupBy: plain.groupBy } : {}) };
}

/** The notebook's settings for a validated spec: detector defaults filled in, fitted state left out. */
export function settingsFromSpec(spec: Spec): Settings {
  const base = defaultSettings();
  const detectors: DetectorSetting[] = spec.detectors.map((d) => ({
    id: d.id,
    type: d.type,
    params: d.type === ENSEMBLE_TYPE ? { ...d.params } : { ...getDetector(d.type).defaults, ...d.params },
    groupBy: d.groupBy ?? null,
  }));
  const { state: _state, ...features } = spec.features;
  return {
    name: spec.name ?? base.name,
    format: spec.source?.format ?? 'auto',
    ...(spec.source?.syslogYear !== undefined && { syslogYear: spec.source.syslogYear }),
    labels: labelChoice(spec.labels),
    features: { ...features, columns: features.columns ?? null, scaling: features.scaling ?? 'none' },
    detectors,
    split: spec.split ?? { method: 'all' },
    threshold: thresholdSetting(spec.threshold, base.threshold, detectors[0].id),
  };
}

/**
 * New data from the user: drops settings that cannot apply to it and picks
 * the unit that fits (sessions for a Loghub session CSV, rows for a CSV of
 * numbers, else lines). Changes `s`.
 */
export function fitSettingsTo(s: Settings, data: LogData | PageData): void {
  const kinds = 'fieldKinds' in data ? data.fieldKinds : fieldKindsOf(data.fields);
  const hasField = (name: string) => Object.hasOwn(kinds, name);
  const delimited = data.files.every((f) => f.format === 'csv' || f.format === 'tsv');
  const numeric = Object.values(kinds).includes('number');
  const sessionKey = loghubSessionKey(data.files, kinds);
  s.features = sessionKey
    ? { unit: 'session', key: sessionKey, columns: null, scaling: s.features.scaling }
    : { unit: delimited && numeric ? 'row' : 'line', columns: null, scaling: s.features.scaling };
  if (s.labels.kind === 'column' && !hasField(s.labels.column)) s.labels = { kind: 'none' };
  if (s.labels.kind === 'firstToken' && !data.files.every((f) => f.format === 'text')) s.labels = { kind: 'none' };
  // A column that is plainly a label is taken as one (and so kept out of the
  // features); the values box shows what counts as anomalous, to be edited.
  const labelColumn = Object.keys(kinds).find((f) => LABEL_COLUMN.test(f));
  if (s.labels.kind === 'none' && labelColumn) {
    s.labels = { kind: 'column', column: labelColumn, values: '1, true, Anomaly, anomalous, abnormal', mean: 'anomalous' };
  }
  for (const d of s.detectors) if (d.groupBy && !hasField(d.groupBy)) d.groupBy = null;
  const base = data.files.length === 1 ? data.files[0].name.replace(/\.[^.]+$/, '') : 'experiment';
  s.name = `${base}-experiment`;
}

/**
 * The session key of a Loghub session CSV (its first column, `BlockId`):
 * each row already is one session, listing its events, so the unit is the
 * session, counted the way loglizer counts them. Null for any other data.
 */
function loghubSessionKey(files: LogData['files'], kinds: PageData['fieldKinds']): string | null {
  if (!files.length || !files.every((f) => f.format === 'loghub-sessions')) return null;
  const key = Object.keys(kinds).find((f) => f !== SESSION_EVENTS_FIELD && !LABEL_COLUMN.test(f));
  return key ?? null;
}
