/**
 * The autoencoder's parameters: their types, defaults and validation. Errors
 * name the field and the value got.
 */
import { checkParamNames, showValue as show } from './detector.ts';

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

const PARAM_NAMES = Object.keys(AUTOENCODER_DEFAULTS) as (keyof AutoencoderParams)[];

export function normalizeAutoencoderParams(params: Partial<AutoencoderParams> = {}): AutoencoderParams {
  checkParamNames('autoencoder', params, PARAM_NAMES);
  const pick = (key: keyof AutoencoderParams): unknown => params[key] ?? AUTOENCODER_DEFAULTS[key];
  const integer = (key: keyof AutoencoderParams, min: number): number => {
    const v = pick(key);
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) {
      throw new Error(`invalid ${key}: ${show(v)} (expected an integer >= ${min})`);
    }
    return v;
  };
  const layersIn = pick('layers');
  if (
    !Array.isArray(layersIn) || layersIn.length === 0 ||
    !layersIn.every((u) => typeof u === 'number' && Number.isSafeInteger(u) && u >= 1)
  ) {
    throw new Error(`invalid layers: ${showJson(layersIn)} (expected a non-empty array of integers >= 1)`);
  }
  const activation = pick('activation');
  if (typeof activation !== 'string' || !(AUTOENCODER_ACTIVATIONS as readonly string[]).includes(activation)) {
    throw new Error(`invalid activation: ${show(activation)} (expected one of ${AUTOENCODER_ACTIVATIONS.join(', ')})`);
  }
  const epochs = integer('epochs', 1);
  const batchSize = integer('batchSize', 1);
  const patience = integer('patience', 0);
  const learningRate = pick('learningRate');
  if (typeof learningRate !== 'number' || !Number.isFinite(learningRate) || learningRate <= 0) {
    throw new Error(`invalid learningRate: ${show(learningRate)} (expected a number > 0)`);
  }
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
