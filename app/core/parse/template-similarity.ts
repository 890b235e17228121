/**
 * How well a template fits a message's masked tokens of the same length.
 *
 * Drain's similarity is the share of positions where the template's token
 * equals the message's. Two changes make one threshold work across log
 * sources:
 * - a wildcard position of the template counts as half a match: it accepts
 *   the token, but says less about the message than an equal constant; so
 *   does a shaped wildcard (`(<*>)`, `user=<*>`, `<*>,`) for a token of its
 *   shape;
 * - a position where template and message differ by a word (`Started` /
 *   `Stopped`, `begin` / `end`, `SPP.` / `WindowsUpdateAgent.`,
 *   `action.SCREEN_ON` / `action.SCREEN_OFF`) rules the template out. Once
 *   numbers, ids, paths and the like are masked, a differing word is far
 *   more often a different event than a variable; words that are variables
 *   are found by `word-variables.ts` instead, once enough of them are seen.
 */
import { WILDCARD as WILDCARD_TOKEN } from './token-masks.ts';

/** Module-local copy: imports can compile to getters, which the hot loop should not call. */
const WILDCARD: string = WILDCARD_TOKEN;

/** Weight of a template wildcard in the similarity, in matches (a constant that is equal counts 1). */
export const WILDCARD_WEIGHT = 0.5;

// Character classes by code (the hot loop reads a table, not `'…'.includes(t[i])`).
const OPEN_CODE = 1;
const CLOSE_CODE = 2;
const PUNCT = new Uint8Array(128);
for (const ch of '"\'([{') PUNCT[ch.charCodeAt(0)] |= OPEN_CODE;
for (const ch of '"\')]},.:;!?') PUNCT[ch.charCodeAt(0)] |= CLOSE_CODE;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Whether a token is one word of letters once opening or closing punctuation
 * is set aside (`"GET`, `(usable)`, `SPP.`); `a=b`, `x_y`, `<*>` are not.
 */
export function isPlainWord(t: string): boolean {
  let a = 0;
  let b = t.length;
  let c = 0;
  while (a < b && (c = t.charCodeAt(a)) < 128 && (PUNCT[c] & OPEN_CODE) !== 0) a++;
  while (b > a && (c = t.charCodeAt(b - 1)) < 128 && (PUNCT[c] & CLOSE_CODE) !== 0) b--;
  if (a === b) return false;
  for (let i = a; i < b; i++) if (!isLetter(t.charCodeAt(i))) return false;
  return true;
}

/**
 * Whether two different tokens differ by a word: both are plain words, or
 * they are equal but for one word inside (`action.SCREEN_ON` and
 * `action.SCREEN_OFF`) or a word one of them adds (`(uid=0)` and
 * `LOGIN(uid=0)`), unless that word is part of the value of a `key=` or
 * `key:` (values of keys are left to the similarity).
 */
export function wordConflict(a: string, b: string): boolean {
  if (isPlainWord(a)) return isPlainWord(b);
  if (isPlainWord(b)) return false;
  let p = 0;
  const m = Math.min(a.length, b.length);
  while (p < m && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < m - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  // Widen the difference to whole words.
  while (p > 0 && isLetter(a.charCodeAt(p - 1))) p--;
  while (s > 0 && isLetter(a.charCodeAt(a.length - s))) s--;
  for (let k = 0; k < p; k++) if (a.charCodeAt(k) === 61 || a.charCodeAt(k) === 58) return false;
  const ea = a.length - s;
  const eb = b.length - s;
  // A word on one side only is a word added (`(uid=0)`, `LOGIN(uid=0)`): a different event too.
  if (p === ea) return isWordRange(b, p, eb);
  if (p === eb) return isWordRange(a, p, ea);
  return isWordRange(a, p, ea) && isWordRange(b, p, eb);
}

function isWordRange(t: string, a: number, b: number): boolean {
  if (a >= b) return false;
  for (let i = a; i < b; i++) if (!isLetter(t.charCodeAt(i))) return false;
  return true;
}

const isWordChar = (c: number): boolean => isLetter(c) || (c >= 48 && c <= 57) || c === 95;

/**
 * Whether template token `t`, a shaped wildcard (`(<*>)`, `user=<*>`: text
 * around one `<*>`), takes message token `m`: m starts and ends with that
 * text. A bare `<*>` takes anything; a token without `<*>` only itself.
 */
export function fitsShape(t: string, m: string): boolean {
  const w = t.indexOf(WILDCARD);
  if (w < 0) return t === m;
  if (t.indexOf(WILDCARD, w + 1) >= 0 || !isShape(t, w, t.length - w - WILDCARD.length)) return false;
  return fitsKnownShape(t, m);
}

/** `fitsShape` for a token `shapeMask` has marked a shape (so checks only the text around its `<*>`). */
export function fitsKnownShape(t: string, m: string): boolean {
  if (m.length < t.length - WILDCARD.length) return false;
  const w = t.indexOf(WILDCARD);
  for (let i = 0; i < w; i++) if (t.charCodeAt(i) !== m.charCodeAt(i)) return false;
  for (let i = t.length - 1, j = m.length - 1; i >= w + WILDCARD.length; i--, j--) if (t.charCodeAt(i) !== m.charCodeAt(j)) return false;
  return true;
}

/**
 * What a template token becomes when a message token differs from it: the
 * text both share before and after the difference, cut back to punctuation,
 * around one `<*>` (`(a.net)` and `()` give `(<*>)`; `user=root` and
 * `user=guest` give `user=<*>`), or a bare `<*>` when they share none. The
 * template so keeps showing the brackets and keys its values sit in.
 */
export function generalise(t: string, m: string): string {
  const n = Math.min(t.length, m.length);
  let p = 0;
  while (p < n && t.charCodeAt(p) === m.charCodeAt(p)) p++;
  let s = 0;
  while (s < n - p && t.charCodeAt(t.length - 1 - s) === m.charCodeAt(m.length - 1 - s)) s++;
  // Wildcards the two share stay out of the affixes, which must not hold one: `a~<*>,` and `b~<*>,` give `<*>,`.
  const first = t.indexOf(WILDCARD);
  if (first >= 0) {
    p = Math.min(p, first);
    s = Math.min(s, t.length - t.lastIndexOf(WILDCARD) - WILDCARD.length);
  }
  // A prefix ends, and a suffix starts, at punctuation: `bytes=<*>`, never `byt<*>`.
  while (p > 0 && isWordChar(t.charCodeAt(p - 1))) p--;
  while (s > 0 && isWordChar(t.charCodeAt(t.length - s))) s--;
  if (p === 0 && s === 0) return WILDCARD;
  const prefix = t.slice(0, p);
  const suffix = t.slice(t.length - s);
  // Affixes holding a wildcard (`<*>_a`/`<*>_b`) or parts of one would make a token of two wildcards.
  if (/[<>*]/.test(prefix) || /[<>*]/.test(suffix)) return WILDCARD;
  const shaped = prefix + WILDCARD + suffix;
  return isShape(shaped, p, s) ? shaped : WILDCARD;
}

const OPENERS = '([{"\'';
const CLOSERS = ')]}"\'';
/** Punctuation that may follow a value in running text (`<*>,`). */
const TRAILING = ',;.:';

/**
 * The shapes a wildcard keeps, given its prefix length p and suffix length
 * s in t: a key's value (`user=<*>`, `(uid=<*>)`, `tty:<*>,`), one value in
 * brackets or quotes (`(<*>)`, `[<*>],`, `"<*>"`), or a value and the
 * punctuation after it (`<*>,`). Looser shapes (`<*>)` alone, `(<*>`) are
 * left bare: a token that merely ends like another (`/etc/cron.hourly)`,
 * `a)`, halves of a bracketed phrase) is no evidence of the same event.
 */
function isShape(t: string, p: number, s: number): boolean {
  if (p === 0) {
    for (let i = t.length - s; i < t.length; i++) if (!TRAILING.includes(t[i])) return false;
    return s > 0;
  }
  const last = t.charCodeAt(p - 1);
  if (last === 61 || last === 58) return true;
  if (p !== 1 || s === 0) return false;
  const close = CLOSERS[OPENERS.indexOf(t[0])];
  return close !== undefined && t[t.length - s] === close;
}

/** Positions below this have their own bit in a shape mask; the bit at it stands for all later ones. */
const SHAPE_BITS = 30;

/**
 * The positions of a template that hold a shaped wildcard, as bits (bit i
 * for position i < 30; bit 30 when any later position does), so the
 * similarity loop tests a bit, not the token's text, at every mismatch.
 */
export function shapeMask(template: readonly string[]): number {
  let mask = 0;
  for (let i = 0; i < template.length; i++) {
    const t = template[i];
    const w = t.length > 3 ? t.indexOf(WILDCARD) : -1;
    if (w >= 0 && t.indexOf(WILDCARD, w + 1) < 0 && isShape(t, w, t.length - w - WILDCARD.length)) mask |= 1 << Math.min(i, SHAPE_BITS);
  }
  return mask;
}

/** Whether template token t, at position i of a template with shape mask `shapes`, is a shaped wildcard taking m. */
export function shapeFitsAt(shapes: number, i: number, t: string, m: string): boolean {
  if (i < SHAPE_BITS) return ((shapes >>> i) & 1) !== 0 && fitsKnownShape(t, m);
  return ((shapes >>> SHAPE_BITS) & 1) !== 0 && fitsShape(t, m);
}

/**
 * Similarity in [0, 1] of a template to tokens of the same length, or -1
 * when a word conflict rules the template out or when the similarity cannot
 * reach `floor` (which lets a search skip hopeless templates early). An
 * empty template fits an empty message with similarity 1. `shapes` is the
 * template's `shapeMask` (computed when not given).
 */
export function similarity(template: readonly string[], tokens: readonly string[], floor = 0, shapes = shapeMask(template)): number {
  const n = template.length;
  if (n === 0) return 1;
  // Score lost so far, against a perfect match; give up once it exceeds the slack.
  const slack = n - floor * n + 1e-9;
  let lost = 0;
  for (let i = 0; i < n; i++) {
    const t = template[i];
    if (t === WILDCARD) {
      // A masked token (a number, an IP) where the template has a wildcard is a perfect match: counting it half
      // kept a message of masked tokens only (`12345`) from ever joining a template, one new template per line.
      if (tokens[i] !== WILDCARD) lost += 1 - WILDCARD_WEIGHT;
    } else if (t !== tokens[i]) {
      // A shaped wildcard (`(<*>)`) that takes the token counts as a wildcard.
      if (shapes !== 0 && shapeFitsAt(shapes, i, t, tokens[i])) lost += 1 - WILDCARD_WEIGHT;
      else if (wordConflict(t, tokens[i])) return -1;
      else lost += 1;
    } else continue;
    if (lost > slack) return -1;
  }
  return (n - lost) / n;
}
