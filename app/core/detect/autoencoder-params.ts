/**
 * The autoencoder's parameters: their types, defaults and validation. Errors
 * name the field and the value got.
 */
import { checkParamNames } from './detector.ts';
import { showValue as show } from '../show-value.ts';
import { checkUpper, ParamRangeError } from './param-limits.ts';
import { oneOf } from './param-checks.ts';
import type { DetectorDeclaration } from './declaration.ts';

export const AUTOENCODER_ACTIVATIONS = Object.freeze(['relu', 'tanh', 'sigmoid', 'elu'] as const);
export type AutoencoderActivation = (typeof AUTOENCODER_ACTIVATIONS)[number];

export interface AutoencoderParams {
  /** Hidden layer sizes; input and output size = the matrix's columns. */
  layers: number[];
  /** Activation of the hidden layers (the output layer is linear). */
  activation: AutoencoderActivation;
  /** Maximum number of passes over the training rows (integer ≥ 1). */
  epochs: number;
  /** Rows per Adam step (integer ≥ 1; capped at the training rows). */
  batchSize: number;
  /** Adam's step size (> 0). */
  learningRate: number;
  /** Share of rows held out for validation and early stopping, in [0, 1); 0 = none. */
  validationSplit: number;
  /** Epochs without improvement before stopping (integer ≥ 0; 0 = never stop early). */
  patience: number;
  /** Seed of weight initialisation, validation draw and shuffling (integer). */
  seed: number;
}

export const AUTOENCODER_DEFAULTS: Readonly<AutoencoderParams> = Object.freeze({
  layers: Object.freeze([16, 8, 16]) as unknown as number[],
  activation: 'relu',
  epochs: 20,
  batchSize: 64,
  learningRate: 0.001,
  validationSplit: 0.1,
  patience: 3,
  seed: 1,
});

/**
 * Bounds of the parameters. `layers`: each size, and at most `maxItems`
 * layers (a dense layer of n units after one of m holds m × n weights, and
 * Adam keeps two more copies: 16 layers of 2048 stay near 1 GB).
 */
export const AUTOENCODER_LIMITS = Object.freeze({
  layers: Object.freeze({ min: 1, max: 2_048, integer: true, maxItems: 16 }),
  epochs: Object.freeze({ min: 1, max: 10_000, integer: true }),
  batchSize: Object.freeze({ min: 1, max: 65_536, integer: true }),
  learningRate: Object.freeze({ min: 0, max: 1, exclusiveMin: true }),
  validationSplit: Object.freeze({ min: 0, max: 1, exclusiveMax: true }),
  patience: Object.freeze({ min: 0, max: 10_000, integer: true }),
});

/** The autoencoder's parameters, form and docs (see `declaration.ts`). */
export const AUTOENCODER_DECLARATION: DetectorDeclaration<AutoencoderParams> = {
  type: 'autoencoder',
  label: 'Autoencoder',
  summary: 'A dense autoencoder (TensorFlow.js): rows it reconstructs badly. Score = mean squared reconstruction error.',
  idPrefix: 'ae',
  docs: 'a dense autoencoder (TensorFlow.js) scored by its mean squared reconstruction error, stopping after `patience` epochs without a better validation loss',
  defaults: AUTOENCODER_DEFAULTS,
  params: {
    layers: { kind: 'integers', label: 'Hidden layers', limit: AUTOENCODER_LIMITS.layers, help: 'sizes, e.g. 16, 8, 16' },
    activation: { kind: 'choice', label: 'Activation', choices: AUTOENCODER_ACTIVATIONS },
    epochs: { kind: 'integer', label: 'Epochs', limit: AUTOENCODER_LIMITS.epochs },
    batchSize: { kind: 'integer', label: 'Batch size', limit: AUTOENCODER_LIMITS.batchSize },
    learningRate: { kind: 'number', label: 'Learning rate', limit: AUTOENCODER_LIMITS.learningRate, input: { min: 0.00001, step: 0.0001 } },
    validationSplit: { kind: 'number', label: 'Validation share', limit: AUTOENCODER_LIMITS.validationSplit, input: { max: 0.5, step: 0.05 } },
    patience: { kind: 'integer', label: 'Patience', limit: AUTOENCODER_LIMITS.patience, help: 'epochs without a better validation loss before stopping; 0 = never stop early' },
    seed: { kind: 'integer', label: 'Seed', help: 'every random choice follows it' },
  },
};

const PARAM_NAMES = Object.keys(AUTOENCODER_DEFAULTS) as (keyof AutoencoderParams)[];

export function normalizeAutoencoderParams(params: Partial<AutoencoderParams> = {}): AutoencoderParams {
  checkParamNames('autoencoder', params, PARAM_NAMES);
  const pick = (key: keyof AutoencoderParams): unknown => params[key] ?? AUTOENCODER_DEFAULTS[key];
  const integer = (key: 'epochs' | 'batchSize' | 'patience'): number => {
    const v = pick(key);
    const { min } = AUTOENCODER_LIMITS[key];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) {
      throw new Error(`invalid ${key}: ${show(v)} (expected an integer >= ${min})`);
    }
    checkUpper(key, v, AUTOENCODER_LIMITS[key]);
    return v;
  };
  const layersIn = pick('layers');
  if (
    !Array.isArray(layersIn) || layersIn.length === 0 ||
    !layersIn.every((u) => typeof u === 'number' && Number.isSafeInteger(u) && u >= 1)
  ) {
    throw new Error(`invalid layers: ${showJson(layersIn)} (expected a non-empty array of integers >= 1)`);
  }
  const layerLimit = AUTOENCODER_LIMITS.layers;
  if (layersIn.length > layerLimit.maxItems) {
    throw new ParamRangeError('layers', `${layersIn.length} layers is above the limit ${layerLimit.maxItems}`);
  }
  (layersIn as number[]).forEach((units, i) => checkUpper(`layers[${i}]`, units, layerLimit));
  const activation = oneOf('activation', pick('activation'), AUTOENCODER_ACTIVATIONS);
  const epochs = integer('epochs');
  const batchSize = integer('batchSize');
  const patience = integer('patience');
  const learningRate = pick('learningRate');
  if (typeof learningRate !== 'number' || !Number.isFinite(learningRate) || learningRate <= 0) {
    throw new Error(`invalid learningRate: ${show(learningRate)} (expected a number > 0)`);
  }
  checkUpper('learningRate', learningRate, AUTOENCODER_LIMITS.learningRate);
  const validationSplit = pick('validationSplit');
  if (typeof validationSplit !== 'number' || !Number.isFinite(validationSplit) || validationSplit < 0 || validationSplit >= 1) {
    throw new Error(`invalid validationSplit: ${show(validationSplit)} (expected a number in [0, 1))`);
  }
  const seed = pick('seed');
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new Error(`invalid seed: ${show(seed)} (expected an integer)`);
  }
  return {
    layers: [...(layersIn as number[])],
    activation: activation as AutoencoderActivation,
    epochs,
    batchSize,
    learningRate,
    validationSplit,
    patience,
    seed,
  };
}

/** A value as JSON for an error message (String when it cannot be). */
export function showJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
