import type { LabelFileRule, LabelRule } from '../core/ingest/apply-labels.ts';
import type { Format } from '../core/ingest/sniff-format.ts';
import type { Scaling, Unit } from '../core/features/feature-spec.ts';
import type { ThresholdMethod } from '../core/experiment/spec.ts';

/** How the user said labels are given; `values` is the text of the values box. */
export type LabelChoice =
  | { kind: 'none' }
  | { kind: 'firstToken'; normal: string }
  | { kind: 'column'; column: string; values: string; mean: 'anomalous' | 'normal' };

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
  labels: LabelChoice;
  features: { unit: Unit; columns: string[] | null; scaling: Scaling };
  detectors: DetectorSetting[];
  /** `run` is also the run the threshold and results cells show. */
  threshold: { run: string; method: ThresholdMethod; value: number };
}

/** Settings saved by the first version, with a single Isolation Forest. */
interface SettingsV0 extends Omit<Settings, 'detectors' | 'threshold'> {
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
    threshold: { run: 'if', method: 'contamination', value: 0.05 },
  };
}

/** The spec's label rule for a label choice. */
export function labelRule(choice: LabelChoice): LabelRule | null {
  if (choice.kind === 'none') return null;
  if (choice.kind === 'firstToken') return { firstToken: { normal: choice.normal } };
  const values = choice.values.split(',').map((v) => v.trim()).filter(Boolean);
  return choice.mean === 'anomalous' ? { column: choice.column, anomalous: values } : { column: choice.column, normal: values };
}

/** The label choice for a spec's label rule. */
export function labelChoice(rule: LabelRule | LabelFileRule | null | undefined): LabelChoice {
  if (!rule) return { kind: 'none' };
  if ('firstToken' in rule) return { kind: 'firstToken', normal: rule.firstToken.normal };
  // Label files and time ranges have no cell form yet: the page runs without labels.
  if (!('column' in rule) || 'file' in rule) return { kind: 'none' };
  return 'anomalous' in rule
    ? { kind: 'column', column: rule.column, values: rule.anomalous.join(', '), mean: 'anomalous' }
    : { kind: 'column', column: rule.column, values: rule.normal.join(', '), mean: 'normal' };
}
