import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import {
  fitHashedTfidf, hashedCounts, hashedTfidf, hashedTfidfNames, messageTokens, tokenHash, HASHED_TFIDF_DEFAULT_WIDTH,
} from '../../../app/core/features/hashed-tfidf.ts';
import { applyScaling, fitScaling } from '../../../app/core/features/scale-columns.ts';
import type { Matrix } from '../../../app/core/matrix.ts';

interface Fixture {
  width: number;
  messages: string[];
  train_rows: number[];
  tokens: string[][];
  hashes: Record<string, number>;
  counts: number[][];
  idf: number[];
  tfidf: number[][];
}
const fx: Fixture = JSON.parse(readFileSync(new URL('./fixtures/sklearn-hashed-tfidf.json', import.meta.url), 'utf8'));

const rowsOf = (m: Matrix) => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
function expectClose(got: number[], want: number[]): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => expect(Math.abs(g - want[i]), `index ${i}: ${g} vs ${want[i]}`).toBeLessThanOrEqual(1e-14));
}

describe('messageTokens', () => {
  it('lowercases, splits on non-word characters, drops 1-character tokens and tokens with digits', () => {
    expect(messageTokens('User alice logged in from 10.0.0.1')).toEqual(['user', 'alice', 'logged', 'in', 'from']);
    expect(messageTokens('kernel: eth0 link down; a b_c x-y')).toEqual(['kernel', 'link', 'down', 'b_c']);
    expect(messageTokens('blk_-1608999687919862906 Receiving')).toEqual(['blk_', 'receiving']);
    expect(messageTokens('')).toEqual([]);
  });

  it('tokenises the fixture messages as the Python twin does', () => {
    expect(fx.messages.map(messageTokens)).toEqual(fx.tokens);
  });
});

describe('tokenHash', () => {
  it("is scikit-learn's murmurhash3_32(token, seed=0, positive=False), UTF-8 and every tail length", () => {
    for (const [token, h] of Object.entries(fx.hashes)) expect(tokenHash(token), token).toBe(h);
  });
});

describe('hashed counts and TF-IDF: parity with scikit-learn (fixture)', () => {
  it('signed counts = HashingVectorizer(norm=None, alternate_sign=True)', () => {
    const c = hashedCounts(fx.messages, fx.width);
    expect(rowsOf(c)).toEqual(fx.counts);
    expect(c.names).toEqual(hashedTfidfNames(fx.width));
  });

  it('idf fitted on the training rows and TF-IDF of all rows = TfidfTransformer', () => {
    const s = fitHashedTfidf(fx.messages, { width: fx.width }, fx.train_rows);
    expect(s.width).toBe(16);
    expect(s.alternateSign).toBe(true);
    expectClose(s.idf, fx.idf);
    expectClose(Array.from(hashedTfidf(fx.messages, s).data), fx.tfidf.flat());
  });

  it('is exactly the tfidf scaling of the hashed counts', () => {
    const s = fitHashedTfidf(fx.messages, { width: fx.width }, fx.train_rows);
    const counts = hashedCounts(fx.messages, fx.width);
    const scaling = fitScaling(counts, 'tfidf', fx.train_rows);
    expect(scaling).toEqual({ kind: 'tfidf', idf: s.idf });
    expect(Array.from(hashedTfidf(fx.messages, s).data)).toEqual(Array.from(applyScaling(counts, scaling).data));
  });
});

describe('fitting on the training rows only', () => {
  // With 1024 columns these three tokens land in different columns.
  const messages = ['alpha beta', 'alpha', 'gamma gamma'];
  const col = (t: string) => Math.abs(tokenHash(t)) % 1024;
  const sign = (t: string) => (tokenHash(t) < 0 ? -1 : 1);

  it('df counts training rows only: a token only test rows have gets the top idf', () => {
    expect(new Set(['alpha', 'beta', 'gamma'].map(col)).size).toBe(3);
    const s = fitHashedTfidf(messages, { width: 1024 }, [0, 1]);
    expect(s.idf[col('alpha')]).toBe(1); // ln(3/3) + 1
    expect(s.idf[col('beta')]).toBe(Math.log(3 / 2) + 1);
    expect(s.idf[col('gamma')]).toBe(Math.log(3) + 1);
    expect(s.idf.filter((v) => v === Math.log(3) + 1).length).toBe(1024 - 2);
    const m = hashedTfidf(messages, s);
    // 'gamma gamma': one non-zero column, normalised to ±1.
    expect(m.data[2 * 1024 + col('gamma')]).toBe(sign('gamma'));
    const a = 1, b = Math.log(3 / 2) + 1, norm = Math.sqrt(a * a + b * b);
    expect(m.data[col('alpha')]).toBe((sign('alpha') * a) / norm);
    expect(m.data[col('beta')]).toBe((sign('beta') * b) / norm);
  });

  it('counts a column in the document frequency even where signed counts cancel, as scikit-learn does', () => {
    // Width 1: every token lands in column 0; find two with opposite signs.
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
    const plus = words.find((w) => tokenHash(w) >= 0)!;
    const minus = words.find((w) => tokenHash(w) < 0)!;
    const state = fitHashedTfidf([`${plus} ${minus}`, ''], { width: 1 });
    // 2 documents (the empty one has no token); the first counts although its count is +1 − 1 = 0 (an explicit zero in scikit-learn): ln(3 / 2) + 1.
    expect(state.idf).toEqual([Math.log(3 / 2) + 1]);
    expect(Array.from(hashedCounts([`${plus} ${minus}`], 1).data)).toEqual([0]);
  });

  it('a column whose count cancels and then moves again counts once in the document frequency and is weighted once', () => {
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
    const plus = words.find((w) => tokenHash(w) >= 0)!;
    const minus = words.find((w) => tokenHash(w) < 0)!;
    // Width 1: +1 − 1 + 1 = 1 in the first message; every message has a token in column 0, so df = n and the idf is 1.
    const messages = [`${plus} ${minus} ${plus}`, 'zz', 'yy'];
    const state = fitHashedTfidf(messages, { width: 1 });
    expect(state.idf).toEqual([1]);
    expect(Array.from(hashedTfidf(messages, state).data)).toEqual([1, Math.sign(tokenHash('zz')), Math.sign(tokenHash('yy'))]);
  });

  it('a message without tokens is a row of zeros', () => {
    const s = fitHashedTfidf(['one two'], { width: 8 });
    expect(Array.from(hashedTfidf(['', '42 7'], s).data).every((v) => v === 0)).toBe(true);
  });
});

describe('options, state and errors', () => {
  it('defaults: width 128, alternate signs', () => {
    const s = fitHashedTfidf(['a message']);
    expect(s.width).toBe(HASHED_TFIDF_DEFAULT_WIDTH);
    expect(HASHED_TFIDF_DEFAULT_WIDTH).toBe(128);
    expect(hashedTfidf(['x'], s).names.slice(0, 3)).toEqual(['hash:0', 'hash:1', 'hash:2']);
    expect(hashedTfidf(['x'], s).names.at(-1)).toBe('hash:127');
  });

  it('alternateSign false: plain counts', () => {
    const c = hashedCounts(fx.messages, fx.width, false);
    expect(Array.from(c.data).every((v) => v >= 0)).toBe(true);
    expect(rowsOf(c).map((r) => r.reduce((s, v) => s + v, 0))).toEqual(fx.tokens.map((t) => t.length));
  });

  it('survives a JSON round trip', () => {
    const s = fitHashedTfidf(fx.messages, { width: fx.width }, fx.train_rows);
    expect(hashedTfidf(fx.messages, JSON.parse(JSON.stringify(s)))).toEqual(hashedTfidf(fx.messages, s));
  });

  it('refuses a bad width', () => {
    expect(() => fitHashedTfidf([], { width: 0 })).toThrow('invalid hashed TF-IDF width: 0 (expected a whole number ≥ 1)');
    expect(() => hashedCounts([], 2.5)).toThrow('invalid hashed TF-IDF width: 2.5');
    expect(() => hashedTfidf([], { width: 4, alternateSign: true, idf: [1] })).toThrow('hashed TF-IDF state has 1 idf values for width 4');
  });
});

describe('hashed TF-IDF width bound', () => {
  it('refuses a width past 4096 columns before allocating a dense matrix', () => {
    expect(() => hashedCounts(['a b'], 1_000_000)).toThrow('invalid hashed TF-IDF width: 1000000 is above the limit 4096');
  });
});
