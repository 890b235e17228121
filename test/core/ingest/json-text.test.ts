import { describe, it, expect } from 'vitest';
import { jsonText } from '../../../app/core/ingest/json-text.ts';

const DEPTH = 100_000;
const deepObject = (depth: number, inner = '1') => '{"a":'.repeat(depth) + inner + '}'.repeat(depth);

describe('jsonText', () => {
  it('writes what JSON.stringify writes', () => {
    const values: unknown[] = [
      1, -0, 1.5e300, NaN, Infinity, 'a"b\\c\n\u2028', true, false, null, undefined, () => 1,
      [], {}, [1, undefined, () => 1, Symbol('s'), [[]]], { a: undefined, b: () => 1, c: [1, { d: null }], 2: 'two', 1: 'one' },
      JSON.parse('{"__proto__":{"constructor":1},"toString":"t"}'), { when: new Date(0), nested: { toJSON: () => ({ x: 1 }) } },
      Object.assign(Object.create(null), { a: 1 }), new String('boxed'), [new Number(3)],
    ];
    for (const v of values) expect(jsonText(v)).toBe(JSON.stringify(v));
  });

  it('writes a value 100 000 levels deep (JSON.stringify runs out of stack)', () => {
    const text = deepObject(DEPTH, '[1,{"b":"x"},[]]');
    const value = JSON.parse(text);
    expect(() => JSON.stringify(value)).toThrow(RangeError);
    expect(jsonText(value)).toBe(text);
  });

  it('refuses a cycle and a bigint, as JSON.stringify does', () => {
    const cycle: Record<string, unknown> = { a: [1] };
    (cycle.a as unknown[]).push(cycle);
    expect(() => jsonText(cycle)).toThrow('Converting circular structure to JSON');
    expect(() => jsonText({ n: 1n })).toThrow(TypeError);
  });
});

