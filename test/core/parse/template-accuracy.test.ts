import { describe, it, expect } from 'vitest';
import { f1 } from '../../../app/core/parse/grouping-accuracy.ts';
import { parsingAccuracy, templateF1 } from '../../../app/core/parse/template-accuracy.ts';

describe('parsingAccuracy', () => {
  it('is the share of lines whose template text is the truth, exactly', () => {
    expect(parsingAccuracy(['a <*>', 'a <*>', 'b <*>', 'b'], ['a <*>', 'a <*>', 'b <*>', 'b <*>'])).toBe(3 / 4);
    // One space or one wildcard more is a different template.
    expect(parsingAccuracy(['a  <*>', 'a <*> <*>'], ['a <*>', 'a <*>'])).toBe(0);
  });

  it('is 1 for no lines and rejects lengths that differ', () => {
    expect(parsingAccuracy([], [])).toBe(1);
    expect(() => parsingAccuracy(['a'], [])).toThrow(/parsingAccuracy: 1 predictions but 0/);
  });
});

describe('templateF1', () => {
  it('is 1 when every group has its truth template as text', () => {
    expect(templateF1(['a <*>', 'a <*>', 'b'], ['a <*>', 'a <*>', 'b'])).toBe(1);
  });

  it('needs the group right and the text right', () => {
    // 'a <*>': right group, right text. 'b c': right group, text wrong (truth 'b <*>').
    // 'd <*>': text right but it also holds a line of 'e': wrong. Truth templates: a, b, d, e.
    const predicted = ['a <*>', 'a <*>', 'b c', 'd <*>', 'd <*>'];
    const truth = ['a <*>', 'a <*>', 'b <*>', 'd <*>', 'e'];
    expect(templateF1(predicted, truth)).toBeCloseTo(f1(1 / 3, 1 / 4), 12);
  });

  it('counts the part of a split template that has its text, as the Loghub-2.0 code does', () => {
    // Truth 'a <*>' split into 'a <*>' (right text) and 'a x': the first counts.
    expect(templateF1(['a <*>', 'a x'], ['a <*>', 'a <*>'])).toBeCloseTo(f1(1 / 2, 1), 12);
  });

  it('is 0 when no template is right, 1 for no lines, and rejects lengths that differ', () => {
    expect(templateF1(['x', 'y'], ['a', 'b'])).toBe(0);
    expect(templateF1([], [])).toBe(1);
    expect(() => templateF1(['a'], ['a', 'b'])).toThrow(/templateF1: 1 predictions but 2/);
  });
});
