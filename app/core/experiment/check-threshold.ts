import { THRESHOLD_METHODS } from '../evaluate/threshold-methods.ts';
import { checkKnownFields, fieldsOf } from './known-fields.ts';
import { FieldError } from '../field-error.ts';
import type { ThresholdSpec } from './spec.ts';

/** The fields `threshold` takes (`scores` in fitted specs only); anything else is refused, naming the nearest. */
export const THRESHOLD_FIELDS = fieldsOf<ThresholdSpec>()(['run', 'method', 'value', 'per', 'scores']);

/**
 * Validates a spec's `threshold` (already known to be an object) against the
 * detector ids of the spec. Errors are FieldErrors naming the field
 * (`threshold.run`, `threshold.method`, `threshold.value`, `threshold.per`).
 *
 * What `value` means, per method: `contamination` a share (0–1), `score` a
 * score (any finite number), `percentile` p (0–100), `alert-budget` alerts
 * (0 or more) per `per` (`hour` or `day`, required), `fpr` a false-positive
 * rate (0–1); `best-f1` takes no value. A field a method does not use is an
 * error rather than silently ignored, so a half-edited spec says so.
 *
 * @param t the `threshold` object as parsed from JSON
 * @param ids the spec's detector ids
 * @throws FieldError naming the field and the value it got
 */
export function checkThreshold(t: Record<string, unknown>, ids: ReadonlySet<string>): void {
  checkKnownFields(t, 'threshold', THRESHOLD_FIELDS);
  if (typeof t.run !== 'string' || !ids.has(t.run)) {
    throw new FieldError('threshold.run', `${JSON.stringify(t.run)} is not a detector id (ids: ${[...ids].join(', ')})`);
  }
  const method = t.method;
  if (!(THRESHOLD_METHODS as readonly unknown[]).includes(method)) {
    throw new FieldError('threshold.method', `${JSON.stringify(method)} is not known (known: ${THRESHOLD_METHODS.join(', ')})`);
  }
  if (method !== 'alert-budget' && t.per !== undefined) {
    throw new FieldError('threshold.per', `only alert-budget takes a period, not ${method}`);
  }
  if (method === 'best-f1') {
    if (t.value !== undefined) throw new FieldError('threshold.value', 'best-f1 takes no value (it finds the threshold on the labels)');
    return;
  }
  const value = t.value;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new FieldError('threshold.value', 'expected a number');
  switch (method) {
    case 'contamination':
      if (value < 0 || value > 1) throw new FieldError('threshold.value', `contamination ${value} is outside 0–1`);
      break;
    case 'percentile':
      if (value < 0 || value > 100) throw new FieldError('threshold.value', `percentile ${value} is outside 0–100`);
      break;
    case 'fpr':
      if (value < 0 || value > 1) throw new FieldError('threshold.value', `false-positive rate ${value} is outside 0–1`);
      break;
    case 'alert-budget':
      if (value < 0) throw new FieldError('threshold.value', `alert budget ${value} is below 0`);
      if (t.per !== 'hour' && t.per !== 'day') {
        throw new FieldError('threshold.per', `${JSON.stringify(t.per)} is not a period (known: hour, day)`);
      }
      break;
  }
}
