import type { Spec } from '../experiment/spec.ts';

/**
 * A fitted spec as JSON people can read: the spec indented as usual, the
 * feature state and each model on one line each (they are numbers by the
 * thousand, and nobody reads them).
 */
export function stringifyFitted(spec: Spec): string {
  const heavy: string[] = [];
  const text = JSON.stringify(spec, (key, value) => {
    if ((key === 'model' || key === 'state') && value !== null && typeof value === 'object') {
      heavy.push(JSON.stringify(value));
      return `\u0000${heavy.length - 1}\u0000`;
    }
    return value;
  }, 2);
  return text.replace(/"\\u0000(\d+)\\u0000"/g, (_, i: string) => heavy[Number(i)]);
}
