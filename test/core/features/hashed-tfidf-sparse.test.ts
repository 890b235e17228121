import { describe, it, expect } from 'vitest';
import { csrEntries, csrToDense, type CsrMatrix } from '../../../app/core/features/csr-matrix.ts';
import {
  fitHashedTfidf, fitTransformHashedTfidf, hashedCounts, hashedCountsSparse, hashedTfidf, hashedTfidfSparse, messageTokens, tfidfOfCounts, tokenHash,
} from '../../../app/core/features/hashed-tfidf.ts';
import { smoothIdf } from '../../../app/core/features/scale-columns.ts';
import { createRandom } from '../../../app/core/random.ts';

// Seeded log-like messages: upper and lower case, digits inside and beside
// words, underscores, 1-character tokens, punctuation, and some non-ASCII
// (accents, a combining mark, 'İ' whose lowercase is 2 characters, CJK, an
// emoji) early or late in a message.
const WORDS = ['GET', 'post', 'User', 'login', 'FAILED', 'ok', 'a', 'b_c', 'x9', '42', 'db_pool', 'Timeout', 'eth0', 'retry', 'café', 'İstanbul', 'naïve', 'e\u0301t\u00e9', '日本語', 'ok👍', 'ß', 'Straße', '_', '__init__'];
const SEPS = [' ', ' ', ' ', '=', '/', ': ', ', ', '-', '.', '\t', '[', ']', ' — '];
function randomMessages(seed: number, n: number): string[] {
  const rnd = createRandom(seed);
  return Array.from({ length: n }, () => {
    const k = rnd.int(12);
    let m = '';
    for (let t = 0; t < k; t++) m += (t ? SEPS[rnd.int(SEPS.length)] : '') + WORDS[rnd.int(WORDS.length)];
    return m;
  });
}

/** The reference: dense counts from messageTokens and tokenHash, one token at a time. */
function referenceCounts(messages: string[], width: number, alternateSign: boolean): { counts: number[][]; hit: boolean[][] } {
  const counts = messages.map(() => new Array<number>(width).fill(0));
  const hit = messages.map(() => new Array<boolean>(width).fill(false));
  messages.forEach((m, i) => {
    for (const t of messageTokens(m)) {
      const h = tokenHash(t);
      const col = Math.abs(h) % width;
      counts[i][col] += alternateSign && h < 0 ? -1 : 1;
      hit[i][col] = true;
    }
  });
  return { counts, hit };
}

const denseRows = (m: { rows: number; cols: number; data: Float64Array }) =>
  Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));

function expectCanonical(m: CsrMatrix): void {
  expect(m.rowStart[0]).toBe(0);
  for (let i = 0; i < m.rows; i++) {
    for (let p = m.rowStart[i] + 1; p < m.rowStart[i + 1]; p++) expect(m.colIndex[p]).toBeGreaterThan(m.colIndex[p - 1]);
  }
  expect(m.colIndex.length).toBe(csrEntries(m));
  expect(m.values.length).toBe(csrEntries(m));
}

describe('hashed counts, sparse: the tokens and hashes of messageTokens and tokenHash', () => {
  const messages = randomMessages(7, 400);

  it.each([[1, true], [3, true], [7, true], [64, true], [7, false]])('width %i, alternateSign %s: every value and every stored column', (width, alt) => {
    const ref = referenceCounts(messages, width, alt);
    const sparse = hashedCountsSparse(messages, width, alt);
    expectCanonical(sparse);
    expect(denseRows(csrToDense(sparse))).toEqual(ref.counts);
    expect(denseRows(hashedCounts(messages, width, alt))).toEqual(ref.counts);
    // Stored entries are exactly the columns some token hit, zeros that cancelled included.
    for (let i = 0; i < messages.length; i++) {
      const stored = Array.from(sparse.colIndex.subarray(sparse.rowStart[i], sparse.rowStart[i + 1]));
      expect(stored, messages[i]).toEqual(ref.hit[i].flatMap((h, j) => (h ? [j] : [])));
    }
  });

  it('the seeded messages do hold cancelled collisions and non-ASCII words', () => {
    const sparse = hashedCountsSparse(messages, 3);
    expect(Array.from(sparse.values).filter((v) => v === 0).length).toBeGreaterThan(20);
    expect(messages.filter((m) => /[^\x00-\x7f]/.test(m)).length).toBeGreaterThan(100);
  });

  it('a non-ASCII character late in a message does not leave its earlier words counted twice', () => {
    const m = ['alpha beta gamma café', 'ALPHA beta gamma cafe\u0301'];
    expect(denseRows(hashedCounts(m, 1024))).toEqual(referenceCounts(m, 1024, true).counts);
  });
});

describe('hashed TF-IDF, sparse = dense, value for value', () => {
  const messages = randomMessages(11, 500);
  const trainRows = Array.from({ length: 250 }, (_, k) => 2 * k);

  it.each([1, 3, 7, 64])('width %i: hashedTfidfSparse, hashedTfidf and fitTransformHashedTfidf give the same numbers', (width) => {
    const state = fitHashedTfidf(messages, { width }, trainRows);
    const sparse = hashedTfidfSparse(messages, state);
    expectCanonical(sparse);
    const dense = hashedTfidf(messages, state);
    expect(Array.from(csrToDense(sparse).data)).toEqual(Array.from(dense.data));
    expect(sparse.names).toEqual(dense.names);
    const both = fitTransformHashedTfidf(messages, { width }, trainRows);
    expect(both.state).toEqual(state);
    expect(both.matrix).toEqual(sparse);
  });

  it('tfidfOfCounts leaves the counts alone unless told to weight them in place', () => {
    const state = fitHashedTfidf(messages, { width: 7 });
    const counts = hashedCountsSparse(messages, 7);
    const before = Array.from(counts.values);
    const weighted = tfidfOfCounts(counts, state);
    expect(Array.from(counts.values)).toEqual(before);
    expect(tfidfOfCounts(counts, state, counts.values)).toEqual(weighted);
    expect(Array.from(counts.values)).toEqual(Array.from(weighted.values));
  });

  it('width 3: the idf counts every training message some token hit, once, cancelled or not', () => {
    const width = 3;
    const ref = referenceCounts(messages, width, true);
    const df = new Array<number>(width).fill(0);
    for (const i of trainRows) ref.hit[i].forEach((h, j) => { if (h) df[j]++; });
    expect(fitHashedTfidf(messages, { width }, trainRows).idf).toEqual(df.map((d) => smoothIdf(trainRows.length, d)));
  });

  it('every non-empty row has L2 norm 1; a row whose counts all cancelled stays 0', () => {
    const state = fitHashedTfidf(messages, { width: 3 });
    const m = hashedTfidfSparse(messages, state);
    let cancelledRows = 0;
    for (let i = 0; i < m.rows; i++) {
      const v = Array.from(m.values.subarray(m.rowStart[i], m.rowStart[i + 1]));
      const ss = v.reduce((s, x) => s + x * x, 0);
      if (v.length && ss === 0) cancelledRows++;
      else if (v.length) expect(Math.abs(Math.sqrt(ss) - 1)).toBeLessThan(1e-12);
    }
    expect(cancelledRows).toBeGreaterThan(0);
  });
});
