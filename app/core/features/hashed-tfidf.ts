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
import { FEATURE_LIMITS } from './feature-spec.ts';
import { smoothIdf } from './scale-columns.ts';

/** Columns when the spec gives none. Kept small: the matrix is dense, rows × width × 8 bytes. */
export const HASHED_TFIDF_DEFAULT_WIDTH = 128;

// Letters, combining marks, digits and underscore make words; anything else
// (spaces, punctuation, `=`, `/`, `.`, `:`) separates them.
const SEPARATORS = /[^\p{L}\p{M}\p{N}_]+/u;
const HAS_DIGIT = /\p{N}/u;

/**
 * The words of a message, shared by the hashed TF-IDF and the word vectors:
 * lowercased, split on anything that is not a letter, digit or underscore,
 * keeping tokens of at least 2 characters (scikit-learn's default token
 * pattern) and dropping every token that contains a digit. In logs those are
 * the variable parts — ids, counters, addresses, timestamps — which would
 * make each line's vocabulary unique (and give every rare id a top idf);
 * Drain masks them for the same reason. The price: names like `eth0` or
 * `sda1` are dropped too.
 */
export function messageTokens(message: string): string[] {
  const out: string[] = [];
  for (const t of message.toLowerCase().split(SEPARATORS)) {
    if (t.length >= 2 && !HAS_DIGIT.test(t)) out.push(t);
  }
  return out;
}

const encoder = new TextEncoder();

/**
 * MurmurHash3 x86 32-bit with seed 0 of the token's UTF-8 bytes, as a signed
 * 32-bit integer (scikit-learn's `murmurhash3_32(token, positive=False)`).
 */
export function tokenHash(token: string): number {
  const b = encoder.encode(token);
  const len = b.length;
  const c1 = 0xcc9e2d51, c2 = 0x1b873593;
  let h = 0;
  const blocks = len & ~3;
  for (let i = 0; i < blocks; i += 4) {
    let k = b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const rest = len & 3;
  if (rest) {
    let k = 0;
    if (rest === 3) k ^= b[blocks + 2] << 16;
    if (rest >= 2) k ^= b[blocks + 1] << 8;
    k ^= b[blocks];
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  h ^= len;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

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

/**
 * Adds one message's signed token counts into `row` (length width) and
 * returns the columns it touched. `cache` maps token → signed column + 1
 * (negative for a −1 count), since log lines repeat the same few words.
 */
function addCounts(message: string, row: Float64Array, alternateSign: boolean, cache: Map<string, number>, touched: number[]): void {
  touched.length = 0;
  for (const token of messageTokens(message)) {
    let code = cache.get(token);
    if (code === undefined) {
      const h = tokenHash(token);
      // Math.abs(−2³¹) is 2³¹ in doubles, which is what scikit-learn's
      // special case for it computes too.
      const col = Math.abs(h) % row.length;
      code = alternateSign && h < 0 ? -(col + 1) : col + 1;
      cache.set(token, code);
    }
    const col = Math.abs(code) - 1;
    if (row[col] === 0) touched.push(col);
    row[col] += code < 0 ? -1 : 1;
  }
}

function checkWidth(width: number): void {
  if (!Number.isInteger(width) || width < 1) throw new Error(`invalid hashed TF-IDF width: ${width} (expected a whole number ≥ 1)`);
  // Dense rows of `width` columns: the bound holds where the page builds features without the spec's validation.
  const max = FEATURE_LIMITS.hashedTfidf.width.max;
  if (width > max) throw new Error(`invalid hashed TF-IDF width: ${width} is above the limit ${max}`);
}

/** Signed hashed token counts, one row per message (no weighting): scikit-learn's HashingVectorizer(norm=None). */
export function hashedCounts(messages: ArrayLike<string>, width = HASHED_TFIDF_DEFAULT_WIDTH, alternateSign = true): Matrix {
  checkWidth(width);
  const n = messages.length;
  const data = new Float64Array(n * width);
  const cache = new Map<string, number>();
  const touched: number[] = [];
  for (let i = 0; i < n; i++) addCounts(messages[i], data.subarray(i * width, (i + 1) * width), alternateSign, cache, touched);
  return { rows: n, cols: width, data, names: hashedTfidfNames(width) };
}

/**
 * Fits the idf on the training rows: per column, in how many training
 * messages some token hashed into it — including messages where a +1 and a
 * −1 cancelled to 0, as scikit-learn's explicit zeros count in its document
 * frequency.
 * @param rows indices of the training rows; all rows when omitted
 */
export function fitHashedTfidf(messages: ArrayLike<string>, options: HashedTfidfOptions = {}, rows?: ArrayLike<number>): HashedTfidfState {
  const width = options.width ?? HASHED_TFIDF_DEFAULT_WIDTH;
  const alternateSign = options.alternateSign ?? true;
  checkWidth(width);
  const n = rows ? rows.length : messages.length;
  const df = new Float64Array(width);
  const row = new Float64Array(width);
  const cache = new Map<string, number>();
  const touched: number[] = [];
  for (let k = 0; k < n; k++) {
    addCounts(messages[rows ? rows[k] : k], row, alternateSign, cache, touched);
    for (const col of touched) {
      // Counted even when a +1 and a −1 cancelled: scikit-learn keeps that
      // cancellation as an explicit zero, and its document frequency counts it.
      df[col]++;
      row[col] = 0;
    }
  }
  return { width, alternateSign, idf: Array.from(df, (d) => smoothIdf(n, d)) };
}

/** The TF-IDF rows of any messages (width columns `hash:<i>`, each non-empty row of L2 norm 1). */
export function hashedTfidf(messages: ArrayLike<string>, state: HashedTfidfState): Matrix {
  const { width, idf, alternateSign } = state;
  checkWidth(width);
  if (idf.length !== width) throw new Error(`hashed TF-IDF state has ${idf.length} idf values for width ${width}`);
  const n = messages.length;
  const data = new Float64Array(n * width);
  const cache = new Map<string, number>();
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = data.subarray(i * width, (i + 1) * width);
    addCounts(messages[i], row, alternateSign, cache, touched);
    // Summed in column order, as a dense row (and scikit-learn's sorted CSR row) is.
    touched.sort((a, b) => a - b);
    let ss = 0;
    for (const col of touched) {
      const v = row[col] * idf[col];
      row[col] = v;
      ss += v * v;
    }
    if (ss > 0) {
      const norm = Math.sqrt(ss);
      for (const col of touched) row[col] /= norm;
    }
  }
  return { rows: n, cols: width, data, names: hashedTfidfNames(width) };
}
