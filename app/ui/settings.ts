import type { IsolationForestParams } from '../core/detect/isolation-forest.ts';
import type { LabelRule } from '../core/ingest/apply-labels.ts';
import type { Format } from '../core/ingest/sniff-format.ts';
import type { Scaling, Unit } from '../core/features/feature-spec.ts';
import type { ThresholdMethod } from '../core/experiment/spec.ts';

/** How the user said labels are given; `values` is the text of the values box. */
export type LabelChoice =
  | { kind: 'none' }
  | { kind: 'firstToken'; normal: string }
  | { kind: 'column'; column: string; values: string; mean: 'anomalous' | 'normal' };

/** Everything the user set in the notebook's cells: what the spec is made of. */
export interface Settings {
  name: string;
  format: Format | 'auto';
  labels: LabelChoice;
  features: { unit: Unit; columns: string[] | null; scaling: Scaling };
  detector: IsolationForestParams;
  threshold: { method: ThresholdMethod; value: number };
}

export const RUN_ID = 'if';

export function defaultSettings(): Settings {
  return {
    name: 'webapp-isolation-forest',
    format: 'auto',
    labels: { kind: 'firstToken', normal: '-' },
    features: { unit: 'line', columns: null, scaling: 'standard' },
    detector: { trees: 100, sampleSize: 256, maxFeatures: 1, seed: 1 },
    threshold: { method: 'contamination', value: 0.05 },
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
export function labelChoice(rule: LabelRule | null | undefined): LabelChoice {
  if (!rule) return { kind: 'none' };
  if ('firstToken' in rule) return { kind: 'firstToken', normal: rule.firstToken.normal };
  return 'anomalous' in rule
    ? { kind: 'column', column: rule.column, values: rule.anomalous.join(', '), mean: 'anomalous' }
    : { kind: 'column', column: rule.column, values: rule.normal.join(', '), mean: 'normal' };
}
