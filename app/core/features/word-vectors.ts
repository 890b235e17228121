/**
 * Word vectors learned from the loaded logs themselves (skip-gram with
 * negative sampling, see `skip-gram.ts`), and a per-line feature: the average
 * of the line's word vectors. Words used in the same contexts get similar
 * vectors, so lines about the same thing land close together even when their
 * exact words differ — the multi-host syslog flow uses this.
 *
 * The SGD is plain TypeScript on Float32Arrays rather than TensorFlow.js ops:
 * skip-gram's updates are tiny (a few vectors of `size` floats each), so
 * TF.js's per-op overhead would dominate, while the typed-array loop is fast
 * and deterministic for a seed.
 */
import { progressReporter, type RunOptions } from '../progress.ts';
import { showValue } from '../show-value.ts';
import type { Matrix } from '../matrix.ts';
import { FEATURE_LIMITS } from './feature-spec.ts';
import { messageTokens } from './hashed-tfidf.ts';
import { trainSkipGram } from './skip-gram.ts';

/** Options of {@link trainWordVectors}. */
export interface WordVectorOptions {
  /** Length of each word vector (and number of feature columns). */
  size: number;
  /** Context words on each side of a word (the maximum; each step draws 1…window as word2vec does). */
  window: number;
  /** Words the training rows have fewer times are left out of the vocabulary. */
  minCount: number;
  /** Passes over the training rows. */
  epochs: number;
  /** Negative samples per (word, context) pair. */
  negative: number;
  /** Initial SGD step, decayed linearly to 1e-4 of it over all epochs. */
  learningRate: number;
  /** Subsampling threshold for frequent words (word2vec's `-sample`); 0 keeps every word. */
  sample: number;
  /** Seed of the init, window, negative and subsampling draws. */
  seed: number;
}

export const WORD_VECTOR_DEFAULTS: Readonly<WordVectorOptions> = Object.freeze({
  size: 32,
  window: 5,
  minCount: 2,
  epochs: 3,
  negative: 5,
  learningRate: 0.025,
  sample: 1e-3,
  seed: 1,
});

/** Trained word vectors, plain JSON. */
export interface WordVectorState {
  size: number;
  /** The vocabulary, most frequent first (ties in code-unit order). */
  vocab: string[];
  /** Per vocabulary word: its count in the training rows. */
  counts: number[];
  /**
   * vocab.length × size values, row-major: the float32 vectors written with
   * 9 significant digits, which is enough to give back the same float32s.
   */
  vectors: number[];
}

/** Fills defaults and validates; errors name the option and the value got. */
export function normalizeWordVectorOptions(options: Partial<WordVectorOptions> = {}): WordVectorOptions {
  const o = { ...WORD_VECTOR_DEFAULTS, ...options };
  const limits = FEATURE_LIMITS.wordVectors;
  const whole = (name: keyof WordVectorOptions & keyof typeof limits, min: number) => {
    if (!Number.isInteger(o[name]) || o[name] < min) throw new Error(`invalid word vector ${name}: ${showValue(o[name])} (expected a whole number ≥ ${min})`);
    // The page builds features without the spec's validation: the bound holds here too (size 1e7 once took 6.6 GB).
    if (o[name] > limits[name].max) throw new Error(`invalid word vector ${name}: ${showValue(o[name])} is above the limit ${limits[name].max}`);
  };
  whole('size', 1);
  whole('window', 1);
  whole('minCount', 1);
  whole('epochs', 1);
  whole('negative', 0);
  if (!(o.learningRate > 0 && Number.isFinite(o.learningRate))) throw new Error(`invalid word vector learningRate: ${showValue(o.learningRate)} (expected a number > 0)`);
  if (o.learningRate > limits.learningRate.max) throw new Error(`invalid word vector learningRate: ${showValue(o.learningRate)} is above the limit ${limits.learningRate.max}`);
  if (!(o.sample >= 0 && o.sample <= limits.sample.max)) throw new Error(`invalid word vector sample: ${showValue(o.sample)} (expected a number from 0 to ${limits.sample.max})`);
  if (!Number.isFinite(o.seed)) throw new Error(`invalid word vector seed: ${showValue(o.seed)} (expected a finite number)`);
  return o;
}

/**
 * Trains word vectors on the messages of the training rows; tokens as
 * `messageTokens`.
 * @param rows indices of the training rows; all rows when omitted
 * @param run `onProgress(fraction)` and `signal` (an aborted signal throws AbortError)
 */
export function trainWordVectors(
  messages: ArrayLike<string>,
  options: Partial<WordVectorOptions> = {},
  rows?: ArrayLike<number>,
  run: Pick<RunOptions, 'onProgress' | 'signal'> = {},
): WordVectorState {
  const o = normalizeWordVectorOptions(options);
  const n = rows ? rows.length : messages.length;
  const lines: string[][] = [];
  const counts = new Map<string, number>();
  for (let k = 0; k < n; k++) {
    const tokens = messageTokens(messages[rows ? rows[k] : k]);
    lines.push(tokens);
    for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const vocab = [...counts]
    .filter(([, c]) => c >= o.minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([t]) => t);
  const id = new Map(vocab.map((t, i) => [t, i]));
  const sentences: Int32Array[] = [];
  for (const tokens of lines) {
    const ids = tokens.map((t) => id.get(t) ?? -1).filter((i) => i >= 0);
    if (ids.length > 1) sentences.push(Int32Array.from(ids)); // a lone word has no context
  }
  // Counts that drive subsampling and negatives are those of the words trained on.
  const trainCounts = new Float64Array(vocab.length);
  for (const s of sentences) for (const w of s) trainCounts[w]++;
  const vectors = trainSkipGram(sentences, trainCounts, o, { report: progressReporter(run.onProgress), signal: run.signal });
  return {
    size: o.size,
    vocab,
    counts: vocab.map((t) => counts.get(t) ?? 0),
    vectors: Array.from(vectors, (v) => Number(v.toPrecision(9))),
  };
}

/** Column names: `wv:0` … `wv:<size − 1>`. */
export function wordVectorNames(size: number): string[] {
  return Array.from({ length: size }, (_, i) => `wv:${i}`);
}

/**
 * One row per message: the mean of the vectors of its tokens that are in the
 * vocabulary (each occurrence counts), zeros when it has none.
 * @throws when the state's vectors do not match its vocabulary and size
 */
export function averageWordVectors(messages: ArrayLike<string>, state: WordVectorState): Matrix {
  const { size, vocab } = state;
  if (!Number.isInteger(size) || size < 1 || state.vectors.length !== vocab.length * size) {
    throw new Error(`word vectors: ${state.vectors.length} values do not make ${vocab.length} vectors of size ${size}`);
  }
  const vectors = Float32Array.from(state.vectors);
  const id = new Map(vocab.map((t, i) => [t, i]));
  const n = messages.length;
  const data = new Float64Array(n * size);
  for (let i = 0; i < n; i++) {
    const base = i * size;
    let known = 0;
    for (const t of messageTokens(messages[i])) {
      const w = id.get(t);
      if (w === undefined) continue;
      known++;
      for (let k = 0; k < size; k++) data[base + k] += vectors[w * size + k];
    }
    if (known > 1) for (let k = 0; k < size; k++) data[base + k] /= known;
  }
  return { rows: n, cols: size, data, names: wordVectorNames(size) };
}
