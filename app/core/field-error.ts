/**
 * A problem with one named field of what the user wrote: a spec field
 * (`detectors[0].params.trees`), a threshold field (`threshold.method`), a
 * pattern's field (`labels.join.key`). Validation throws it; the boundaries
 * (the page, `law`) read `field` and `detail` to say where and what, so no
 * caller has to take a message apart to find the field.
 */
export class FieldError extends Error {
  /** Where, as a path into the spec (`features.text.window`, `review.marks[2].label`). */
  readonly field: string;
  /** What is wrong, without the field (`0 is below the limit 1`). */
  readonly detail: string;

  /**
   * The message is `${field}: ${detail}`, as spec errors have always read.
   * @param options.cause the lower-level error this one explains, kept for whoever debugs it
   */
  constructor(field: string, detail: string, options?: { cause?: unknown }) {
    super(`${field}: ${detail}`, options);
    this.name = 'FieldError';
    this.field = field;
    this.detail = detail;
  }
}
