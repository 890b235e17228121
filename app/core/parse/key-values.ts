import { ownRecord } from '../ingest/own-record.ts';

/** `key=value` pairs in a message, e.g. `status=200 latency_ms=35 user="a b"`. */
const PAIR = /(?:^|[\s,;(\[{])([A-Za-z_][\w.\-]*)=("[^"]*"|'[^']*'|[^\s,;)\]}]+)/g;

/**
 * The key=value pairs of a message; quotes around values are removed. The
 * record has no prototype: `__proto__=x` or `constructor=y` in a log line is
 * a pair like any other, and a key the line lacks is undefined.
 */
export function keyValues(message: string): Record<string, string> {
  const out = ownRecord<string>();
  if (message.indexOf('=') < 0) return out;
  PAIR.lastIndex = 0;
  for (let m = PAIR.exec(message); m; m = PAIR.exec(message)) {
    const v = m[2];
    out[m[1]] = v.length >= 2 && (v[0] === '"' || v[0] === "'") ? v.slice(1, -1) : v;
  }
  return out;
}

/**
 * `keyValues` into reused arrays, for parsing every line: keys and values in
 * order of appearance (repeats included; the last one is the pair's value),
 * without building a record per line. Returns how many pairs there are.
 */
export function keyValuePairs(message: string, keys: string[], values: string[]): number {
  if (message.indexOf('=') < 0) return 0;
  let count = 0;
  PAIR.lastIndex = 0;
  for (let m = PAIR.exec(message); m; m = PAIR.exec(message)) {
    const v = m[2];
    keys[count] = m[1];
    values[count++] = v.length >= 2 && (v[0] === '"' || v[0] === "'") ? v.slice(1, -1) : v;
  }
  return count;
}
