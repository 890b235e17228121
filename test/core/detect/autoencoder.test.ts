import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../../../app/serve/tf-node.ts';
import {
  AutoencoderTrainer,
  autoencoder,
  autoencoderBackend,
  initAutoencoderBackend,
  reconstructionErrors,
  type AutoencoderModel,
  type AutoencoderParams,
} from '../../../app/core/detect/autoencoder.ts';
import { matrixFromRows, type Matrix } from '../../../app/core/matrix.ts';
import { createRandom, type Random } from '../../../app/core/random.ts';
import { rocAuc } from '../../../app/core/evaluate/roc-auc.ts';

const { normalize, fit, score } = autoencoder;
const run = (x: Matrix, params: Partial<AutoencoderParams> = {}) => score(fit(x, normalize(params)), x);

function gaussian(r: Random): number {
  // Box–Muller; 1 − next() is in (0, 1], so the log is finite.
  return Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
}

/**
 * `normal` rows of 8 features driven by 2 latent factors plus a little noise,
 * then `outliers` rows whose features are independent (same marginal spread,
 * but off the correlation structure). Labels: 1 = outlier.
 */
function correlated(normal = 2000, outliers = 40, seed = 11): { x: Matrix; labels: number[] } {
  const r = createRandom(seed);
  const cols = 8;
  const mix = Array.from({ length: cols }, () => [r.uniform(-1, 1), r.uniform(-1, 1)]);
  const sd = mix.map(([a, b]) => Math.sqrt(a * a + b * b + 0.01));
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < normal + outliers; i++) {
    const out = i >= normal;
    const z1 = gaussian(r), z2 = gaussian(r);
    rows.push(mix.map(([a, b], j) => 5 + (out ? sd[j] * gaussian(r) : a * z1 + b * z2 + 0.1 * gaussian(r))));
    labels.push(out ? 1 : 0);
  }
  return { x: matrixFromRows(rows), labels };
}

function uniformMatrix(rows: number, cols: number, seed = 5): Matrix {
  const r = createRandom(seed);
  return matrixFromRows(Array.from({ length: rows }, () => Array.from({ length: cols }, () => r.uniform(-1, 1))));
}

const expectFinite = (s: Float64Array) => {
  for (const v of s) expect(Number.isFinite(v)).toBe(true);
};

let backend = '';
beforeAll(async () => {
  backend = await initNodeBackend((m) => console.warn(m));
});

describe('autoencoder: backend', () => {
  it('runs on the wasm backend in Node and records it in the model', () => {
    expect(backend).toBe('wasm');
    expect(autoencoderBackend()).toBe('wasm');
    const model = fit(uniformMatrix(50, 3), normalize({ epochs: 1 }));
    expect(model.backend).toBe('wasm');
  });
});

describe('autoencoder: parameters', () => {
  it('fills defaults', () => {
    expect(normalize()).toEqual({
      layers: [16, 8, 16], activation: 'relu', epochs: 20, batchSize: 64,
      learningRate: 0.001, validationSplit: 0.1, patience: 3, seed: 1,
    });
    expect(normalize({ layers: [4], activation: 'tanh' })).toMatchObject({ layers: [4], activation: 'tanh' });
  });

  it('names the field and the value in errors', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ layers: [] }, /invalid layers: \[\]/],
      [{ layers: [4, 0] }, /invalid layers: \[4,0\]/],
      [{ layers: 'big' }, /invalid layers: "big"/],
      [{ activation: 'softmax' }, /invalid activation: "softmax" \(expected one of relu, tanh, sigmoid, elu\)/],
      [{ epochs: 0 }, /invalid epochs: 0/],
      [{ batchSize: 1.5 }, /invalid batchSize: 1.5/],
      [{ learningRate: -1 }, /invalid learningRate: -1/],
      [{ validationSplit: 1 }, /invalid validationSplit: 1/],
      [{ patience: -1 }, /invalid patience: -1/],
      [{ seed: 'x' }, /invalid seed: "x"/],
      [{ depth: 3 }, /unknown autoencoder parameter: depth/],
    ];
    for (const [params, message] of bad) {
      expect(() => normalize(params as Partial<AutoencoderParams>)).toThrow(message);
    }
  });
});

describe('autoencoder: detection', () => {
  it('finds rows off the correlation structure (ROC-AUC >= 0.9)', () => {
    const { x, labels } = correlated();
    const scores = run(x);
    expectFinite(scores);
    const auc = rocAuc(scores, labels)!;
    expect(auc).toBeGreaterThanOrEqual(0.9);
  });

  it('gives per-cell squared errors whose row means are the scores', () => {
    const { x } = correlated(300, 10);
    const model = fit(x, normalize({ epochs: 5 }));
    const errors = reconstructionErrors(model, x);
    expect(errors.rows).toBe(x.rows);
    expect(errors.cols).toBe(x.cols);
    expect(errors.names).toEqual(x.names);
    const scores = score(model, x);
    for (let i = 0; i < x.rows; i++) {
      let sum = 0;
      for (let j = 0; j < x.cols; j++) {
        const e = errors.data[i * x.cols + j];
        expect(e).toBeGreaterThanOrEqual(0);
        sum += e;
      }
      expect(sum / x.cols).toBe(scores[i]);
    }
  });
});

describe('autoencoder: determinism and serialisation', () => {
  const { x } = correlated(500, 10);
  const params = normalize({ epochs: 5 });

  it('gives the same scores for the same seed, data and backend', () => {
    const a = fit(x, params);
    const b = fit(x, params);
    expect(b).toEqual(a);
    expect(score(b, x)).toEqual(score(a, x));
  });

  it('gives different scores for a different seed', () => {
    const a = score(fit(x, params), x);
    const b = score(fit(x, { ...params, seed: 2 }), x);
    expect(b).not.toEqual(a);
  });

  it('scores identically after a JSON round trip', () => {
    const model = fit(x, params);
    const restored = JSON.parse(JSON.stringify(model)) as AutoencoderModel;
    expect(restored).toEqual(model);
    expect(score(restored, x)).toEqual(score(model, x));
    expect(reconstructionErrors(restored, x)).toEqual(reconstructionErrors(model, x));
  });

  it('rejects a model fitted on other columns or a broken model', () => {
    const model = fit(x, params);
    expect(() => score(model, uniformMatrix(3, 4))).toThrow(/4 columns but the autoencoder model was fitted on 8/);
    const broken = { ...model, dense: model.dense.slice(0, -1) } as AutoencoderModel;
    expect(() => score(broken, x)).toThrow(/invalid autoencoder model/);
    expect(() => score({ ...model, type: 'isolation-forest' } as unknown as AutoencoderModel, x)).toThrow(/not an autoencoder model/);
  });

  it('scores a wasm model on the cpu backend to float32 precision', async () => {
    const model = fit(x, params);
    const onWasm = score(model, x);
    try {
      expect(await initAutoencoderBackend(['cpu'])).toBe('cpu');
      const onCpu = score(model, x);
      for (let i = 0; i < x.rows; i++) expect(Math.abs(onCpu[i] - onWasm[i])).toBeLessThan(1e-4 * (1 + onWasm[i]));
    } finally {
      expect(await initAutoencoderBackend()).toBe('wasm');
    }
  });
});

describe('autoencoder: training', () => {
  it('hand-written gradients and Adam match tf.grad + tf.train.adam', () => {
    const sizes = [5, 4, 3, 5];
    let total = 0;
    for (let k = 0; k + 1 < sizes.length; k++) total += sizes[k] * sizes[k + 1] + sizes[k + 1];
    const initial = Float32Array.from({ length: total }, (_, i) => Math.sin(i * 1.7) * 0.5);
    const before = tf.memory().numTensors;
    for (const activation of ['relu', 'tanh', 'sigmoid', 'elu'] as const) {
      // Two regimes: the usual ε, and an ε so large that Adam's step is linear
      // in the gradient, which checks the gradients' magnitudes, not just signs.
      for (const [lr, eps] of [[0.01, 1e-7], [1000, 1000]]) {
        const xb = tf.tensor2d(Float32Array.from({ length: 7 * 5 }, (_, i) => Math.cos(i * 0.9) * 1.5), [7, 5]);
        const mine = new AutoencoderTrainer(sizes, activation, lr, initial, eps);
        const v = tf.tidy(() => tf.variable(tf.tensor1d(initial)));
        const optimizer = tf.train.adam(lr, 0.9, 0.999, eps);
        try {
          const losses: number[] = [];
          for (let step = 0; step < 3; step++) losses.push(mine.fitBatch(xb));
          const lossRef = () => tf.tidy(() => {
            const net = mine.net(v as unknown as tf.Tensor1D);
            let h: tf.Tensor2D = xb;
            net.kernels.forEach((kernel, k) => {
              h = tf.add(tf.matMul(h, kernel), net.biases[k]);
              if (k < net.kernels.length - 1) {
                h = activation === 'relu' ? tf.relu(h) : activation === 'tanh' ? tf.tanh(h)
                  : activation === 'sigmoid' ? tf.sigmoid(h) : tf.elu(h);
              }
            });
            return tf.mean(tf.square(tf.sub(h, xb))) as tf.Scalar;
          });
          for (let step = 0; step < 3; step++) {
            const cost = optimizer.minimize(lossRef, true, [v])!;
            expect(losses[step]).toBeCloseTo(cost.dataSync()[0], 5);
            cost.dispose();
          }
          const got = mine.params.dataSync(), want = v.dataSync();
          let moved = 0;
          for (let i = 0; i < total; i++) {
            expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-5);
            moved = Math.max(moved, Math.abs(want[i] - initial[i]));
          }
          expect(moved).toBeGreaterThan(0.01);
        } finally {
          mine.dispose(); v.dispose(); optimizer.dispose(); xb.dispose();
        }
      }
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('streams a decreasing loss per epoch and reports progress', () => {
    const { x } = correlated(1000, 0);
    const epochs: [number, number, number | null][] = [];
    const progress: number[] = [];
    const model = fit(x, normalize({ epochs: 8, patience: 0 }), {
      onEpoch: (epoch, loss, valLoss) => epochs.push([epoch, loss, valLoss]),
      onProgress: (f) => progress.push(f),
    });
    expect(epochs.map((e) => e[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(model.training.loss).toEqual(epochs.map((e) => e[1]));
    expect(model.training.valLoss).toEqual(epochs.map((e) => e[2]));
    expect(model.training.loss[7]).toBeLessThan(model.training.loss[0] * 0.8);
    expect(model.training.valLoss![7]).toBeLessThan(model.training.valLoss![0] * 0.8);
    expect(model.training).toMatchObject({ epochs: 8, stoppedEarly: false, trainRows: 900, validationRows: 100 });
    expect(progress.at(-1)).toBe(1);
    expect(progress.length).toBeGreaterThan(2);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThan(progress[i - 1]);
  });

  it('stops early on a validation plateau and keeps the best epoch', () => {
    // Independent noise through a 1-unit bottleneck: nothing more to learn after a few epochs.
    const x = uniformMatrix(600, 12, 3);
    const model = fit(x, normalize({ layers: [1], epochs: 200, learningRate: 0.01, patience: 3 }));
    const { epochs, bestEpoch, stoppedEarly, valLoss } = model.training;
    expect(stoppedEarly).toBe(true);
    expect(epochs).toBeLessThan(200);
    expect(bestEpoch).toBe(epochs - 3);
    expect(Math.min(...valLoss!)).toBe(valLoss![bestEpoch - 1]);
  });

  it('monitors the training loss without validation rows', () => {
    const x = uniformMatrix(200, 6, 4);
    const model = fit(x, normalize({ validationSplit: 0, epochs: 3 }));
    expect(model.training.valLoss).toBeNull();
    expect(model.training).toMatchObject({ validationRows: 0, trainRows: 200, epochs: 3 });
  });

  it('cancels between batches without leaking tensors', () => {
    const x = uniformMatrix(2000, 8, 6);
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    expect(() => fit(x, normalize({ epochs: 50 }), {
      signal: controller.signal,
      onProgress: (f) => { if (f > 0.1) controller.abort(); },
    })).toThrow(expect.objectContaining({ name: 'AbortError' }));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('does not leak tensors across fit and score', () => {
    const { x } = correlated(300, 5);
    const before = tf.memory().numTensors;
    for (const activation of ['relu', 'tanh', 'sigmoid', 'elu'] as const) {
      const model = fit(x, normalize({ activation, epochs: 2 }));
      score(model, x);
      reconstructionErrors(model, x);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('autoencoder: degenerate inputs', () => {
  it('fits and scores a single row', () => {
    const x = matrixFromRows([[1, 2, 3]]);
    const model = fit(x, normalize());
    expect(model.training.validationRows).toBe(0);
    const s = score(model, x);
    expect(s.length).toBe(1);
    expectFinite(s);
  });

  it('fits and scores two rows', () => {
    const x = matrixFromRows([[1, 2], [3, 5]]);
    const s = run(x);
    expect(s.length).toBe(2);
    expectFinite(s);
  });

  it('handles identical rows and constant columns', () => {
    const same = matrixFromRows(Array.from({ length: 50 }, () => [7, -2, 0.5]));
    const s = run(same);
    expectFinite(s);
    for (const v of s) expect(v).toBeLessThan(1e-3);

    const r = createRandom(9);
    const withConstant = matrixFromRows(Array.from({ length: 200 }, () => [r.next(), 42, r.next()]));
    const model = fit(withConstant, normalize({ epochs: 5 }));
    expect(model.scale[1]).toBe(1);
    expectFinite(score(model, withConstant));
    // A departure from the constant column is an anomaly.
    const off = score(model, matrixFromRows([[0.5, 42, 0.5], [0.5, 52, 0.5]]));
    expect(off[1]).toBeGreaterThan(off[0]);
  });

  it('gives finite scores for extreme values', () => {
    const x = uniformMatrix(100, 3, 8);
    const model = fit(x, normalize({ epochs: 2 }));
    const s = score(model, matrixFromRows([[1e300, -1e300, 0], [1e12, 0, 0], [0, 0, 0]]));
    expectFinite(s);
    expect(s[0]).toBeGreaterThan(s[1]);
    expect(s[1]).toBeGreaterThan(s[2]);
  });

  it('rejects NaN with its row and column, and zero columns or rows', () => {
    const x = matrixFromRows([[1, 2], [3, 4], [5, NaN]], ['bytes', 'latency']);
    expect(() => fit(x, normalize())).toThrow(/row 3, column "latency" is NaN/);
    const model = fit(matrixFromRows([[1, 2], [3, 4]]), normalize({ epochs: 1 }));
    expect(() => score(model, matrixFromRows([[1, Infinity]]))).toThrow(/row 1, column "x1" is Infinity/);
    const noCols: Matrix = { rows: 3, cols: 0, data: new Float64Array(0), names: [] };
    expect(() => fit(noCols, normalize())).toThrow(/no columns/);
    const noRows: Matrix = { rows: 0, cols: 2, data: new Float64Array(0), names: ['a', 'b'] };
    expect(() => fit(noRows, normalize())).toThrow(/no rows/);
    expect(score(model, noRows)).toEqual(new Float64Array(0));
  });
});
