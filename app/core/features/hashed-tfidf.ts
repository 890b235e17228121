/**
 * Hashed token TF-IDF of the messages: a fixed number of columns whatever the
 * vocabulary, so a spec fitted on one file applies to the next one, whose
 * words it never saw.
 *
 * Tokens are hashed exactly as scikit-learn's HashingVectorizer does
 * (MurmurHash3 x86 32-bit, seed 0, of the UTF-8 bytes; column |h| mod width;
 * with `alternateSign` the count is negated when h < 0 so that collisions
 * tend to cancel instead of piling up), then weighted as TfidfTransformer
 * (smooth idf fitted on the training rows, rows L2-normalised). The pipeline
 * `HashingVectorizer(analyzer=messageTokens, n_features=width, norm=None)`
 * + `TfidfTransformer()` gives the same numbers.
 */
import type { Matrix } from '../matrix.ts';
import { csrToDense, type CsrMatrix } from './csr-matrix.ts';
import { hashedCountsCsr } from './hashed-counts.ts';
import { FEATURE_LIMITS } from './feature-spec.ts';
import { smoothIdf } from './scale-columns.ts';

/** Columns when the spec gives none. Kept small: the detectors' matrix is dense, rows × width × 8 bytes. */
export const HASHED_TFIDF_DEFAULT_WIDTH = 128;

export { messageTokens } from './message-tokens.ts';
export { tokenHash } from './hashed-counts.ts';

/** Options of {@link fitHashedTfidf}. */
export interface HashedTfidfOptions {
  /** Number of columns (hash buckets); default {@link HASHED_TFIDF_DEFAULT_WIDTH}. */
  width?: number;
  /** Count a token −1 when its hash is negative (scikit-learn's alternate_sign); default true. */
  alternateSign?: boolean;
}

/** A fitted hashed TF-IDF, plain JSON. */
export interface HashedTfidfState {
  width: number;
  alternateSign: boolean;
  /** Per column: smoothed idf from the training rows (see `smoothIdf`). */
  idf: number[];
}

/** Column names: `hash:0` … `hash:<width − 1>`. */
export function hashedTfidfNames(width: number): string[] {
  return Array.from({ length: width }, (_, i) => `hash:${i}`);
}

function checkWidth(width: number): void {
  if (!Number.isInteger(width) || width < 1) throw new Error(`invalid hashed TF-IDF width: ${width} (expected a whole number ≥ 1)`);
  // Dense rows of `width` columns: the bound holds where the page builds features without the spec's validation.
  const max = FEATURE_LIMITS.hashedTfidf.width.max;
  if (width > max) throw new Error(`invalid hashed TF-IDF width: ${width} is above the limit ${max}`);
}

/**
 * Signed hashed token counts, one sparse row per message (no weighting):
 * scikit-learn's HashingVectorizer(norm=None), explicit zeros included.
 */
export function hashedCountsSparse(messages: ArrayLike<string>, width = HASHED_TFIDF_DEFAULT_WIDTH, alternateSign = true): CsrMatrix {
  checkWidth(width);
  return hashedCountsCsr(messages, width, alternateSign, hashedTfidfNames(width));
}

/** {@link hashedCountsSparse} as a dense matrix. */
export function hashedCounts(messages: ArrayLike<string>, width = HASHED_TFIDF_DEFAULT_WIDTH, alternateSign = true): Matrix {
  return csrToDense(hashedCountsSparse(messages, width, alternateSign));
}

/**
 * The idf of hashed counts: per column, in how many training rows some
 * token hashed into it — including rows where a +1 and a −1 cancelled to 0,
 * as scikit-learn's explicit zeros count in its document frequency.
 * @param rows indices of the training rows; all rows when omitted
 */
export function fitHashedTfidfCounts(counts: CsrMatrix, alternateSign: boolean, rows?: ArrayLike<number>): HashedTfidfState {
  const { cols: width, rowStart, colIndex } = counts;
  const n = rows ? rows.length : counts.rows;
  const df = new Float64Array(width);
  for (let k = 0; k < n; k++) {
    const i = rows ? rows[k] : k;
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++) df[colIndex[p]]++;
  }
  return { width, alternateSign, idf: Array.from(df, (d) => smoothIdf(n, d)) };
}

/**
 * Fits the idf on the training rows (see {@link fitHashedTfidfCounts}).
 * @param rows indices of the training rows; all rows when omitted
 */
export function fitHashedTfidf(messages: ArrayLike<string>, options: HashedTfidfOptions = {}, rows?: ArrayLike<number>): HashedTfidfState {
  const width = options.width ?? HASHED_TFIDF_DEFAULT_WIDTH;
  const alternateSign = options.alternateSign ?? true;
  const training = rows ? Array.from(rows, (r) => messages[r]) : messages;
  return fitHashedTfidfCounts(hashedCountsSparse(training, width, alternateSign), alternateSign);
}

function checkState(state: HashedTfidfState): void {
  checkWidth(state.width);
  if (state.idf.length !== state.width) throw new Error(`hashed TF-IDF state has ${state.idf.length} idf values for width ${state.width}`);
}

/**
 * Weights hashed counts by the idf and L2-normalises each non-empty row:
 * TfidfTransformer.transform. The result shares `counts`' row and column
 * index arrays; explicit zeros stay explicit zeros.
 * @param values where the weighted values go, one per entry; pass
 *   `counts.values` to weight in place when the counts are not needed after
 */
export function tfidfOfCounts(counts: CsrMatrix, state: HashedTfidfState, values: Float64Array = new Float64Array(counts.values.length)): CsrMatrix {
  checkState(state);
  if (counts.cols !== state.width) throw new Error(`hashed counts have ${counts.cols} columns, the TF-IDF state ${state.width}`);
  const { rows, rowStart, colIndex } = counts;
  const idf = Float64Array.from(state.idf);
  if (values.length !== counts.values.length) throw new Error(`tfidfOfCounts: ${values.length} values for ${counts.values.length} entries`);
  for (let i = 0; i < rows; i++) {
    const a = rowStart[i], b = rowStart[i + 1];
    // Summed in column order, as scikit-learn's sorted CSR row is.
    let ss = 0;
    for (let p = a; p < b; p++) {
      const v = counts.values[p] * idf[colIndex[p]];
      values[p] = v;
      ss += v * v;
    }
    if (ss > 0) {
      const norm = Math.sqrt(ss);
      for (let p = a; p < b; p++) values[p] /= norm;
    }
  }
  return { ...counts, values };
}

/** The TF-IDF rows of any messages, sparse (width columns `hash:<i>`, each non-empty row of L2 norm 1). */
export function hashedTfidfSparse(messages: ArrayLike<string>, state: HashedTfidfState): CsrMatrix {
  checkState(state);
  const counts = hashedCountsCsr(messages, state.width, state.alternateSign, hashedTfidfNames(state.width));
  return tfidfOfCounts(counts, state, counts.values);
}

/** {@link hashedTfidfSparse} as a dense matrix (rows × width × 8 bytes). */
export function hashedTfidf(messages: ArrayLike<string>, state: HashedTfidfState): Matrix {
  return csrToDense(hashedTfidfSparse(messages, state));
}

/**
 * Fit and transform in one scan of the messages (scikit-learn's
 * `TfidfTransformer().fit_transform(HashingVectorizer(…).transform(…))`):
 * the same state as {@link fitHashedTfidf} and the same rows as
 * {@link hashedTfidfSparse}, each message tokenised once instead of twice.
 * @param rows indices of the training rows; all rows when omitted
 */
export function fitTransformHashedTfidf(
  messages: ArrayLike<string>,
  options: HashedTfidfOptions = {},
  rows?: ArrayLike<number>,
): { state: HashedTfidfState; matrix: CsrMatrix } {
  const alternateSign = options.alternateSign ?? true;
  const counts = hashedCountsSparse(messages, options.width ?? HASHED_TFIDF_DEFAULT_WIDTH, alternateSign);
  const state = fitHashedTfidfCounts(counts, alternateSign, rows);
  return { state, matrix: tfidfOfCounts(counts, state, counts.values) };
}
