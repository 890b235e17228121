/** `key=value` pairs in a message, e.g. `status=200 latency_ms=35 user="a b"`. */
const PAIR = /(?:^|[\s,;(\[{])([A-Za-z_][\w.\-]*)=("[^"]*"|'[^']*'|[^\s,;)\]}]+)/g;

/** The key=value pairs of a message; quotes around values are removed. */
export function keyValues(message: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (message.indexOf('=') < 0) return out;
  PAIR.lastIndex = 0;
  for (let m = PAIR.exec(message); m; m = PAIR.exec(message)) {
    const v = m[2];
    out[m[1]] = v.length >= 2 && (v[0] === '"' || v[0] === "'") ? v.slice(1, -1) : v;
  }
  return out;
}
