/**
 * Signed hashed token counts of messages as a sparse matrix: scikit-learn's
 * HashingVectorizer(analyzer=messageTokens, norm=None) `transform`, one CSR
 * row per message with its columns ascending, a column whose +1s and −1s
 * cancelled kept as an explicit 0 (scikit-learn keeps it too, and its
 * document frequency counts it).
 *
 * An ASCII message is tokenised and hashed in one scan of its character
 * codes, with no lowercased copy, no token strings and no map lookup (these
 * took most of the time: 1M webapp messages, profiled). Its tokens and
 * hashes are those of `messageTokens` and `tokenHash`: in ASCII the word
 * characters are exactly [A-Za-z0-9_], lowercasing only maps A–Z to a–z,
 * and each character is its one UTF-8 byte. A message with any other
 * character goes through `messageTokens` and `tokenHash` themselves.
 */
import { CsrBuilder, type CsrMatrix } from './csr-matrix.ts';
import { messageTokens } from './message-tokens.ts';

// The hash lives here, beside its hot loop: under tsx every module becomes
// CommonJS and each call into another module goes through an export getter,
// which took a third of the scan's time when murmurBlock lived elsewhere.
const encoder = new TextEncoder();

const C1 = 0xcc9e2d51, C2 = 0x1b873593;

/** MurmurHash3 x86 32: mixes the 4-byte little-endian block `k` into the state `h`. */
function murmurBlock(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, C2);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3 x86 32: the hash of `len` bytes from the state `h` and the unmixed tail bytes `k` (len mod 4 of them). */
function murmurFinish(h: number, k: number, len: number): number {
  if (len & 3) {
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
  }
  h ^= len;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/**
 * MurmurHash3 x86 32-bit with seed 0 of the token's UTF-8 bytes, as a signed
 * 32-bit integer (scikit-learn's `murmurhash3_32(token, positive=False)`).
 */
export function tokenHash(token: string): number {
  const b = encoder.encode(token);
  const len = b.length;
  let h = 0;
  const blocks = len & ~3;
  for (let i = 0; i < blocks; i += 4) h = murmurBlock(h, b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24));
  let k = 0;
  for (let i = len - 1; i >= blocks; i--) k = (k << 8) | b[i];
  return murmurFinish(h, k, len);
}

// Per ASCII code: 0 separator, 1 word character, 2 digit, 3 upper-case letter.
const KIND = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if (c >= 48 && c <= 57) KIND[c] = 2;
  else if (c >= 65 && c <= 90) KIND[c] = 3;
  else if ((c >= 97 && c <= 122) || c === 95) KIND[c] = 1;
}

/** Per-message scratch: the signed count of each column and which columns a token hit. */
class RowCounts {
  readonly counts: Float64Array;
  /** 1 where some token of the current message hit the column, even if its count is back at 0. */
  readonly hit: Uint8Array;
  touched: Int32Array;
  size = 0;

  constructor(width: number) {
    this.counts = new Float64Array(width);
    this.hit = new Uint8Array(width);
    this.touched = new Int32Array(64);
  }

  add(h: number, alternateSign: boolean): void {
    // Math.abs(−2³¹) is 2³¹ in doubles, which is what scikit-learn's special case for it computes too.
    const col = Math.abs(h) % this.counts.length;
    if (this.hit[col] === 0) {
      this.hit[col] = 1;
      if (this.size === this.touched.length) {
        const t = new Int32Array(this.size * 2);
        t.set(this.touched);
        this.touched = t;
      }
      this.touched[this.size++] = col;
    }
    this.counts[col] += alternateSign && h < 0 ? -1 : 1;
  }

  /** Appends the row to `out` in ascending column order and clears the scratch. */
  flush(out: CsrBuilder): void {
    const t = this.touched, n = this.size;
    // Insertion sort: a log message touches a handful of columns.
    for (let a = 1; a < n; a++) {
      const v = t[a];
      let b = a - 1;
      while (b >= 0 && t[b] > v) { t[b + 1] = t[b]; b--; }
      t[b + 1] = v;
    }
    for (let a = 0; a < n; a++) {
      const col = t[a];
      out.push(col, this.counts[col]);
      this.counts[col] = 0;
      this.hit[col] = 0;
    }
    this.size = 0;
    out.endRow();
  }
}

// The message's UTF-8 bytes: encodeInto is native, and scanning bytes beat
// charCodeAt on the log's sliced strings by about 20 % (1M webapp messages).
let bytes = new Uint8Array(1024);

/**
 * Adds an ASCII message's tokens to `row`; false, with the row untouched,
 * when the message has any other character.
 */
function scanAscii(message: string, row: RowCounts, alternateSign: boolean): boolean {
  const end = message.length;
  // Room for the worst case, 3 bytes per UTF-16 unit, and the sentinel.
  if (bytes.length < end * 3 + 1) bytes = new Uint8Array(end * 3 + 1);
  const b = bytes;
  // Every character outside ASCII takes 2 bytes or more: as many bytes as units means ASCII.
  if (encoder.encodeInto(message, b).written !== end) return false;
  b[end] = 32; // a separator ends the last token
  let h = 0, k = 0, len = 0, digit = false;
  for (let i = 0; i <= end; i++) {
    const c = b[i];
    const kind = KIND[c];
    if (kind !== 0) {
      if (kind === 2) digit = true;
      k |= (kind === 3 ? c + 32 : c) << ((len & 3) << 3);
      len++;
      if ((len & 3) === 0) {
        h = murmurBlock(h, k);
        k = 0;
      }
    } else if (len !== 0) {
      if (len >= 2 && !digit) row.add(murmurFinish(h, k, len), alternateSign);
      h = 0; k = 0; len = 0; digit = false;
    }
  }
  return true;
}

/**
 * Signed hashed token counts, one CSR row per message (see the module
 * comment); `cols` is `width`, the names `hash:<i>`.
 * @param width number of columns (hash buckets), a whole number ≥ 1
 */
export function hashedCountsCsr(messages: ArrayLike<string>, width: number, alternateSign: boolean, names: string[]): CsrMatrix {
  const n = messages.length;
  const out = new CsrBuilder(n, width);
  const row = new RowCounts(width);
  // Outside ASCII, tokens come from messageTokens; the map saves rehashing log lines' repeated words.
  const hashes = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const message = messages[i];
    if (!scanAscii(message, row, alternateSign)) {
      for (const token of messageTokens(message)) {
        let h = hashes.get(token);
        if (h === undefined) hashes.set(token, (h = tokenHash(token)));
        row.add(h, alternateSign);
      }
    }
    row.flush(out);
  }
  return out.finish(names);
}
