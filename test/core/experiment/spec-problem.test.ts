import { describe, expect, it } from 'vitest';
import { describeSpecProblem } from '../../../app/core/experiment/spec-problem.ts';
import { FieldError } from '../../../app/core/field-error.ts';

describe('describeSpecProblem', () => {
  it('names the file, then the field and the detail', () => {
    expect(describeSpecProblem('s.json', new FieldError('threshold.value', 'contamination 2 is outside 0–1'))).toBe('s.json: threshold.value: contamination 2 is outside 0–1');
  });
  it('says "not valid JSON" for what JSON.parse refused, with its reason', () => {
    let e: unknown;
    try {
      JSON.parse('nope');
    } catch (err) {
      e = err;
    }
    expect(describeSpecProblem('s.json', e)).toBe(`s.json: not valid JSON (${(e as Error).message})`);
  });
  it('any other error: the file and its message', () => {
    expect(describeSpecProblem('s.json', new Error('boom'))).toBe('s.json: boom');
    expect(describeSpecProblem('s.json', 'boom')).toBe('s.json: boom');
  });
});
