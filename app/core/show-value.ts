/**
 * A value as error messages show it: strings quoted, the rest as they print.
 * At the bottom of core because every layer's validation names the value it
 * got (readers, features, detectors, the spec).
 */
export function showValue(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}
