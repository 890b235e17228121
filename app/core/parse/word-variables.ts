/**
 * Finds variables that are words. The similarity rules out merging two
 * templates over different words (`Started`/`Stopped`), and short templates
 * rarely reach the threshold, so a variable such as a service or class name
 * (`removing chargen`, `removing daytime`, …) first yields one template per
 * value. Once `WORD_VARIABLE_MIN` templates of the same length are equal but
 * for one common position, that position is taken for a variable and the
 * templates merge (`WORD_VARIABLE_MIN_AFTER_USER` after the word `user`).
 * The position is never the first token (like Drain's tree, take leading
 * words for the event's constants), and the templates need one more
 * constant token besides it.
 *
 * Candidates are found through a hash per (template, position) of all the
 * other tokens, so a check costs O(tokens) plus the candidates it finds, not
 * O(templates).
 */
import type { Cluster } from './prefix-tree.ts';
import { WILDCARD } from './token-masks.ts';

/**
 * Distinct values at one position, in otherwise equal templates, that make
 * the position a variable. Four-valued enums (`VM Started/Paused/
 * Resumed/Stopped`) stay constants; five and more values become `<*>`.
 */
export const WORD_VARIABLE_MIN = 5;

/**
 * Distinct values that make the position after the word `user` a variable:
 * what follows it is a user name (`session opened for user cyrus`,
 * `… for user news`, `… for user test`), as Loghub-2.0's rules take `root`
 * and `admin` for user names. Two would merge `user login` with `user
 * logout`; three or more such verbs after `user` with all else equal are rare.
 */
export const WORD_VARIABLE_MIN_AFTER_USER = 3;

/** The words after which {@link WORD_VARIABLE_MIN_AFTER_USER} applies, lower-cased. */
const USER_WORDS = new Set(['user', 'user:']);

/**
 * Templates longer than this, in tokens, take no part: their per-position
 * keys cost O(tokens) map entries each (a 1 MB line of words made half a
 * million), and templates that long that agree on every token but one are
 * not what word variables are for.
 */
export const WORD_VARIABLE_MAX_TOKENS = 512;

/** 32-bit FNV-1a of a string. */
function hashToken(t: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < t.length; i++) h = Math.imul(h ^ t.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const mix = (h: number, v: number): number => {
  h = Math.imul(h ^ v, 0x9e3779b1);
  return (h ^ (h >>> 15)) >>> 0;
};

/** Keys of a template: one per constant position but the first, hashing every other token and the position. */
function keysOf(tokens: readonly string[]): { position: number; key: number }[] {
  const n = tokens.length;
  if (n > WORD_VARIABLE_MAX_TOKENS) return [];
  let constants = 0;
  for (const t of tokens) if (t !== WILDCARD) constants++;
  if (constants < 2) return [];
  const h = tokens.map(hashToken);
  const suffix = new Array<number>(n + 1);
  suffix[n] = 0x2545f491 ^ n;
  for (let i = n - 1; i >= 0; i--) suffix[i] = mix(suffix[i + 1], h[i]);
  const keys: { position: number; key: number }[] = [];
  let prefix = 0x7f4a7c15 ^ n;
  for (let p = 0; p < n; p++) {
    if (p > 0 && tokens[p] !== WILDCARD) keys.push({ position: p, key: mix(mix(prefix, suffix[p + 1]), p) });
    prefix = mix(prefix, h[p]);
  }
  return keys;
}

/** A group of templates that differ only at `position`. */
export interface WordVariableGroup {
  position: number;
  members: Cluster[];
}

/** The index of live templates by their per-position keys. */
export class WordVariableIndex {
  private readonly buckets = new Map<number, Cluster[]>();
  private readonly keys = new Map<Cluster, number[]>();

  /** Indexes a template (call again after its tokens change, after `remove`). */
  add(c: Cluster): void {
    const ks = keysOf(c.tokens).map((k) => k.key);
    this.keys.set(c, ks);
    for (const k of ks) {
      const b = this.buckets.get(k);
      if (b) b.push(c);
      else this.buckets.set(k, [c]);
    }
  }

  /** Forgets a template. */
  remove(c: Cluster): void {
    const ks = this.keys.get(c);
    if (!ks) return;
    this.keys.delete(c);
    for (const k of ks) {
      const b = this.buckets.get(k)!;
      const i = b.indexOf(c);
      if (i >= 0) b.splice(i, 1);
      if (b.length === 0) this.buckets.delete(k);
    }
  }

  /** A group of at least `WORD_VARIABLE_MIN` templates, `c` among them, that differ only at one position, or null. */
  groupOf(c: Cluster): WordVariableGroup | null {
    for (const { position, key } of keysOf(c.tokens)) {
      const bucket = this.buckets.get(key);
      const min = USER_WORDS.has(c.tokens[position - 1].toLowerCase()) ? WORD_VARIABLE_MIN_AFTER_USER : WORD_VARIABLE_MIN;
      if (!bucket || bucket.length < min) continue;
      const members = bucket.filter((o) => o === c || sameBut(o.tokens, c.tokens, position));
      if (members.length >= min && members.includes(c)) return { position, members };
    }
    return null;
  }
}

/** Whether two token lists are equal except at position p, which is not a wildcard. */
function sameBut(a: readonly string[], b: readonly string[], p: number): boolean {
  if (a.length !== b.length || a[p] === WILDCARD) return false;
  for (let i = 0; i < a.length; i++) if (i !== p && a[i] !== b[i]) return false;
  return true;
}
