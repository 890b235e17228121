/**
 * Options of the Drain-style template miner, their defaults and their
 * validation. One default configuration serves every log source: the values
 * were chosen once, on twelve Loghub systems together, never per system.
 */

import { LinearRegex } from '../linear-regex.ts';

/** The built-in masks, applied to each token before mining. */
export const BUILTIN_MASKS = ['ip', 'number', 'hex', 'uuid', 'path', 'email', 'alnum', 'time', 'bool'] as const;

/**
 * One built-in mask:
 * - `ip`: IPv4 addresses, with an optional `:port` (`10.0.0.1:8080`), and
 *   lower-case host names with a port (`proxy.example.com:443`; not
 *   `sweep.c:123`, a source file and line).
 * - `number`: decimal numbers, signed, bounded or not, with decimals,
 *   exponents and dotted versions (`-3`, `<1`, `0.25`, `1e-3`, `6.1.7601`);
 *   a size or duration unit after a number joins it (`5.2 KB`, `300 ms`
 *   → `<*>`; spelled out it stays in the token, `1190 bytes` → `<*> bytes`),
 *   and so does a restatement in brackets (`1190 bytes (1.16 KB)` →
 *   `<*> bytes (<*>)`).
 * - `hex`: `0x`-prefixed hex, and hex words holding a digit and a letter
 *   (`9f4ef63`) or at least 8 hex letters.
 * - `uuid`: 8-4-4-4-12 hex UUIDs.
 * - `path`: Unix paths and URLs starting at a token or after `( [ { " ' = : ,`
 *   (`/var/log/x`, `http://h/p`), and Windows paths (`C:\Windows\x.dll`).
 * - `email`: `local@domain.tld`.
 * - `alnum`: any other word holding a decimal digit (`t761`, `blk_-42`, `10ms`),
 *   but not an identifier called as a function (`jk2_init()`).
 * - `time`: month and weekday names that lead or follow a masked number, so
 *   `Sun Jul  3 10:05:25 2005` and `3 Jul 2005` become one `<*>`.
 * - `bool`: `true`, `false` and `null` words, any case (`ret:false`).
 */
export type BuiltinMask = (typeof BUILTIN_MASKS)[number];

/** A user mask: every match of `pattern` (a JavaScript regex source) becomes `replacement`. */
export interface CustomMask {
  /** Regular expression source, compiled with the `g` flag. */
  pattern: string;
  /** Text that replaces each match; `<*>` (a wildcard) when omitted, e.g. `<user>`. */
  replacement?: string;
}

/** Options of `TemplateMiner`. */
export interface TemplateMinerOptions {
  /**
   * Minimum similarity, in [0, 1], for a message to join a template: the
   * share of its tokens equal to the template's constant tokens, where each
   * wildcard position of the template counts as half a match (a token that
   * differs from a template word by a word rules the template out).
   */
  similarity: number;
  /**
   * Depth of the prefix tree, counting the root and the leaf level: the tree
   * branches on the token count, then on the first `depth - 2` tokens. ≥ 3.
   */
  depth: number;
  /** Maximum children of an inner tree node; further tokens share the `<*>` child. ≥ 2. */
  maxChildren: number;
  /** Built-in masks to apply, by name (see `BuiltinMask`). */
  masks: string[];
  /** User masks, applied in order before the built-in ones. */
  customMasks?: CustomMask[];
}

/**
 * The defaults: the same for every log source. `similarity` 0.55 sits in
 * the middle of the range (0.45–0.65) where every Loghub-2k system keeps its
 * grouping accuracy; `depth` 4 and `maxChildren` 100 are Drain's; every
 * built-in mask is on.
 */
export const DEFAULT_MINER_OPTIONS: Readonly<TemplateMinerOptions> = Object.freeze({
  similarity: 0.55,
  depth: 4,
  maxChildren: 100,
  masks: [...BUILTIN_MASKS],
  customMasks: [],
});

/** Full, checked options from partial ones; throws an Error naming the offending field. */
export function resolveMinerOptions(options: Partial<TemplateMinerOptions> = {}): TemplateMinerOptions {
  if (options === null || typeof options !== 'object') throw new Error('TemplateMiner options: expected an object');
  const o: TemplateMinerOptions = {
    similarity: options.similarity ?? DEFAULT_MINER_OPTIONS.similarity,
    depth: options.depth ?? DEFAULT_MINER_OPTIONS.depth,
    maxChildren: options.maxChildren ?? DEFAULT_MINER_OPTIONS.maxChildren,
    masks: [...(options.masks ?? DEFAULT_MINER_OPTIONS.masks)],
    customMasks: (options.customMasks ?? []).map((m) => ({ ...m })),
  };
  if (typeof o.similarity !== 'number' || !(o.similarity >= 0 && o.similarity <= 1)) {
    throw new Error(`TemplateMiner option "similarity" must be a number in [0, 1], got ${String(o.similarity)}`);
  }
  if (!Number.isInteger(o.depth) || o.depth < 3) {
    throw new Error(`TemplateMiner option "depth" must be an integer ≥ 3, got ${String(o.depth)}`);
  }
  if (!Number.isInteger(o.maxChildren) || o.maxChildren < 2) {
    throw new Error(`TemplateMiner option "maxChildren" must be an integer ≥ 2, got ${String(o.maxChildren)}`);
  }
  if (!Array.isArray(o.masks)) throw new Error('TemplateMiner option "masks" must be an array of mask names');
  for (const m of o.masks) {
    if (!(BUILTIN_MASKS as readonly string[]).includes(m)) {
      throw new Error(`TemplateMiner option "masks" has unknown mask "${String(m)}" (known: ${BUILTIN_MASKS.join(', ')})`);
    }
  }
  if (!Array.isArray(o.customMasks)) throw new Error('TemplateMiner option "customMasks" must be an array');
  o.customMasks!.forEach((m, i) => {
    if (!m || typeof m.pattern !== 'string' || m.pattern === '') {
      throw new Error(`TemplateMiner option "customMasks[${i}].pattern" must be a non-empty regex source`);
    }
    LinearRegex.compile(m.pattern, `parse.templates.customMasks[${i}].pattern`);
    if (m.replacement !== undefined && (typeof m.replacement !== 'string' || /\s/.test(m.replacement) || m.replacement === '')) {
      throw new Error(`TemplateMiner option "customMasks[${i}].replacement" must be a non-empty string without spaces`);
    }
  });
  return o;
}
