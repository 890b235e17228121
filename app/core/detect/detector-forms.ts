/**
 * How each detector's parameters are shown as a form: the page builds every
 * detector cell from these, so a new detector needs an entry here and
 * nothing in the UI. Defaults and upper bounds come from the detector itself.
 */
import { AUTOENCODER_LIMITS as AE } from './autoencoder-params.ts';
import { ISOLATION_FOREST_LIMITS as IF } from './isolation-forest.ts';
import { LOF_LIMITS } from './lof.ts';
import { RARE_TEMPLATE_LIMITS } from './rare-template.ts';
import { TEMPLATE_NOVELTY_LIMITS } from './template-novelty.ts';
import { RATE_DIRECTIONS, TEMPLATE_RATE_LIMITS } from './template-rate.ts';
import { SHARE_DIRECTIONS, TEMPLATE_SHARE_LIMITS } from './template-share.ts';
import { VARIABLE_RANGE_LIMITS } from './variable-range.ts';

export interface ParamField {
  name: string;
  label: string;
  kind: 'integer' | 'number' | 'boolean' | 'choice' | 'integers';
  min?: number;
  max?: number;
  step?: number;
  choices?: readonly string[];
  help?: string;
}

export interface DetectorForm {
  type: string;
  /** Name shown on the cell. */
  label: string;
  /** One line on what it does and where it comes from. */
  summary: string;
  fields: ParamField[];
  /** Short id used for a new run of this type (`if`, `lof`, …). */
  idPrefix: string;
}

const seed: ParamField = { name: 'seed', label: 'Seed', kind: 'integer', help: 'every random choice follows it' };

export const DETECTOR_FORMS: DetectorForm[] = [
  {
    type: 'isolation-forest',
    label: 'Isolation Forest',
    summary: 'Liu et al. 2008, scored like scikit-learn (−score_samples): rows that random splits isolate quickly.',
    idPrefix: 'if',
    fields: [
      { name: 'trees', label: 'Trees', kind: 'integer', min: 1, max: IF.trees.max },
      { name: 'sampleSize', label: 'Sample size ψ', kind: 'integer', min: 2, max: IF.sampleSize.max },
      { name: 'maxFeatures', label: 'Max features', kind: 'number', min: 0.05, max: 1, step: 0.05, help: 'share of columns per tree' },
      seed,
    ],
  },
  {
    type: 'lof',
    label: 'Local Outlier Factor',
    summary: 'Breunig et al. 2000, exact k nearest neighbours, as scikit-learn: rows far less dense than their neighbours.',
    idPrefix: 'lof',
    fields: [
      { name: 'k', label: 'Neighbours k', kind: 'integer', min: 1, max: LOF_LIMITS.k.max },
      { name: 'metric', label: 'Metric', kind: 'choice', choices: ['euclidean', 'manhattan', 'cosine'] },
      { name: 'novelty', label: 'Novelty mode', kind: 'boolean', help: 'fit on a baseline, score new rows' },
    ],
  },
  {
    type: 'autoencoder',
    label: 'Autoencoder',
    summary: 'A dense autoencoder (TensorFlow.js): rows it reconstructs badly. Score = mean squared reconstruction error.',
    idPrefix: 'ae',
    fields: [
      { name: 'layers', label: 'Hidden layers', kind: 'integers', min: 1, max: AE.layers.max, help: 'sizes, e.g. 16, 8, 16' },
      { name: 'activation', label: 'Activation', kind: 'choice', choices: ['relu', 'tanh', 'sigmoid', 'elu'] },
      { name: 'epochs', label: 'Epochs', kind: 'integer', min: 1, max: AE.epochs.max },
      { name: 'batchSize', label: 'Batch size', kind: 'integer', min: 1, max: AE.batchSize.max },
      { name: 'learningRate', label: 'Learning rate', kind: 'number', min: 0.00001, max: AE.learningRate.max, step: 0.0001 },
      { name: 'validationSplit', label: 'Validation share', kind: 'number', min: 0, max: 0.5, step: 0.05 },
      seed,
    ],
  },
  {
    type: 'pca',
    label: 'PCA reconstruction error',
    summary: 'Squared prediction error off the principal subspace — loglizer’s strongest unsupervised detector on HDFS.',
    idPrefix: 'pca',
    fields: [{ name: 'variance', label: 'Variance kept', kind: 'number', min: 0.5, max: 1, step: 0.01 }],
  },
  {
    type: 'rare-template',
    label: 'Rare-pattern baseline',
    summary: 'How rare the row’s exact feature pattern is — the obvious baseline a model should beat.',
    idPrefix: 'rare',
    fields: [{ name: 'smoothing', label: 'Smoothing', kind: 'number', min: 0, max: RARE_TEMPLATE_LIMITS.smoothing.max, step: 0.5 }],
  },
  // The anomaly kinds judged against the baseline (pick a time or ratio split in the Split cell).
  {
    type: 'template-novelty',
    label: 'New template',
    summary: 'Lines whose template the baseline never had: the line column “template” (share 0), or “unseen” per session or window. Scores 1 per new line; flag with a score threshold of 1.',
    idPrefix: 'new',
    fields: [{ name: 'minShare', label: 'Counts as new up to share', kind: 'number', min: 0, max: TEMPLATE_NOVELTY_LIMITS.minShare.max, step: 0.001, help: 'a template with at most this share of the baseline is new too' }],
  },
  {
    type: 'template-share',
    label: 'Template share vs baseline',
    summary: 'Per session or window, the template whose share is furthest below (or above) its share of the baseline: the G statistic (χ²(1): 3.84 is p = 0.05). Reads the “templates” columns.',
    idPrefix: 'share',
    fields: [
      { name: 'direction', label: 'Direction', kind: 'choice', choices: SHARE_DIRECTIONS },
      { name: 'smoothing', label: 'Smoothing', kind: 'number', min: 0, max: TEMPLATE_SHARE_LIMITS.smoothing.max, step: 0.5, help: 'pseudo-count added to every template of the baseline' },
    ],
  },
  {
    type: 'template-rate',
    label: 'Template count vs baseline rate',
    summary: 'Per session or window, the template (or count column) furthest from its baseline mean, in standard deviations (at least Poisson’s).',
    idPrefix: 'rate',
    fields: [
      { name: 'direction', label: 'Direction', kind: 'choice', choices: RATE_DIRECTIONS },
      { name: 'minVariance', label: 'Least variance', kind: 'number', min: 0, max: TEMPLATE_RATE_LIMITS.minVariance.max, step: 0.5, help: 'floor of every column’s variance, in counts²' },
    ],
  },
  {
    type: 'variable-range',
    label: 'Variable out of its template’s range',
    summary: 'Lines whose numbers lie outside their own template’s baseline range (median ± k robust scales); reads the line column “variable-range”. Score = scales beyond the range.',
    idPrefix: 'range',
    fields: [{ name: 'k', label: 'Range ± k scales', kind: 'number', min: 0, max: VARIABLE_RANGE_LIMITS.k.max, step: 0.5 }],
  },
];

export function detectorForm(type: string): DetectorForm | undefined {
  return DETECTOR_FORMS.find((f) => f.type === type);
}
