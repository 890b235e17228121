/** Milliseconds per duration unit. */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

const DURATION = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h|d)\s*$/;

/**
 * A duration as written in a spec, e.g. `"250ms"`, `"30s"`, `"5m"`, `"1h"`,
 * `"2d"` (a non-negative number, decimals allowed, and one unit).
 * A unit is required: a bare number would be ambiguous between ms and s.
 * @returns the duration in milliseconds
 * @throws when the text is not a duration, naming the value
 */
export function parseDuration(text: string): number {
  const m = typeof text === 'string' ? DURATION.exec(text) : null;
  if (!m) {
    throw new Error(`${JSON.stringify(text)} is not a duration (expected a number and a unit: ms, s, m, h or d, e.g. "5m")`);
  }
  return Number(m[1]) * UNIT_MS[m[2]];
}
