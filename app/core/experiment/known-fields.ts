/**
 * Unknown spec fields, refused with their path and the nearest known name:
 * a typo such as `threshhold` must not silently fall back to a default.
 */
import { FieldError } from '../field-error.ts';

/** Keys shown in a message are cut to this many characters (a key can be as long as the file). */
const SHOWN_KEY = 60;

/**
 * Edit distance between two strings: insertions, deletions, substitutions
 * and swaps of two neighbouring characters each cost 1 (optimal string
 * alignment), so `unti` is 1 from `unit`.
 * @returns the number of edits
 */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let before = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let row = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    row[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row[j] = d;
    }
    [before, prev, row] = [prev, row, before];
  }
  return prev[n];
}

/** Edits a typo of a name this long may have: 1 up to 4 characters, 2 up to 8, else 3. */
function allowedEdits(length: number): number {
  return length <= 4 ? 1 : length <= 8 ? 2 : 3;
}

/**
 * The known name a typed name is most likely a typo of: the nearest by
 * {@link editDistance}, case aside, when it is within 1 edit (names of up to
 * 4 characters), 2 (up to 8) or 3 (longer), and fewer edits than the name
 * has characters; else the first known name the typed one (3 characters or
 * more) begins (`replace` → `replacement`). Of names as near, the one
 * that shares the longest beginning wins (`dat` → `data`, not `at`), then the
 * first in `known`.
 * @returns the known name, or undefined when none is that close
 */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const limit = allowedEdits(name.length);
  let best: string | undefined;
  let bestDistance = Infinity;
  let bestPrefix = -1;
  for (const candidate of known) {
    if (Math.abs(candidate.length - name.length) > limit) continue;
    const other = candidate.toLowerCase();
    const d = editDistance(lower, other);
    if (!(d <= limit && d < Math.max(name.length, candidate.length)) || d > bestDistance) continue;
    const prefix = commonPrefix(lower, other);
    if (d < bestDistance || prefix > bestPrefix) {
      best = candidate;
      bestDistance = d;
      bestPrefix = prefix;
    }
  }
  if (best === undefined && name.length >= 3) best = known.find((candidate) => candidate.toLowerCase().startsWith(lower));
  return best;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * What a spec error says of an unknown field: `unknown field (did you mean
 * threshold?)` when a known name is close ({@link nearestName}), else
 * `unknown field (known: a, b, c)`.
 */
export function unknownFieldDetail(name: string, known: readonly string[]): string {
  const near = nearestName(name, known);
  return near !== undefined ? `unknown field (did you mean ${near}?)` : `unknown field (known: ${known.join(', ')})`;
}

/**
 * The path of field `key` of the object at `at`, as spec errors write it:
 * `threshold` (at the top, `at` = ''), `features.unit`, `x["a b"]` for a key
 * that is not a plain name; a very long key is cut.
 */
export function fieldPath(at: string, key: string): string {
  const shown = key.length > SHOWN_KEY ? `${key.slice(0, SHOWN_KEY)}…` : key;
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return at === '' ? shown : `${at}.${shown}`;
  return `${at}[${JSON.stringify(shown)}]`;
}

/**
 * Refuses the first own field of `o` that is not in `known`, naming its path
 * and the nearest known name. A field whose value is `undefined` counts as
 * absent, as it would be in JSON.
 * @param at the path of `o` ('' for the spec itself)
 * @throws FieldError `<path>: unknown field (did you mean …?)`
 */
export function checkKnownFields(o: Record<string, unknown>, at: string, known: readonly string[]): void {
  for (const key of Object.keys(o)) {
    if (o[key] === undefined || known.includes(key)) continue;
    throw new FieldError(fieldPath(at, key), unknownFieldDetail(key, known));
  }
}

/** `K` when it lists every key of `T` and nothing else; `never` otherwise. */
type EveryKey<T, K extends readonly PropertyKey[]> = [Exclude<keyof T, K[number]>] extends [never]
  ? [Exclude<K[number], keyof T>] extends [never] ? K : never
  : never;

/**
 * The field names of an interface, checked at compile time to be all of
 * them: `fieldsOf<Spec>()(['version', …])` fails to type-check when `Spec`
 * gains a field the list lacks, so the parser's known names cannot drift
 * from the types.
 */
export function fieldsOf<T>() {
  return <const K extends readonly (keyof T & string)[]>(keys: K & EveryKey<T, K>): readonly string[] => keys;
}
