/**
 * Masks one token: cuts it into word pieces (letters, digits, `_`, `-`, `.`)
 * separated by punctuation and replaces each piece that is an IP, number,
 * hex, UUID, email, boolean or digit-bearing word by `<*>`, so `(HWID=1973)`
 * becomes `(HWID=<*>)` and keeps its constant key; a path inside the token
 * becomes one `<*>`. Wildcards joined only by separators (`<*>:<*>`,
 * `<*>/<*>`) fuse into one. Scans character codes; no regex per token.
 */
import type { BuiltinMask } from './miner-options.ts';

/** The wildcard token. */
export const WILDCARD = '<*>';

/** Which built-in masks are on. */
export type MaskFlags = Record<BuiltinMask, boolean>;

/** `true`, `false`, `null`: the words of the `bool` mask (compared lower-cased). */
export const BOOLS = new Set(['true', 'false', 'null']);

// Character classes (ASCII), by code.
const WORD = 1; // letter, digit, `_`
const JOIN = 2; // `-` `.`: inside a word piece
const SEP = 4; // may sit between two fused wildcards
const PATH_LEAD = 8; // may precede a path's first `/`
const CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLASS[c] = WORD;
for (let c = 65; c <= 90; c++) CLASS[c] = WORD;
for (let c = 97; c <= 122; c++) CLASS[c] = WORD;
CLASS[95] = WORD;
CLASS[45] = JOIN | SEP;
CLASS[46] = JOIN | SEP;
for (const ch of ':/@,#|+\\_') CLASS[ch.charCodeAt(0)] |= SEP;
for (const ch of '([{"\'=:,') CLASS[ch.charCodeAt(0)] |= PATH_LEAD;

const isWordCode = (c: number): boolean => c >= 128 || (CLASS[c] & (WORD | JOIN)) !== 0;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHexCode = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
/** Characters a path may not end with (they close or punctuate around it). */
const PATH_TRAIL = new Set(')]}"\',;:.>'.split('').map((c) => c.charCodeAt(0)));

/** Mask class of a word piece [a, b) of s, or '' when it is a constant. */
function classify(s: string, a: number, b: number): BuiltinMask | '' {
  const len = b - a;
  let digits = 0;
  let hex = 0;
  let dots = 0;
  let other = 0;
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if (isHexCode(c)) hex++;
    else if (c === 46) dots++;
    else other++;
  }
  if (len === 36 && digits + hex === 32 && s.charCodeAt(a + 8) === 45 && s.charCodeAt(a + 13) === 45
    && s.charCodeAt(a + 18) === 45 && s.charCodeAt(a + 23) === 45) return 'uuid';
  if (digits === 0) {
    if ((len === 4 || len === 5) && BOOLS.has(s.slice(a, b).toLowerCase())) return 'bool';
    return other === 0 && dots === 0 && hex >= 8 ? 'hex' : '';
  }
  if (dots === 3 && other === 0 && hex === 0 && isIpv4(s, a, b)) return 'ip';
  if (isNumber(s, a, b)) return 'number';
  if (other === 0 && dots === 0 && hex > 0) return 'hex';
  if (len > 2 && (s.charCodeAt(a + 1) === 120 || s.charCodeAt(a + 1) === 88) && s.charCodeAt(a) === 48 && isAllHex(s, a + 2, b)) return 'hex';
  return 'alnum';
}

function isAllHex(s: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (!isHexCode(s.charCodeAt(i))) return false;
  return b > a;
}

function isIpv4(s: string, a: number, b: number): boolean {
  let run = 0;
  for (let i = a; i < b; i++) {
    if (s.charCodeAt(i) === 46) {
      if (run === 0 || run > 3) return false;
      run = 0;
    } else run++;
  }
  return run > 0 && run <= 3;
}

/** `-3`, `+4`, `0.25`, `6.1.7601`, `1e-3`, `2.5E+10`. */
function isNumber(s: string, a: number, b: number): boolean {
  let i = a;
  const c0 = s.charCodeAt(i);
  if (c0 === 45 || c0 === 43) i++;
  let seen = false;
  let prevDot = true;
  for (; i < b; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) {
      seen = true;
      prevDot = false;
    } else if (c === 46 && !prevDot) prevDot = true;
    else if ((c === 101 || c === 69) && seen && !prevDot) {
      let j = i + 1;
      if (j < b && (s.charCodeAt(j) === 45 || s.charCodeAt(j) === 43)) j++;
      if (j >= b) return false;
      for (; j < b; j++) if (!isDigit(s.charCodeAt(j))) return false;
      return true;
    } else return false;
  }
  return seen && !prevDot;
}

/** Characters that may belong to a relative path before its first separator (`{id}ROOT/a/b`). */
const isPathBodyCode = (c: number): boolean =>
  c >= 128 || (CLASS[c] & (WORD | JOIN)) !== 0 || c === 123 || c === 125 || c === 126 || c === 63 || c === 36 || c === 37 || c === 43 || c === 35 || c === 92;
/** Characters that end a path inside a token. */
const PATH_STOP = new Set(',;"\'<> \t'.split('').map((c) => c.charCodeAt(0)));

/**
 * The path inside token [a, e) as [start, end), or null. A path starts with
 * `/`, `~/` or `\\` at the token start or after `( [ { " ' = : ,`, or is any
 * run holding two or more `/` (or `\\`) separators (`Nodes/cn304/x.rrd`).
 */
function findPath(s: string, a: number, e: number): [number, number] | null {
  let first = -1;
  let slashes = 0;
  let backslashes = 0;
  for (let i = a; i < e; i++) {
    const c = s.charCodeAt(i);
    if (c === 47) {
      slashes++;
      if (first < 0) first = i;
    } else if (c === 92) {
      backslashes++;
      if (first < 0) first = i;
    }
  }
  if (first < 0) return null;
  const prev = first > a ? s.charCodeAt(first - 1) : 32;
  let start = -1;
  const next = first + 1 < e ? s.charCodeAt(first + 1) : 32;
  const leads = first === a || (prev < 128 && (CLASS[prev] & PATH_LEAD) !== 0) || (prev === 126 && first - 1 === a);
  if (leads && (isWordCode(next) || next === 47 || next === 92 || next === 126 || next === 63)) start = prev === 126 ? first - 1 : first;
  else if (slashes >= 2 || backslashes >= 2) {
    start = first;
    while (start > a && isPathBodyCode(s.charCodeAt(start - 1))) start--;
  }
  if (start < 0) return null;
  let end = first + 1;
  while (end < e && !PATH_STOP.has(s.charCodeAt(end))) end++;
  while (end > first + 1 && PATH_TRAIL.has(s.charCodeAt(end - 1))) end--;
  return end > first + 1 ? [start, end] : null;
}

/**
 * Builds the masked form of a token from source ranges: text is copied
 * lazily, and a wildcard that only separators part from the previous one
 * fuses with it.
 */
export class TokenBuilder {
  private src = '';
  private out = '';
  /** Source index up to which text is emitted (or dropped). */
  private copied = 0;
  /** Whether a wildcard ends at `copied`. */
  private afterWild = false;

  start(src: string, a: number): void {
    this.src = src;
    this.out = '';
    this.copied = a;
    this.afterWild = false;
  }

  /** Source range [a, b) becomes a wildcard. */
  wild(a: number, b: number): void {
    const s = this.src;
    if (this.afterWild) {
      let onlySep = true;
      for (let i = this.copied; i < a; i++) {
        const c = s.charCodeAt(i);
        if (c >= 128 || !(CLASS[c] & SEP)) {
          onlySep = false;
          break;
        }
      }
      if (onlySep) {
        this.copied = b;
        return;
      }
    }
    this.out += this.copied < a ? s.slice(this.copied, a) + WILDCARD : WILDCARD;
    this.copied = b;
    this.afterWild = true;
  }

  /** The masked token, up to source index e. */
  finish(e: number): string {
    return this.copied < e ? this.out + this.src.slice(this.copied, e) : this.out;
  }
}

/**
 * The masked form of token [a, e) of s. `slashes` says whether the token
 * holds a `/` or `\\` (only then can it hold a path).
 */
export function maskToken(s: string, a: number, e: number, on: MaskFlags, b: TokenBuilder, slashes: boolean): string {
  b.start(s, a);
  const path = on.path && slashes ? findPath(s, a, e) : null;
  if (!path) maskPieces(s, a, e, on, b);
  else {
    maskPieces(s, a, path[0], on, b);
    b.wild(path[0], path[1]);
    maskPieces(s, path[1], e, on, b);
  }
  return b.finish(e);
}

/**
 * Source-file extensions: `sweep.c:123`, `main.go:42` are a file and a line
 * number, not a host and a port.
 */
const SOURCE_EXTENSIONS = new Set('c h cc cpp cxx hpp hh go py pyx js mjs cjs ts tsx jsx java kt kts scala rb rs php pl pm sh lua cs fs swift m mm erl ex exs hs ml clj groovy dart vb sql'.split(' '));

/**
 * Whether [a, b) is a DNS host name: two or more labels of lower-case
 * letters, digits and `-`, the last one letters only (a top-level domain),
 * not a source-file extension. Lower case only: `Foo.java`, `org.Main` are
 * code, and host names in logs are almost always written in lower case.
 */
function isHostName(s: string, a: number, b: number): boolean {
  let label = 0;
  let labels = 1;
  let lastStart = a;
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (label === 0) return false;
      labels++;
      label = 0;
      lastStart = i + 1;
    } else if ((c >= 97 && c <= 122) || isDigit(c) || c === 45) label++;
    else return false;
  }
  if (labels < 2 || label < 2) return false;
  for (let i = lastStart; i < b; i++) if (!(s.charCodeAt(i) >= 97 && s.charCodeAt(i) <= 122)) return false;
  return !SOURCE_EXTENSIONS.has(s.slice(lastStart, b));
}

/** End of a port (1–5 digits) starting at p that no word character follows, or −1. */
function portEnd(s: string, p: number, e: number): number {
  let q = p;
  while (q < e && q - p < 6 && isDigit(s.charCodeAt(q))) q++;
  if (q === p || q - p > 5) return -1;
  return q < e && isWordCode(s.charCodeAt(q)) ? -1 : q;
}

/** Whether [a, b) is letters, digits and `_` only, starting with a letter or `_`. */
function isIdentifier(s: string, a: number, b: number): boolean {
  if (isDigit(s.charCodeAt(a))) return false;
  for (let i = a; i < b; i++) if (!(CLASS[s.charCodeAt(i)] & WORD)) return false;
  return true;
}

/** Longest `<name>` placeholder kept as a constant, in characters between the brackets. */
const MAX_PLACEHOLDER = 39;

/**
 * Where the `>` of a `<name>` placeholder starting at p sits (name: a letter
 * or `_`, then letters, digits, `_`, `-`), or −1. Looks at most
 * MAX_PLACEHOLDER characters ahead, so a run of `<` stays linear.
 */
function placeholderEnd(s: string, p: number, e: number): number {
  const end = Math.min(e, p + 2 + MAX_PLACEHOLDER);
  const first = s.charCodeAt(p + 1);
  if (!(p + 1 < end && ((first | 32) >= 97 && (first | 32) <= 122 || first === 95))) return -1;
  for (let i = p + 2; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 62) return i;
    if (!((c < 128 && (CLASS[c] & WORD) !== 0) || c === 45)) return -1;
  }
  return -1;
}

/** Masks the word pieces of [a, e) into the builder. */
function maskPieces(s: string, a: number, e: number, on: MaskFlags, b: TokenBuilder): void {
  let p = a;
  while (p < e) {
    const c = s.charCodeAt(p);
    if (c === 60 /* < */) {
      // An existing placeholder: `<*>` stays a wildcard, `<name>` a constant.
      if (s.charCodeAt(p + 1) === 42 && s.charCodeAt(p + 2) === 62 && p + 3 <= e) {
        b.wild(p, p + 3);
        p += 3;
        continue;
      }
      // Bounded to a name's length: an unbounded search for `>` made a line of `<`s quadratic.
      const close = placeholderEnd(s, p, e);
      if (close > 0) {
        p = close + 1;
        continue;
      }
    }
    if (!isWordCode(c)) {
      p++;
      continue;
    }
    let q = p + 1;
    while (q < e && isWordCode(s.charCodeAt(q))) q++;
    if (on.email && q + 1 < e && s.charCodeAt(q) === 64) {
      let r = q + 1;
      let dot = false;
      while (r < e && isWordCode(s.charCodeAt(r))) {
        if (s.charCodeAt(r) === 46) dot = true;
        r++;
      }
      while (r > q + 1 && s.charCodeAt(r - 1) === 46) r--;
      if (dot && r > q + 1) {
        b.wild(p, r);
        p = r;
        continue;
      }
    }
    // Trailing `.`/`-` punctuate rather than belong to the piece.
    let core = q;
    while (core > p + 1 && (s.charCodeAt(core - 1) === 46 || s.charCodeAt(core - 1) === 45)) core--;
    let cls = classify(s, p, core);
    // `jk2_init()`, `md5(`: an identifier called as a function is its name, a constant (a dotted
    // `a.b.Log4jAdapter(` is left masked: the Loghub truth takes such class paths for variables).
    if (cls === 'alnum' && core === q && s.charCodeAt(q) === 40 && isIdentifier(s, p, q)) cls = '';
    if (cls === 'ip' && core === q && q + 1 < e && s.charCodeAt(q) === 58 && isDigit(s.charCodeAt(q + 1))) {
      // `10.0.0.1:8080`: the port belongs to the address.
      q += 2;
      while (q < e && isDigit(s.charCodeAt(q))) q++;
      core = q;
    }
    if (cls === '' && on.ip && core === q && s.charCodeAt(q) === 58 && isHostName(s, p, q)) {
      // `proxy.example.com:443`: a host with a port is an address, like `10.0.0.1:8080`.
      const end = portEnd(s, q + 1, e);
      if (end > 0) {
        b.wild(p, end);
        p = end;
        continue;
      }
    }
    if (cls === 'number' && on.number && p === a + 1 && (s.charCodeAt(a) === 60 || s.charCodeAt(a) === 62)) {
      // `<1`, `>100` (`lifetime <1 sec`): the bound belongs to the number, so a unit can join it.
      b.wild(a, core);
    } else if (cls !== '' && on[cls]) b.wild(p, core);
    p = q;
  }
}
