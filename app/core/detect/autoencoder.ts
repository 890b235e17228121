/**
 * A dense autoencoder anomaly detector on TensorFlow.js: a row that the
 * network, trained to reconstruct the data, reconstructs badly is anomalous.
 *
 * - Columns are standardised with the training mean and (population) standard
 *   deviation; a constant column gets scale 1, so it is 0 for training rows
 *   and any departure from the constant shows up as error. Errors are measured
 *   in these standardised units, so every feature counts on the same scale.
 * - Network: cols → layers[0] → … → layers[k−1] → cols, dense layers with the
 *   chosen activation on the hidden layers and a linear output layer. Kernels
 *   are Glorot-uniform and biases zero, drawn from `createRandom` (not TF.js's
 *   own generator), so initial weights depend on the seed only, not on the
 *   backend.
 * - Training: Adam (the update of `tf.train.adam`: β1 = 0.9, β2 = 0.999,
 *   ε = 1e-7) on the mean squared reconstruction error, mini-batches in an
 *   order reshuffled every epoch from the seed. Gradients are written out by
 *   hand (dense layers are simple) instead of using TF.js's autograd tape,
 *   whose bookkeeping cost several times the arithmetic for a network this
 *   small; the tests check them against `tf.grad` + `tf.train.adam`.
 *   `validationSplit` of the rows (a seeded random draw, not the last rows)
 *   is held out; training stops after `patience` epochs
 *   without a strictly lower validation loss (training loss when there is no
 *   validation row), and the weights of the best epoch are kept — Keras's
 *   EarlyStopping with `restore_best_weights`. `patience: 0` disables early
 *   stopping.
 * - Score of a row = mean over columns of the squared reconstruction error
 *   (standardised units), accumulated in float64; {@link reconstructionErrors}
 *   gives the per-column terms for explanations.
 *
 * Synchronous by design: the Detector contract's `fit`/`score` are sync, and
 * so is every TF.js op used here (matMul, split, `dataSync`, …) on the cpu and
 * wasm backends once the backend is initialised. Initialisation is the one
 * async step: await `initAutoencoderBackend()` (see `tf-backend.ts`) first.
 * Without it, the cpu backend is used. The model records the backend it was
 * trained on; the same seed, data and backend give the same scores, and a model
 * restored from JSON scores identically on the same backend (float32 kernels
 * differ in the last bits between backends).
 *
 * Degenerate inputs: NaN/infinite values and zero columns throw; a single row
 * trains without validation; identical rows and constant columns standardise
 * to zeros. Scores are never NaN: inputs to the network are clamped to ±1e6
 * standard deviations (the error is still measured on the unclamped value) and
 * an overflowing error is reported as Number.MAX_VALUE. Training that diverges
 * (non-finite loss) stops and keeps the best epoch's weights, or throws if the
 * very first epoch diverged.
 */
import * as tf from '@tensorflow/tfjs';
import type { Matrix } from '../matrix.ts';
import { createRandom } from '../random.ts';
import { checkParamNames, checkFeatureMatrix, type Detector } from './detector.ts';
import { progressReporter, throwIfAborted, type RunOptions } from '../progress.ts';
import { showValue as show } from '../show-value.ts';
import { ensureBackend } from './tf-backend.ts';
import { AUTOENCODER_DECLARATION, AUTOENCODER_DEFAULTS, AUTOENCODER_LIMITS, normalizeAutoencoderParams as normalize, showJson, type AutoencoderActivation, type AutoencoderParams } from './autoencoder-params.ts';
import { AutoencoderTrainer, CHUNK_ROWS, reconstructRows, squaredError, type Net } from './autoencoder-network.ts';

export { AutoencoderTrainer } from './autoencoder-network.ts';
export { AUTOENCODER_ACTIVATIONS, type AutoencoderActivation, type AutoencoderParams } from './autoencoder-params.ts';

export { initAutoencoderBackend, currentBackend as autoencoderBackend, DEFAULT_BACKENDS } from './tf-backend.ts';

/** One dense layer: `out = in · kernel + bias`. */
export interface AutoencoderDense {
  /** [inputs, units]. */
  shape: [number, number];
  /** Row-major inputs × units float32 values. */
  kernel: number[];
  /** One float32 value per unit. */
  bias: number[];
}

export interface AutoencoderTraining {
  /** Mean training loss per epoch run (mean of the batch losses, weighted by batch size). */
  loss: number[];
  /** Validation loss per epoch run; null when no row was held out. */
  valLoss: number[] | null;
  /** Epochs run (≤ params.epochs). */
  epochs: number;
  /** 1-based epoch whose weights the model keeps. */
  bestEpoch: number;
  /** True when early stopping (or divergence) ended training before params.epochs. */
  stoppedEarly: boolean;
  trainRows: number;
  validationRows: number;
}

export interface AutoencoderModel {
  type: 'autoencoder';
  version: 1;
  params: AutoencoderParams;
  /** Number of columns the model was fitted on. */
  cols: number;
  /** TF.js backend the model was trained on, e.g. "wasm" or "cpu". */
  backend: string;
  /** Per-column training mean. */
  mean: number[];
  /** Per-column training standard deviation (1 for a constant column). */
  scale: number[];
  /** Dense layers, input to output. */
  dense: AutoencoderDense[];
  training: AutoencoderTraining;
}

export interface AutoencoderRunOptions extends RunOptions {
  /** Called after each epoch with its 1-based number, training loss and validation loss (null without validation). */
  onEpoch?: (epoch: number, loss: number, valLoss: number | null) => void;
}

/** Standardised inputs beyond this many standard deviations are clamped before the network. */
const Z_CLAMP = 1e6;

// ---------------------------------------------------------------- data

/** Fills `dst` with the standardised (z) values of row `i`, clamped for the network. */
function standardiseRow(
  data: Float64Array, cols: number, i: number, mean: ArrayLike<number>, scale: ArrayLike<number>,
  dst: Float32Array, offset: number,
): void {
  const base = i * cols;
  for (let j = 0; j < cols; j++) {
    const z = (data[base + j] - mean[j]) / scale[j];
    dst[offset + j] = z > Z_CLAMP ? Z_CLAMP : z < -Z_CLAMP ? -Z_CLAMP : z;
  }
}

// ---------------------------------------------------------------- fitting

function fit(x: Matrix, params: AutoencoderParams, options: AutoencoderRunOptions = {}): AutoencoderModel {
  const p = normalize(params);
  checkFeatureMatrix(x, 'the autoencoder');
  const { rows, cols, data } = x;
  if (rows === 0) throw new Error('feature matrix has no rows: the autoencoder needs at least one row to fit');
  const { signal, onEpoch } = options;
  const report = progressReporter(options.onProgress);
  throwIfAborted(signal);
  const backend = ensureBackend();

  // Standardisation (float64, population standard deviation).
  const mean = new Array<number>(cols).fill(0);
  const scale = new Array<number>(cols).fill(0);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += data[i * cols + j];
  for (let j = 0; j < cols; j++) mean[j] /= rows;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const d = data[i * cols + j] - mean[j];
      scale[j] += d * d;
    }
  }
  for (let j = 0; j < cols; j++) {
    const sd = Math.sqrt(scale[j] / rows);
    scale[j] = sd > 0 && Number.isFinite(sd) ? sd : 1;
  }

  // Independent seeded streams, so that e.g. the row count does not change the initial weights.
  const master = createRandom(p.seed);
  const initRng = createRandom(Math.floor(master.next() * 4294967296));
  const splitRng = createRandom(Math.floor(master.next() * 4294967296));
  const shuffleRng = createRandom(Math.floor(master.next() * 4294967296));

  // Validation rows: a seeded random draw; at least one row is kept for training.
  let nVal = p.validationSplit > 0 ? Math.floor(rows * p.validationSplit) : 0;
  if (nVal >= rows) nVal = rows - 1;
  const nTrain = rows - nVal;
  const perm = new Int32Array(rows);
  for (let i = 0; i < rows; i++) perm[i] = i;
  for (let k = 0; k < nVal; k++) {
    const r = k + splitRng.int(rows - k);
    const tmp = perm[k]; perm[k] = perm[r]; perm[r] = tmp;
  }
  // Keep each part in row order, so the split depends on the draw only.
  const valRows = perm.slice(0, nVal).sort();
  const trainRows = perm.slice(nVal).sort();
  const train = new Float32Array(nTrain * cols);
  for (let k = 0; k < nTrain; k++) standardiseRow(data, cols, trainRows[k], mean, scale, train, k * cols);
  const val = new Float32Array(nVal * cols);
  for (let k = 0; k < nVal; k++) standardiseRow(data, cols, valRows[k], mean, scale, val, k * cols);

  // Glorot-uniform kernels, zero biases, laid out flat: kernel 1, bias 1, kernel 2, …
  const sizes = [cols, ...p.layers, cols];
  let total = 0;
  for (let k = 0; k + 1 < sizes.length; k++) total += sizes[k] * sizes[k + 1] + sizes[k + 1];
  const initial = new Float32Array(total);
  let off = 0;
  for (let k = 0; k + 1 < sizes.length; k++) {
    const fanIn = sizes[k], fanOut = sizes[k + 1];
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    for (let i = 0; i < fanIn * fanOut; i++) initial[off + i] = initRng.uniform(-limit, limit);
    off += fanIn * fanOut + fanOut;
  }

  const batchSize = Math.min(p.batchSize, nTrain);
  const nBatches = Math.ceil(nTrain / batchSize);
  const order = new Int32Array(nTrain);
  for (let i = 0; i < nTrain; i++) order[i] = i;
  const batchBuf = new Float32Array(batchSize * cols);

  const trainer = new AutoencoderTrainer(sizes, p.activation, p.learningRate, initial);
  try {
    const lossHistory: number[] = [];
    const valHistory: number[] | null = nVal > 0 ? [] : null;
    let best = Infinity;
    let bestEpoch = 0;
    let bestWeights: AutoencoderDense[] | null = null;
    let wait = 0;
    let stoppedEarly = false;

    for (let epoch = 0; epoch < p.epochs; epoch++) {
      // Fisher–Yates reshuffle of the batch order.
      for (let i = nTrain - 1; i > 0; i--) {
        const r = shuffleRng.int(i + 1);
        const tmp = order[i]; order[i] = order[r]; order[r] = tmp;
      }
      let lossSum = 0;
      for (let b = 0; b < nBatches; b++) {
        throwIfAborted(signal);
        const start = b * batchSize;
        const n = Math.min(batchSize, nTrain - start);
        for (let k = 0; k < n; k++) {
          const row = order[start + k];
          batchBuf.set(train.subarray(row * cols, row * cols + cols), k * cols);
        }
        const xb = tf.tensor2d(n === batchSize ? batchBuf : batchBuf.subarray(0, n * cols), [n, cols], 'float32');
        try {
          lossSum += trainer.fitBatch(xb) * n;
        } finally {
          xb.dispose();
        }
        report((epoch + (b + 1) / nBatches) / p.epochs);
      }
      const loss = lossSum / nTrain;
      const valLoss = nVal > 0 ? trainer.loss(val, nVal, cols, signal) : null;
      lossHistory.push(loss);
      if (valHistory && valLoss !== null) valHistory.push(valLoss);
      onEpoch?.(epoch + 1, loss, valLoss);

      const monitored = valLoss ?? loss;
      if (!Number.isFinite(loss) || !Number.isFinite(monitored)) {
        if (!bestWeights) {
          throw new Error(
            `autoencoder training diverged in epoch ${epoch + 1} (loss ${loss}); try a smaller learningRate than ${p.learningRate}`,
          );
        }
        stoppedEarly = epoch + 1 < p.epochs;
        break;
      }
      if (monitored < best) {
        best = monitored;
        bestEpoch = epoch + 1;
        bestWeights = trainer.snapshot();
        wait = 0;
      } else if (p.patience > 0 && ++wait >= p.patience) {
        stoppedEarly = epoch + 1 < p.epochs;
        break;
      }
    }
    if (lossHistory.length < p.epochs) report(1); // stopped early; otherwise the last batch reported 1

    return {
      type: 'autoencoder',
      version: 1,
      params: p,
      cols,
      backend,
      mean,
      scale,
      dense: bestWeights ?? trainer.snapshot(),
      training: {
        loss: lossHistory,
        valLoss: valHistory,
        epochs: lossHistory.length,
        bestEpoch,
        stoppedEarly,
        trainRows: nTrain,
        validationRows: nVal,
      },
    };
  } finally {
    trainer.dispose();
  }
}

// ---------------------------------------------------------------- scoring

function checkModel(model: AutoencoderModel): void {
  if (model === null || typeof model !== 'object' || model.type !== 'autoencoder') {
    throw new Error(`not an autoencoder model: type ${show((model as { type?: unknown } | null)?.type)}`);
  }
  if (model.version !== 1) throw new Error(`unsupported autoencoder model version: ${show(model.version)} (expected 1)`);
  const { cols, dense, mean, scale } = model;
  if (!Number.isSafeInteger(cols) || cols < 1) throw new Error(`invalid autoencoder model: cols ${show(cols)}`);
  if (!Array.isArray(mean) || mean.length !== cols || !Array.isArray(scale) || scale.length !== cols) {
    throw new Error(`invalid autoencoder model: mean and scale must have ${cols} values each`);
  }
  if (!Array.isArray(dense) || dense.length < 2) throw new Error('invalid autoencoder model: expected at least 2 dense layers');
  let inputs = cols;
  dense.forEach((d, k) => {
    const [rowsIn, units] = Array.isArray(d?.shape) ? d.shape : [NaN, NaN];
    if (
      rowsIn !== inputs || !Number.isSafeInteger(units) || units < 1 || (k === dense.length - 1 && units !== cols) ||
      !Array.isArray(d.kernel) || d.kernel.length !== rowsIn * units || !Array.isArray(d.bias) || d.bias.length !== units
    ) {
      throw new Error(`invalid autoencoder model: dense layer ${k + 1} has shape ${showJson(d?.shape)} or weights that do not match it`);
    }
    inputs = units;
  });
}

/**
 * Runs every row of `x` through the model and hands each chunk's
 * standardised values and reconstruction to `sink`.
 */
function reconstructMatrix(
  model: AutoencoderModel,
  x: Matrix,
  options: RunOptions,
  sink: (start: number, n: number, z: Float64Array, recon: Float32Array) => void,
): void {
  checkModel(model);
  checkFeatureMatrix(x, 'the autoencoder');
  const { rows, cols, data } = x;
  if (cols !== model.cols) {
    throw new Error(`feature matrix has ${cols} columns but the autoencoder model was fitted on ${model.cols}`);
  }
  const { signal } = options;
  const report = progressReporter(options.onProgress);
  throwIfAborted(signal);
  if (rows === 0) {
    report(1);
    return;
  }
  ensureBackend();
  const { mean, scale } = model;
  const kernels: tf.Tensor2D[] = [];
  const biases: tf.Tensor1D[] = [];
  try {
    for (const d of model.dense) {
      kernels.push(tf.tensor2d(Float32Array.from(d.kernel), d.shape, 'float32'));
      biases.push(tf.tensor1d(Float32Array.from(d.bias), 'float32'));
    }
    const net: Net = { kernels, biases, activation: model.params.activation };
    const chunk = Math.min(CHUNK_ROWS, rows);
    const input = new Float32Array(chunk * cols);
    const z = new Float64Array(chunk * cols);
    for (let s = 0; s < rows; s += chunk) {
      throwIfAborted(signal);
      const n = Math.min(chunk, rows - s);
      for (let k = 0; k < n; k++) {
        standardiseRow(data, cols, s + k, mean, scale, input, k * cols);
        const base = (s + k) * cols;
        for (let j = 0; j < cols; j++) z[k * cols + j] = (data[base + j] - mean[j]) / scale[j];
      }
      const recon = reconstructRows(net, n === chunk ? input : input.subarray(0, n * cols), n, cols);
      sink(s, n, z, recon);
      report((s + n) / rows);
    }
  } finally {
    for (const t of kernels) t.dispose();
    for (const t of biases) t.dispose();
  }
}

/** One score per row: mean squared reconstruction error in standardised units; higher = more anomalous. */
function score(model: AutoencoderModel, x: Matrix, options: RunOptions = {}): Float64Array {
  const out = new Float64Array(x.rows);
  const cols = x.cols;
  reconstructMatrix(model, x, options, (start, n, z, recon) => {
    for (let k = 0; k < n; k++) {
      let sum = 0;
      for (let j = 0; j < cols; j++) sum += squaredError(z[k * cols + j], recon[k * cols + j]);
      const s = sum / cols;
      out[start + k] = s <= Number.MAX_VALUE ? s : Number.MAX_VALUE;
    }
  });
  return out;
}

/**
 * The squared reconstruction error of every cell, in standardised units: a
 * rows × cols matrix with the columns of `x`. Row means are the scores.
 */
export function reconstructionErrors(model: AutoencoderModel, x: Matrix, options: RunOptions = {}): Matrix {
  const out = new Float64Array(x.rows * x.cols);
  reconstructMatrix(model, x, options, (start, n, z, recon) => {
    const base = start * x.cols;
    for (let t = 0; t < n * x.cols; t++) out[base + t] = squaredError(z[t], recon[t]);
  });
  return { rows: x.rows, cols: x.cols, data: out, names: [...x.names] };
}

export const autoencoder: Detector<AutoencoderParams, AutoencoderModel> & {
  fit(x: Matrix, params: AutoencoderParams, options?: AutoencoderRunOptions): AutoencoderModel;
} = {
  type: AUTOENCODER_DECLARATION.type,
  defaults: AUTOENCODER_DECLARATION.defaults,
  limits: AUTOENCODER_LIMITS,
  declaration: AUTOENCODER_DECLARATION,
  normalize,
  fit,
  score,
};
