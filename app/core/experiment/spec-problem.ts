import { FieldError } from '../field-error.ts';

/**
 * What is wrong with a spec file, as the page and `law` both say it: the
 * file, then the field and what is wrong with it
 * (`spec.json: threshold.value: contamination 2 is outside 0–1`), or
 * `not valid JSON (…)` for text `JSON.parse` refused.
 *
 * @param file the spec file's name or path, as the user knows it
 * @param e what reading or validating the spec threw
 */
export function describeSpecProblem(file: string, e: unknown): string {
  if (e instanceof FieldError) return `${file}: ${e.field}: ${e.detail}`;
  if (e instanceof SyntaxError) return `${file}: not valid JSON (${e.message})`;
  return `${file}: ${e instanceof Error ? e.message : String(e)}`;
}
