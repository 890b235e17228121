/**
 * Splits a log message into whitespace-separated tokens, masked by
 * `token-pieces.ts`. Around that, on the token sequence:
 * - a size or duration unit after a masked number joins it (`5.2 KB`,
 *   `<1 sec` → `<*>`; spelled out, it stays in the token: `2087 bytes` →
 *   `<*> bytes`), and so does a bracketed restatement (`5 MB (5.2 KB)` →
 *   `<*>`, `1190 bytes (1.16 KB)` → `<*> bytes (<*>)`); alone, `(1.16 KB)`
 *   is `(<*>)`;
 * - month and weekday names next to masked numbers join them, so dates such
 *   as `Sun Jul  3 10:05:25 2005` become one `<*>`;
 * - a run of tokens that are each a bare `<*>` fuses into one token, so
 *   variable-length lists (`blk_1 blk_2 blk_3`) give one template;
 * - `key="quoted value"` is one token even when the value holds spaces.
 * Custom (user) masks run first, as regexes on the whole message, on a
 * linear-time engine (`linear-regex.ts`).
 */
import { LinearRegex } from '../linear-regex.ts';
import { BUILTIN_MASKS, type CustomMask } from './miner-options.ts';
import { BOOLS as BOOL_WORDS, maskToken as maskOneToken, TokenBuilder, WILDCARD, type MaskFlags } from './token-pieces.ts';

export { WILDCARD } from './token-pieces.ts';

// Module-local copies: imports can compile to getters, which the hot loop should not call.
const WILD: string = WILDCARD;
const PAREN_WILD = `(${WILDCARD}`;
const BOOLS = BOOL_WORDS;
const maskToken = maskOneToken;

/** Message → masked tokens; into `into` (cleared first) when given, else into a new array. */
export type Tokenizer = (message: string, into?: string[]) => string[];

// What the scan needs to know per ASCII code; a token ORs the flags of its characters.
const LETTER = 1;
const HEX_LETTER = 2;
/** Characters that send a token to `maskToken`: digits, `/`, `\`, `@`, `<`, `~`. */
const TRIGGER = 4;
const SLASH = 8;
const DIGIT = 16;
/** Any other non-space character. */
const OTHER = 32;
const SCAN = new Uint8Array(128).fill(OTHER);
for (let c = 65; c <= 90; c++) SCAN[c] = LETTER;
for (let c = 97; c <= 122; c++) SCAN[c] = LETTER;
for (let c = 65; c <= 70; c++) SCAN[c] |= HEX_LETTER;
for (let c = 97; c <= 102; c++) SCAN[c] |= HEX_LETTER;
for (let c = 48; c <= 57; c++) SCAN[c] = TRIGGER | DIGIT;
for (const ch of '@<~') SCAN[ch.charCodeAt(0)] = TRIGGER;
SCAN[47] = TRIGGER | SLASH;
SCAN[92] = TRIGGER | SLASH;

/**
 * Whether a token without trigger characters still needs masking: it holds
 * a run of 8 hex letters, or a `true`/`false`/`null` word.
 */
function needsMask(s: string, a: number, e: number): boolean {
  let hexRun = 0;
  let alpha = 0;
  for (let i = a; i < e; i++) {
    const f = SCAN[s.charCodeAt(i)] ?? 0;
    if (f & LETTER) {
      alpha++;
      if (!(f & HEX_LETTER)) hexRun = 0;
      else if (++hexRun >= 8) return true;
      continue;
    }
    if ((alpha === 4 || alpha === 5) && isBoolAt(s, i - alpha, alpha)) return true;
    alpha = 0;
    hexRun = 0;
  }
  return (alpha === 4 || alpha === 5) && isBoolAt(s, e - alpha, alpha);
}

/** Longest quoted value, in characters, kept as one token. */
const MAX_QUOTED = 200;

const MONTHS = new Set('jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september october november december'.split(' '));
const WEEKDAYS = new Set('mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday saturday sunday'.split(' '));

/** `Jul`, `JUL`, `July,`: a capitalised month or weekday name, optionally followed by a comma. */
function isDateWord(t: string, names: Set<string>): boolean {
  const c = t.charCodeAt(0);
  if (!(c >= 65 && c <= 90) || t.length > 10) return false;
  return names.has((t.endsWith(',') ? t.slice(0, -1) : t).toLowerCase());
}

/** Whether the letters at [a, a + 4|5) spell true, false or null (any case). */
function isBoolAt(s: string, a: number, len: number): boolean {
  const c = s.charCodeAt(a) | 32;
  return (c === 116 || c === 102 || c === 110) && BOOLS.has(s.slice(a, a + len).toLowerCase());
}

/** Size and duration units that follow a number. */
const UNITS = new Set('B kB KB MB GB TB PB KiB MiB GiB TiB K M G byte bytes ns us µs ms s sec secs'.split(' '));
// Of these, only `byte` and `bytes` start with a lower-case `b` (the tokenizer tells them by it).
const UNIT_FIRST = new Uint8Array(256);
for (const u of UNITS) UNIT_FIRST[u.charCodeAt(0)] = 1;
/** When the token is a unit (`KB`, `ms,`, `bytes`): what follows the unit ('' for nothing), else null. */
function unitRest(t: string): string | null {
  // Most tokens after a number are no unit: rule them out by length and first letter before slicing.
  const c0 = t.charCodeAt(0);
  if (t.length > 8 || !(c0 < 256 && UNIT_FIRST[c0])) return null;
  let e = t.length;
  while (e > 0 && ',;)]}.'.includes(t[e - 1])) e--;
  if (e === 0 || e > 5) return null;
  if (e === t.length) return UNITS.has(t) ? '' : null;
  return UNITS.has(t.slice(0, e)) ? t.slice(e) : null;
}

/** `<*> bytes`: a number's wildcard and the unit spelled out after it. */
function spelledQuantity(unit: string): string {
  return `${WILD} ${unit}`;
}

/** `(` then a digit or sign: a token whose masked form `(<*>` opens a parenthesised number. */
function opensNumber(s: string, start: number): boolean {
  const c = s.charCodeAt(start + 1);
  return s.charCodeAt(start) === 40 && ((c >= 48 && c <= 57) || c === 45 || c === 43);
}

/**
 * When `token` closes the `(<*>` that ends `tokens` with a unit and `)`
 * (`KB)`): after a quantity (at `quantityAt`, just before) the bracket
 * restates it and joins it (`1190 bytes (1.16 KB)` is one `<*> bytes (<*>)`,
 * `5 MB (5.2 KB)` one `<*>`, so lines with and without it keep one token
 * count, so one template); alone it is `(<*>)`. Returns −1 when the token
 * does not close it, else 1 when the last token is now a bare `<*>`, else 0.
 */
function closeRestatement(tokens: string[], token: string, quantityAt: number): number {
  const unit = unitRest(token);
  if (unit === null || unit.charCodeAt(0) !== 41) return -1;
  const k = tokens.length - 1;
  if (quantityAt !== k - 1) {
    tokens[k] += unit;
    return 0;
  }
  const rest = unit.slice(1);
  tokens.length = k;
  if (tokens[k - 1] !== WILD) tokens[k - 1] += ` (${WILD})${rest}`;
  else if (rest !== '') tokens[k - 1] = WILD + rest;
  return tokens[k - 1] === WILD ? 1 : 0;
}

/**
 * A tokenizer applying the given built-in masks (by name) and custom masks.
 * Custom masks run first, on the whole message, in order.
 */
export function createTokenizer(masks: readonly string[], customMasks: readonly CustomMask[] = []): Tokenizer {
  const on = {} as MaskFlags;
  for (const m of BUILTIN_MASKS) on[m] = masks.includes(m);
  const custom = customMasks.map((m, i) => ({ re: LinearRegex.compile(m.pattern, `parse.templates.customMasks[${i}].pattern`), replacement: m.replacement ?? WILD }));
  const builder = new TokenBuilder();
  const anyMask = BUILTIN_MASKS.some((m) => on[m]);
  return (message: string, into?: string[]): string[] => {
    let s = message;
    for (const { re, replacement } of custom) s = re.replaceAll(s, replacement);
    const tokens = into ?? [];
    tokens.length = 0;
    const n = s.length;
    let i = 0;
    let prevWild = false;
    /** Whether the last token is a wildcard for a number (it may take a unit). */
    let prevNumber = false;
    /** Index of the last token if it is a bare wildcard for a quantity (a number, with its unit), else −1. */
    let quantityAt = -1;
    /** Whether the last token is `(<*>` for `(` and a number (a unit and `)` may close it). */
    let parenNumber = false;
    while (i < n) {
      while (i < n && s.charCodeAt(i) <= 32) i++;
      if (i >= n) break;
      const start = i;
      // Plain tokens (no trigger character, boolean or 8-letter hex run) need no masking.
      let flags = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c <= 32) break;
        flags |= c < 128 ? SCAN[c] : OTHER;
        if (c === 34 && i > start && (s.charCodeAt(i - 1) === 61 || s.charCodeAt(i - 1) === 58)) {
          // key="quoted value", spaces included, is one token.
          const close = s.indexOf('"', i + 1);
          if (close > i && close - i <= MAX_QUOTED) {
            for (let k = i + 1; k < close; k++) flags |= SCAN[s.charCodeAt(k)] ?? OTHER;
            flags |= TRIGGER;
            i = close;
          }
        }
      }
      const plain = !(flags & TRIGGER) && (!(flags & LETTER) || i - start < 4 || !needsMask(s, start, i));
      const digitsOnly = flags === (TRIGGER | DIGIT);
      const slashes = (flags & SLASH) !== 0;
      let token = plain || !anyMask ? s.slice(start, i)
        : digitsOnly && on.number ? WILD // the commonest variable, without the piece scan
          : maskToken(s, start, i, on, builder, slashes);
      if (parenNumber) {
        // Rare (`(1.16 KB)`): kept out of line so this loop stays small enough to optimise well.
        parenNumber = false;
        const joined = on.number ? closeRestatement(tokens, token, quantityAt) : -1;
        if (joined >= 0) {
          prevWild = joined === 1;
          prevNumber = false;
          quantityAt = -1;
          continue;
        }
      }
      if (prevWild && token !== WILD) {
        // A unit or date word after a number joins it: `5.2 KB,` → `<*>,`; `3 Jul` → `<*>`.
        const unit = prevNumber && on.number ? unitRest(token) : null;
        if (unit !== null) {
          if (token.charCodeAt(0) === 98) {
            // A unit spelled out (`2087 bytes`) stays in the token, `<*> bytes`: it reads as part of the
            // event's text (Loghub's templates keep it), where `KB`, `ms` go with the value.
            tokens[tokens.length - 1] = spelledQuantity(token);
            prevWild = false;
            if (unit !== '') quantityAt = -1;
            continue;
          }
          if (unit === '') continue;
          tokens[tokens.length - 1] = WILD + unit;
          prevWild = false;
          quantityAt = -1;
          continue;
        }
        if (on.time && isDateWord(token, MONTHS)) continue;
      }
      if (on.time && token === WILD) {
        // `Sun Jul 3 …`: a month, and the weekday before it, join the number after it.
        let k = tokens.length;
        if (k > 0 && isDateWord(tokens[k - 1], MONTHS)) {
          k--;
          if (k > 0 && isDateWord(tokens[k - 1], WEEKDAYS)) k--;
          tokens.length = k;
          prevWild = k > 0 && tokens[k - 1] === WILD;
        }
      }
      const wild = token === WILD;
      const c0 = s.charCodeAt(start);
      // A number, signed or bounded (`-3`, `<1`).
      prevNumber = wild && ((c0 >= 48 && c0 <= 57) || c0 === 45 || c0 === 43 || c0 === 60 || c0 === 62);
      if (wild && prevWild) {
        // Fused into the wildcard before: a number keeps the run a quantity a restatement may join.
        if (prevNumber) quantityAt = tokens.length - 1;
        continue;
      }
      prevWild = wild;
      tokens.push(token);
      parenNumber = s.charCodeAt(start) === 40 && token === PAREN_WILD && opensNumber(s, start);
      // `(<*>` keeps the quantity before it, which a restatement may join.
      if (!parenNumber) quantityAt = prevNumber ? tokens.length - 1 : -1;
    }
    return tokens;
  };
}
