/**
 * Skip-gram with negative sampling (Mikolov et al. 2013, "Distributed
 * Representations of Words and Phrases and their Compositionality"), trained
 * by plain sequential SGD on Float32Arrays, following word2vec.c: random
 * reduced windows, frequent-word subsampling, unigram^0.75 negatives and a
 * linearly decaying learning rate.
 *
 * Why not TensorFlow.js: each update touches (1 + negative) vectors of a few
 * dozen floats. As TF.js ops every one of those would be a kernel dispatch
 * plus tensor bookkeeping, costing far more than the arithmetic; batching
 * them instead changes the algorithm (and its results). A typed-array loop
 * does the same maths at memory speed, on the main thread or a worker, and
 * is deterministic for a seed because the updates run in one fixed order.
 */
import { bisectRight } from '../bisect.ts';
import { throwIfAborted } from '../progress.ts';
import { createRandom } from '../random.ts';

/** What the SGD needs; see `WordVectorOptions` for the meaning of each. */
export interface SkipGramParams {
  size: number;
  window: number;
  negative: number;
  epochs: number;
  learningRate: number;
  sample: number;
  seed: number;
}

/** Progress (fraction of the work done) and cancellation. */
export interface SkipGramRun {
  report: (fraction: number) => void;
  signal?: AbortSignal;
}

/** Words between progress reports and abort checks. */
const CHUNK = 10_000;

/**
 * Trains the input ("word") vectors.
 * @param sentences per training line, its tokens as vocabulary ids (unknown ones left out)
 * @param counts per vocabulary id, its count in the sentences
 * @returns vocabulary size × size values, row-major
 */
export function trainSkipGram(sentences: Int32Array[], counts: ArrayLike<number>, p: SkipGramParams, run: SkipGramRun): Float32Array {
  const { size, window, negative, epochs, learningRate, sample } = p;
  const vocab = counts.length;
  const rng = createRandom(p.seed);
  // word2vec.c's init: inputs uniform in ±0.5/size, outputs zero.
  const syn0 = new Float32Array(vocab * size);
  for (let i = 0; i < syn0.length; i++) syn0[i] = (rng.next() - 0.5) / size;
  const syn1 = new Float32Array(vocab * size);
  if (vocab === 0) {
    run.report(1);
    return syn0;
  }

  let trainWords = 0;
  for (let w = 0; w < vocab; w++) trainWords += counts[w];
  // Keep-probability per word: word2vec.c's subsampling of frequent words.
  const keep = new Float64Array(vocab).fill(1);
  if (sample > 0) {
    const threshold = sample * trainWords;
    for (let w = 0; w < vocab; w++) keep[w] = (Math.sqrt(counts[w] / threshold) + 1) * threshold / counts[w];
  }
  // Negatives drawn in proportion to count^0.75, by binary search in the cumulative weights.
  const cumulative = new Float64Array(vocab);
  let acc = 0;
  for (let w = 0; w < vocab; w++) cumulative[w] = acc += Math.pow(counts[w], 0.75);
  const drawNegative = (): number => {
    // The last word also takes r rounded up to the total.
    return Math.min(bisectRight(cumulative, rng.next() * acc), vocab - 1);
  };

  const total = epochs * trainWords;
  const minRate = learningRate * 1e-4;
  const gradient = new Float64Array(size);
  const kept = new Int32Array(sentences.reduce((m, s) => Math.max(m, s.length), 0));
  let processed = 0, nextCheck = 0;

  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const sentence of sentences) {
      if (processed >= nextCheck) {
        throwIfAborted(run.signal);
        run.report(processed / total);
        nextCheck = processed + CHUNK;
      }
      let len = 0;
      for (let i = 0; i < sentence.length; i++) {
        const w = sentence[i];
        if (keep[w] >= 1 || rng.next() < keep[w]) kept[len++] = w;
      }
      processed += sentence.length;
      const rate = Math.max(learningRate * (1 - processed / (total + 1)), minRate);

      for (let pos = 0; pos < len; pos++) {
        const word = kept[pos];
        const reduce = rng.int(window); // effective window: 1…window
        for (let c = pos - window + reduce; c <= pos + window - reduce; c++) {
          if (c < 0 || c >= len || c === pos) continue;
          // As word2vec.c: the context word's input vector predicts the centre word.
          const l1 = kept[c] * size;
          gradient.fill(0);
          for (let d = 0; d <= negative; d++) {
            let target: number, label: number;
            if (d === 0) {
              target = word;
              label = 1;
            } else {
              target = drawNegative();
              if (target === word) continue;
              label = 0;
            }
            const l2 = target * size;
            let f = 0;
            for (let k = 0; k < size; k++) f += syn0[l1 + k] * syn1[l2 + k];
            const g = (label - 1 / (1 + Math.exp(-f))) * rate;
            for (let k = 0; k < size; k++) {
              gradient[k] += g * syn1[l2 + k];
              syn1[l2 + k] += g * syn0[l1 + k];
            }
          }
          for (let k = 0; k < size; k++) syn0[l1 + k] += gradient[k];
        }
      }
    }
  }
  run.report(1);
  return syn0;
}
