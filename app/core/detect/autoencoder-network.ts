/**
 * The autoencoder's network: dense layers on TensorFlow.js, the forward pass,
 * and training with hand-written gradients and Adam over one flat parameter
 * vector. `autoencoder.ts` is the detector around it (parameters,
 * standardisation, early stopping, the model, scoring).
 */
import * as tf from '@tensorflow/tfjs';
import type { AutoencoderDense } from './autoencoder.ts';
import type { AutoencoderActivation } from './autoencoder-params.ts';
import { throwIfAborted } from '../progress.ts';

/** Rows per forward pass when scoring or validating. */
export const CHUNK_ROWS = 4096;

// ---------------------------------------------------------------- network

export type Net = { kernels: tf.Tensor2D[]; biases: tf.Tensor1D[]; activation: AutoencoderActivation };

/** Dense layer with the hidden activation fused in where TF.js can (all but tanh). */
export function hiddenLayer(h: tf.Tensor2D, kernel: tf.Tensor2D, bias: tf.Tensor1D, activation: AutoencoderActivation): tf.Tensor2D {
  if (activation === 'tanh') return tf.tanh(tf.fused.matMul({ a: h, b: kernel, bias }) as tf.Tensor2D);
  return tf.fused.matMul({ a: h, b: kernel, bias, activation }) as tf.Tensor2D;
}

/** The activations of every layer, input first, reconstruction last. */
export function forwardAll(net: Net, x: tf.Tensor2D): tf.Tensor2D[] {
  const acts = [x];
  const last = net.kernels.length - 1;
  for (let k = 0; k <= last; k++) {
    const h = acts[k];
    acts.push(k < last
      ? hiddenLayer(h, net.kernels[k], net.biases[k], net.activation)
      : tf.fused.matMul({ a: h, b: net.kernels[k], bias: net.biases[k] }) as tf.Tensor2D);
  }
  return acts;
}

/** The activation's derivative, from the activation's output `a`. */
export function derivative(a: tf.Tensor2D, activation: AutoencoderActivation, one: tf.Scalar): tf.Tensor2D {
  switch (activation) {
    case 'relu': return tf.step(a); // relu(z) > 0 ⇔ z > 0
    case 'tanh': return tf.sub(one, tf.square(a));
    case 'sigmoid': return tf.mul(a, tf.sub(one, a));
    case 'elu': return tf.minimum(tf.add(a, one), one); // 1 for z > 0, exp(z) = a + 1 otherwise
  }
}

/** Reconstructs `n` rows of network input (row-major float32), returning float32 values. */
export function reconstructRows(net: Net, input: Float32Array, n: number, cols: number): Float32Array {
  const out = tf.tidy(() => {
    const acts = forwardAll(net, tf.tensor2d(input, [n, cols], 'float32'));
    return acts[acts.length - 1];
  });
  try {
    return out.dataSync() as Float32Array;
  } finally {
    out.dispose();
  }
}

export function squaredError(z: number, r: number): number {
  const d = z - r;
  const e = d * d;
  return e <= Number.MAX_VALUE ? e : Number.MAX_VALUE; // also maps NaN to MAX_VALUE
}

// ---------------------------------------------------------------- training

const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.999;
const ADAM_EPSILON = 1e-7;

/**
 * The trainable state: every kernel and bias in one flat float32 vector
 * (kernel 1, bias 1, kernel 2, …), with Adam's moments alongside. One flat
 * vector keeps Adam at a dozen TF.js ops per step instead of a dozen per
 * weight tensor; the op count, not the arithmetic, bounds the speed of a
 * network this small. Exported for the gradient check in the tests; `fit` is
 * the way to train.
 */
export class AutoencoderTrainer {
  params: tf.Tensor1D;
  private m: tf.Tensor1D;
  private v: tf.Tensor1D;
  private step = 0;
  private readonly pieces: number[];
  private readonly consts: { one: tf.Scalar; b1: tf.Scalar; b1c: tf.Scalar; b2: tf.Scalar; b2c: tf.Scalar; eps: tf.Scalar };

  constructor(
    private readonly sizes: number[],
    private readonly activation: AutoencoderActivation,
    private readonly learningRate: number,
    initial: Float32Array,
    private readonly epsilon = ADAM_EPSILON,
  ) {
    this.pieces = [];
    for (let k = 0; k + 1 < sizes.length; k++) this.pieces.push(sizes[k] * sizes[k + 1], sizes[k + 1]);
    this.params = tf.tensor1d(initial, 'float32');
    this.m = tf.zeros([initial.length], 'float32');
    this.v = tf.zeros([initial.length], 'float32');
    this.consts = {
      one: tf.scalar(1, 'float32'),
      b1: tf.scalar(ADAM_BETA1, 'float32'),
      b1c: tf.scalar(1 - ADAM_BETA1, 'float32'),
      b2: tf.scalar(ADAM_BETA2, 'float32'),
      b2c: tf.scalar(1 - ADAM_BETA2, 'float32'),
      eps: tf.scalar(this.epsilon, 'float32'),
    };
  }

  /** The network as views of the flat parameters; call inside tf.tidy. */
  net(params: tf.Tensor1D = this.params): Net {
    const parts = tf.split(params, this.pieces);
    const kernels: tf.Tensor2D[] = [];
    const biases: tf.Tensor1D[] = [];
    for (let k = 0; k + 1 < this.sizes.length; k++) {
      kernels.push(tf.reshape(parts[2 * k], [this.sizes[k], this.sizes[k + 1]]));
      biases.push(parts[2 * k + 1] as tf.Tensor1D);
    }
    return { kernels, biases, activation: this.activation };
  }

  /** One Adam step on the batch; returns the batch's mean squared error before the step. */
  fitBatch(xb: tf.Tensor2D): number {
    this.step++;
    const t = this.step;
    const { one, b1, b1c, b2, b2c, eps } = this.consts;
    const [params, m, v, loss] = tf.tidy(() => {
      const net = this.net();
      const acts = forwardAll(net, xb);
      const last = net.kernels.length - 1;
      const diff = tf.sub(acts[last + 1], xb);
      const lossT = tf.mean(tf.square(diff));
      // d(mean squared error)/d(output), then back through the layers.
      let dz: tf.Tensor2D = tf.mul(diff, tf.scalar(2 / diff.size, 'float32'));
      const grads: tf.Tensor[] = new Array(2 * (last + 1));
      for (let k = last; k >= 0; k--) {
        grads[2 * k] = tf.reshape(tf.matMul(acts[k], dz, true, false), [-1]);
        grads[2 * k + 1] = tf.sum(dz, 0);
        if (k > 0) dz = tf.mul(tf.matMul(dz, net.kernels[k], false, true), derivative(acts[k], this.activation, one));
      }
      const g = tf.concat(grads);
      // Adam, as tf.train.adam: m̂ = m/(1−β1^t), v̂ = v/(1−β2^t), θ −= lr·m̂/(√v̂ + ε).
      const m2 = tf.add(tf.mul(this.m, b1), tf.mul(g, b1c));
      const v2 = tf.add(tf.mul(this.v, b2), tf.mul(tf.square(g), b2c));
      const step = tf.div(
        tf.mul(m2, tf.scalar(this.learningRate / (1 - ADAM_BETA1 ** t), 'float32')),
        tf.add(tf.sqrt(tf.mul(v2, tf.scalar(1 / (1 - ADAM_BETA2 ** t), 'float32'))), eps),
      );
      return [tf.sub(this.params, step), m2, v2, lossT] as [tf.Tensor1D, tf.Tensor1D, tf.Tensor1D, tf.Scalar];
    });
    this.params.dispose(); this.m.dispose(); this.v.dispose();
    this.params = params; this.m = m; this.v = v;
    try {
      return loss.dataSync()[0];
    } finally {
      loss.dispose();
    }
  }

  /** The current weights as JSON-ready dense layers. */
  snapshot(): AutoencoderDense[] {
    const flat = this.params.dataSync();
    const out: AutoencoderDense[] = [];
    let off = 0;
    for (let k = 0; k + 1 < this.sizes.length; k++) {
      const nIn = this.sizes[k], nOut = this.sizes[k + 1];
      const kernel = Array.from(flat.subarray(off, off + nIn * nOut)); off += nIn * nOut;
      const bias = Array.from(flat.subarray(off, off + nOut)); off += nOut;
      out.push({ shape: [nIn, nOut], kernel, bias });
    }
    return out;
  }

  /** Mean squared reconstruction error of row-major float32 rows. */
  loss(rowsData: Float32Array, n: number, cols: number, signal?: AbortSignal): number {
    let sum = 0;
    for (let s = 0; s < n; s += CHUNK_ROWS) {
      throwIfAborted(signal);
      const c = Math.min(CHUNK_ROWS, n - s);
      const input = rowsData.subarray(s * cols, (s + c) * cols);
      const recon = tf.tidy(() => {
        const acts = forwardAll(this.net(), tf.tensor2d(input, [c, cols], 'float32'));
        return acts[acts.length - 1];
      });
      const r = recon.dataSync();
      recon.dispose();
      for (let q = 0; q < c * cols; q++) sum += squaredError(input[q], r[q]);
    }
    return sum / (n * cols);
  }

  dispose(): void {
    this.params.dispose(); this.m.dispose(); this.v.dispose();
    for (const c of Object.values(this.consts)) c.dispose();
  }
}
