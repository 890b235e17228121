import { describe, expect, it } from 'vitest';
import { FieldError } from '../../app/core/field-error.ts';

describe('FieldError', () => {
  it('reads "field: detail" and keeps both, and the cause', () => {
    const cause = new SyntaxError('bad');
    const e = new FieldError('detectors[0].params.trees', '1000000000 is above the limit 10000', { cause });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('FieldError');
    expect(e.message).toBe('detectors[0].params.trees: 1000000000 is above the limit 10000');
    expect([e.field, e.detail, e.cause]).toEqual(['detectors[0].params.trees', '1000000000 is above the limit 10000', cause]);
    expect(new FieldError('version', 'x').cause).toBeUndefined();
  });
});
