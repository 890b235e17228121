import type { LabelFileRule, LabelRule } from '../core/ingest/apply-labels.ts';
import type { Format } from '../core/ingest/sniff-format.ts';
import type { FeatureSpec } from '../core/features/feature-spec.ts';
import type { ThresholdMethod } from '../core/experiment/spec.ts';
import type { ThresholdSetting } from './threshold-choice.ts';
import type { SplitSpec } from '../core/features/split.ts';

/** How the user said labels are given; `values` is the text of the values box. */
export type LabelChoice =
  | { kind: 'none' }
  | { kind: 'firstToken'; normal: string }
  | { kind: 'column'; column: string; values: string; mean: 'anomalous' | 'normal' }
  /** A label file joined on a key (a field, or a regex found in each line); its text is kept with the loaded files. */
  | { kind: 'file'; fileName: string; key: string; column: string; values: string }
  /** One range per line: `FROM TO` (ISO 8601), rows in a range are anomalous. */
  | { kind: 'timeRanges'; text: string };

/** One detector cell: a run in the spec's `detectors`. */
export interface DetectorSetting {
  id: string;
  type: string;
  params: Record<string, unknown>;
  /** Fit one model per value of this field (per host). */
  groupBy?: string | null;
}

/** Everything the user set in the notebook's cells: what the spec is made of. */
export interface Settings {
  name: string;
  format: Format | 'auto';
  /** The year of syslog-style times that carry none (spec `source.syslogYear`); unset: 1970. */
  syslogYear?: number;
  labels: LabelChoice;
  /** The spec's `features`; `columns` null = the defaults for the unit and data. */
  features: FeatureSettings;
  detectors: DetectorSetting[];
  /** Which rows detectors learn from and which are judged. */
  split: SplitSpec;
  /** `run` is also the run the threshold and results cells show. */
  threshold: ThresholdSetting;
  /** Limits of a file read in the page (Data cell, "Limits"); unset: the defaults of `readLogs`. Not part of the spec. */
  readLimits?: { maxBytes: number; maxRows: number };
}

/** Spec `features` as the Features cell edits it. */
export type FeatureSettings = Omit<FeatureSpec, 'columns' | 'scaling'> & { columns: string[] | null; scaling: NonNullable<FeatureSpec['scaling']> };

/** The spec's `features` for these settings: unset parts left out. */
export function featureSpec(f: FeatureSettings): FeatureSpec {
  const { columns, ...rest } = f;
  const spec: FeatureSpec = { ...rest, ...(columns ? { columns } : {}) };
  for (const key of Object.keys(spec) as (keyof FeatureSpec)[]) {
    const v = spec[key];
    // An empty column list is a choice (only text vectors or categories), not "the defaults".
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0 && key !== 'columns')) delete spec[key];
  }
  return spec;
}

/** Settings saved by the first version, with a single Isolation Forest. */
interface SettingsV0 extends Omit<Settings, 'detectors' | 'threshold' | 'split'> {
  detector: Record<string, unknown>;
  threshold: { method: ThresholdMethod; value: number };
}

/** Reads saved settings of any version into the current shape. */
export function upgradeSettings(saved: Settings | SettingsV0): Settings {
  const base = defaultSettings();
  if ('detectors' in saved && Array.isArray(saved.detectors) && saved.detectors.length) return { ...base, ...saved };
  const old = saved as SettingsV0;
  return {
    ...base,
    ...old,
    detectors: [{ id: 'if', type: 'isolation-forest', params: { ...base.detectors[0].params, ...old.detector } }],
    threshold: { run: 'if', ...(old.threshold ?? base.threshold) },
  };
}

export function defaultSettings(): Settings {
  return {
    name: 'webapp-isolation-forest',
    format: 'auto',
    labels: { kind: 'firstToken', normal: '-' },
    features: { unit: 'line', columns: null, scaling: 'standard' },
    detectors: [{ id: 'if', type: 'isolation-forest', params: { trees: 100, sampleSize: 256, maxFeatures: 1, seed: 1 } }],
    split: { method: 'all' },
    threshold: { run: 'if', method: 'contamination', value: 0.05 },
  };
}

const listOf = (text: string) => text.split(',').map((v) => v.trim()).filter(Boolean);

/** Time ranges from the cell's text, one `FROM TO` per line; bad lines name themselves. */
export function parseTimeRanges(text: string): { from: string; to: string }[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line, i) => {
      const [from, to] = line.split(/\s*(?:,|\s)\s*/);
      if (!from || !to || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) {
        throw new Error(`labels, time range ${i + 1}: "${line}" is not "FROM TO" in ISO 8601`);
      }
      return { from, to };
    });
}

/**
 * The label rule to run with, for a label choice. A label file needs its rows
 * (`labelRows`, read by the page); the spec keeps the file's name instead
 * (`specLabels`).
 */
export function labelRule(choice: LabelChoice, labelRows?: Record<string, string>[] | null): LabelRule | null {
  switch (choice.kind) {
    case 'none':
      return null;
    case 'firstToken':
      return { firstToken: { normal: choice.normal } };
    case 'column': {
      const values = listOf(choice.values);
      return choice.mean === 'anomalous' ? { column: choice.column, anomalous: values } : { column: choice.column, normal: values };
    }
    case 'file':
      if (!labelRows) throw new Error(`labels: pick the label file ${choice.fileName || ''} to join`.trim());
      return { join: { rows: labelRows, key: choice.key, column: choice.column, anomalous: listOf(choice.values) } };
    case 'timeRanges':
      return { timeRanges: parseTimeRanges(choice.text) };
  }
}

/** The label rule as a spec writes it: a label file by name, to be placed beside the spec. */
export function specLabels(choice: LabelChoice): LabelRule | LabelFileRule | null {
  if (choice.kind === 'file') return { file: choice.fileName, key: choice.key, column: choice.column, anomalous: listOf(choice.values) };
  return labelRule(choice);
}

/** The label choice for a spec's label rule. */
export function labelChoice(rule: LabelRule | LabelFileRule | null | undefined): LabelChoice {
  if (!rule) return { kind: 'none' };
  if ('firstToken' in rule) return { kind: 'firstToken', normal: rule.firstToken.normal };
  if ('file' in rule) return { kind: 'file', fileName: rule.file, key: rule.key, column: rule.column, values: (rule.anomalous ?? ['Anomaly']).join(', ') };
  if ('timeRanges' in rule) return { kind: 'timeRanges', text: rule.timeRanges.map((r) => `${r.from} ${r.to}`).join('\n') };
  if ('join' in rule) return { kind: 'none' };
  return 'anomalous' in rule
    ? { kind: 'column', column: rule.column, values: rule.anomalous.join(', '), mean: 'anomalous' }
    : { kind: 'column', column: rule.column, values: rule.normal.join(', '), mean: 'normal' };
}
