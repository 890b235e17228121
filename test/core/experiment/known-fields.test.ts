import { describe, expect, it } from 'vitest';
import { checkKnownFields, editDistance, fieldPath, nearestName, unknownFieldDetail } from '../../../app/core/experiment/known-fields.ts';
import { FieldError } from '../../../app/core/field-error.ts';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect(editDistance('threshold', 'threshold')).toBe(0);
    expect(editDistance('threshhold', 'threshold')).toBe(1); // insertion
    expect(editDistance('tres', 'trees')).toBe(1); // deletion
    expect(editDistance('unti', 'unit')).toBe(1); // swap
    expect(editDistance('scalimg', 'scaling')).toBe(1); // substitution
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('ca', 'abc')).toBe(3); // optimal string alignment: no edit of a swapped pair
  });
});

describe('nearestName', () => {
  const top = ['version', 'name', 'source', 'labels', 'parse', 'features', 'split', 'detectors', 'threshold', 'review', 'results', 'fitted', 'deploy'];
  it('finds the name a typo was meant as', () => {
    expect(nearestName('threshhold', top)).toBe('threshold');
    expect(nearestName('detector', top)).toBe('detectors');
    expect(nearestName('Features', top)).toBe('features');
    expect(nearestName('lables', top)).toBe('labels');
    expect(nearestName('unti', ['unit', 'columns', 'scaling'])).toBe('unit');
  });
  it('takes a known name a short form begins', () => {
    expect(nearestName('replace', ['pattern', 'replacement'])).toBe('replacement');
    expect(nearestName('thresh', top)).toBe('threshold');
  });
  it('gives nothing when no name is that close', () => {
    expect(nearestName('comment', top)).toBeUndefined();
    expect(nearestName('x', ['k'])).toBeUndefined();
    expect(nearestName('ab', ['xy'])).toBeUndefined();
    expect(nearestName('tr', ['trees'])).toBeUndefined();
    expect(nearestName('a'.repeat(100_000), top)).toBeUndefined();
  });
  it('prefers the fewest edits, then the longest shared beginning, then the first known', () => {
    expect(nearestName('sed', ['seed', 'set'])).toBe('seed');
    expect(nearestName('dat', ['at', 'version', 'data'])).toBe('data');
    expect(nearestName('ab', ['ax', 'ay'])).toBe('ax');
    expect(nearestName('tres', ['trees', 'tree'])).toBe('trees');
  });
});

describe('unknownFieldDetail and fieldPath', () => {
  it('suggests the nearest name, else lists the known ones', () => {
    expect(unknownFieldDetail('threshhold', ['run', 'threshold'])).toBe('unknown field (did you mean threshold?)');
    expect(unknownFieldDetail('comment', ['run', 'method'])).toBe('unknown field (known: run, method)');
  });
  it('writes paths as spec errors do', () => {
    expect(fieldPath('', 'threshhold')).toBe('threshhold');
    expect(fieldPath('features', 'unti')).toBe('features.unti');
    expect(fieldPath('detectors[0].params', 'tres')).toBe('detectors[0].params.tres');
    expect(fieldPath('deploy', 'a b')).toBe('deploy["a b"]');
    expect(fieldPath('', 'a.b')).toBe('["a.b"]');
    expect(fieldPath('x', 'k'.repeat(100))).toBe(`x.${'k'.repeat(60)}…`);
  });
});

describe('checkKnownFields', () => {
  it('passes known fields and fields left undefined', () => {
    expect(() => checkKnownFields({ run: 'if', value: undefined, extra: undefined }, 'threshold', ['run', 'value'])).not.toThrow();
  });
  it('throws a FieldError naming the path of the first unknown field', () => {
    let e: unknown;
    try {
      checkKnownFields({ run: 'if', vaule: 1 }, 'threshold', ['run', 'method', 'value']);
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(FieldError);
    expect((e as FieldError).field).toBe('threshold.vaule');
    expect((e as FieldError).message).toBe('threshold.vaule: unknown field (did you mean value?)');
  });
  it('takes prototype names for the own fields they are', () => {
    const o = JSON.parse('{"__proto__": 1, "run": "if"}');
    expect(() => checkKnownFields(o, 'threshold', ['run'])).toThrow('threshold.__proto__: unknown field (known: run)');
    expect(() => checkKnownFields({ constructor: 1 }, '', ['run'])).toThrow('constructor: unknown field (known: run)');
    expect(() => checkKnownFields({ run: 1 }, '', ['run', 'toString'])).not.toThrow();
    // A name Object.prototype has is still not known unless listed.
    expect(() => checkKnownFields({ toString: 1 }, '', ['run'])).toThrow('toString: unknown field (known: run)');
  });
});
