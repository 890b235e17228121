import { describe, it, expect } from 'vitest';
import {
  averageWordVectors, normalizeWordVectorOptions, trainWordVectors, WORD_VECTOR_DEFAULTS, type WordVectorState,
} from '../../../app/core/features/word-vectors.ts';
import { createRandom } from '../../../app/core/random.ts';

const AUTH = ['user', 'alice', 'bob', 'login', 'success', 'session'];
const DISK = ['disk', 'error', 'full', 'volume', 'write', 'failed'];

/** Lines of 4–6 words drawn from one group, the groups alternating; never a word of both. */
function corpus(lines: number, seed = 7): string[] {
  const rng = createRandom(seed);
  return Array.from({ length: lines }, (_, i) => {
    const group = i % 2 ? AUTH : DISK;
    return Array.from({ length: 4 + rng.int(3) }, () => group[rng.int(group.length)]).join(' ');
  });
}

function vectorOf(s: WordVectorState, word: string): number[] {
  const i = s.vocab.indexOf(word);
  if (i < 0) throw new Error(`${word} is not in the vocabulary`);
  return s.vectors.slice(i * s.size, (i + 1) * s.size);
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0, na = 0, nb = 0;
  for (let k = 0; k < a.length; k++) {
    d += a[k] * b[k];
    na += a[k] * a[k];
    nb += b[k] * b[k];
  }
  return d / Math.sqrt(na * nb);
}

/** Cosines of every pair of distinct words, split by whether they share a group. */
function pairCosines(s: WordVectorState): { within: number[]; across: number[] } {
  const words = [...AUTH, ...DISK];
  const within: number[] = [], across: number[] = [];
  words.forEach((x, i) => words.slice(i + 1).forEach((y) => {
    (AUTH.includes(x) === AUTH.includes(y) ? within : across).push(cosine(vectorOf(s, x), vectorOf(s, y)));
  }));
  return { within, across };
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

describe('trainWordVectors learns contexts', () => {
  const lines = corpus(8000);
  const state = trainWordVectors(lines);

  it('words of the same context are closer than words of different contexts (defaults)', () => {
    expect(state.vocab.length).toBe(12);
    const { within, across } = pairCosines(state);
    expect(Math.min(...within)).toBeGreaterThan(Math.max(...across));
    expect(mean(within) - mean(across)).toBeGreaterThan(0.5);
  });

  it('so do the averaged line vectors', () => {
    const m = averageWordVectors(lines.slice(0, 40), state);
    const row = (i: number) => m.data.subarray(i * m.cols, (i + 1) * m.cols);
    let minSame = 1, maxOther = -1;
    for (let i = 0; i < 40; i++) {
      for (let j = i + 1; j < 40; j++) {
        const c = cosine(row(i), row(j));
        if (i % 2 === j % 2) minSame = Math.min(minSame, c);
        else maxOther = Math.max(maxOther, c);
      }
    }
    expect(minSame).toBeGreaterThan(maxOther);
  });

  it('without subsampling a small corpus is enough', () => {
    const { within, across } = pairCosines(trainWordVectors(corpus(600), { sample: 0 }));
    expect(Math.min(...within)).toBeGreaterThan(Math.max(...across));
  });
});

describe('state', () => {
  const lines = corpus(300);

  it('is deterministic for a seed, and another seed gives other vectors', () => {
    const a = trainWordVectors(lines, { seed: 5, sample: 0 });
    expect(trainWordVectors(lines, { seed: 5, sample: 0 })).toEqual(a);
    const b = trainWordVectors(lines, { seed: 6, sample: 0 });
    expect(b.vocab).toEqual(a.vocab);
    expect(b.vectors).not.toEqual(a.vectors);
  });

  it('holds the vocabulary most frequent first, its counts, and float32 vectors in plain numbers', () => {
    const s = trainWordVectors(['bb aa cc', 'aa cc dd', 'cc'], { size: 3, minCount: 2 });
    expect(s.vocab).toEqual(['cc', 'aa']); // 3, then 2; bb and dd are below minCount
    expect(s.counts).toEqual([3, 2]);
    expect(s.size).toBe(3);
    expect(s.vectors.length).toBe(6);
    for (const v of s.vectors) {
      expect(typeof v).toBe('number');
      expect(Number(Math.fround(v).toPrecision(9))).toBe(v); // written with 9 digits of a float32
    }
    // Ties in count are in code-unit order.
    expect(trainWordVectors(['bb aa', 'aa bb'], { minCount: 1 }).vocab).toEqual(['aa', 'bb']);
  });

  it('survives a JSON round trip with the same features', () => {
    const s = trainWordVectors(lines, { size: 8 });
    const back: WordVectorState = JSON.parse(JSON.stringify(s));
    expect(back).toEqual(s);
    expect(averageWordVectors(lines, back)).toEqual(averageWordVectors(lines, s));
  });

  it('learns the vocabulary from the training rows only', () => {
    const messages = ['alpha beta', 'alpha beta', 'gamma delta', 'gamma delta'];
    const s = trainWordVectors(messages, { minCount: 1, size: 4 }, [0, 1]);
    expect(s.vocab).toEqual(['alpha', 'beta']);
    const m = averageWordVectors(messages, s);
    expect(Array.from(m.data.subarray(8, 16))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]); // test rows: no known word
  });
});

describe('averageWordVectors', () => {
  const state: WordVectorState = { size: 2, vocab: ['aa', 'bb'], counts: [2, 2], vectors: [1, 2, 3, 4] };

  it('averages every known token occurrence; zeros when none is known', () => {
    const m = averageWordVectors(['aa bb bb', 'BB zz', 'zz 42', ''], state);
    expect(m.names).toEqual(['wv:0', 'wv:1']);
    expect(m.rows).toBe(4);
    expect(Array.from(m.data)).toEqual([7 / 3, 10 / 3, 3, 4, 0, 0, 0, 0]);
  });

  it('names as many columns as the vectors are long', () => {
    expect(averageWordVectors(['x'], trainWordVectors(corpus(20), { size: 5 })).names).toEqual(['wv:0', 'wv:1', 'wv:2', 'wv:3', 'wv:4']);
  });

  it('refuses vectors that do not match the vocabulary', () => {
    expect(() => averageWordVectors([], { ...state, vectors: [1, 2, 3] })).toThrow('word vectors: 3 values do not make 2 vectors of size 2');
  });
});

describe('run options and validation', () => {
  it('reports progress up to 1', () => {
    const seen: number[] = [];
    trainWordVectors(corpus(3000), {}, undefined, { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= seen[i - 1]))).toBe(true);
  });

  it('stops with an AbortError when cancelled', () => {
    const controller = new AbortController();
    controller.abort();
    expect(() => trainWordVectors(corpus(100), {}, undefined, { signal: controller.signal })).toThrow(expect.objectContaining({ name: 'AbortError' }));
  });

  it('has the documented defaults and names a bad option', () => {
    expect(WORD_VECTOR_DEFAULTS).toEqual({ size: 32, window: 5, minCount: 2, epochs: 3, negative: 5, learningRate: 0.025, sample: 1e-3, seed: 1 });
    expect(normalizeWordVectorOptions({ size: 8 })).toEqual({ ...WORD_VECTOR_DEFAULTS, size: 8 });
    expect(() => trainWordVectors([], { window: 0 })).toThrow('invalid word vector window: 0 (expected a whole number ≥ 1)');
    expect(() => trainWordVectors([], { learningRate: -1 })).toThrow('invalid word vector learningRate: -1 (expected a number > 0)');
    expect(() => trainWordVectors([], { sample: Number.NaN })).toThrow('invalid word vector sample: NaN (expected a number from 0 to 1)');
  });

  it('trains on nothing without failing', () => {
    const s = trainWordVectors(['', '1 2 3'], { size: 4 });
    expect(s).toEqual({ size: 4, vocab: [], counts: [], vectors: [] });
    expect(Array.from(averageWordVectors(['aa'], s).data)).toEqual([0, 0, 0, 0]);
  });
});

describe('word vector bounds, where the page builds features without spec validation', () => {
  it('refuses sizes and windows past their limits, naming the option and the bound', () => {
    expect(() => normalizeWordVectorOptions({ size: 10_000_000 })).toThrow('invalid word vector size: 10000000 is above the limit 512');
    expect(() => normalizeWordVectorOptions({ window: 1000 })).toThrow('invalid word vector window: 1000 is above the limit 100');
    expect(() => normalizeWordVectorOptions({ sample: 2 })).toThrow('invalid word vector sample: 2 (expected a number from 0 to 1)');
    expect(normalizeWordVectorOptions({ size: 512 }).size).toBe(512);
  });
});
