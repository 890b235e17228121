import { describe, it, expect } from 'vitest';
import { copyOwn, ownRecord, ownValue, setOwn } from '../../../app/core/ingest/own-record.ts';

describe('own records', () => {
  it('ownRecord: every name is an ordinary key, nothing is inherited', () => {
    const r = ownRecord<number>();
    r.__proto__ = 1;
    r.constructor = 2 as never;
    expect(Object.keys(r)).toEqual(['__proto__', 'constructor']);
    expect(r.toString).toBeUndefined();
    expect(JSON.stringify(r)).toBe('{"__proto__":1,"constructor":2}');
  });

  it('ownValue reads own keys only, also of a record that has a prototype (JSON.parse, structured clone)', () => {
    const parsed = JSON.parse('{"__proto__":"p","a":1}') as Record<string, unknown>;
    expect(ownValue(parsed, '__proto__')).toBe('p');
    expect(ownValue(parsed, 'constructor')).toBeUndefined();
    expect(ownValue(parsed, 'toString')).toBeUndefined();
    expect(ownValue(structuredClone(parsed), '__proto__')).toBe('p');
    expect(ownValue(undefined, 'a')).toBeUndefined();
  });

  it('setOwn and copyOwn keep __proto__ as a key', () => {
    const plain: Record<string, number> = {};
    setOwn(plain, '__proto__', 3);
    expect(Object.keys(plain)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    const copy = copyOwn(plain);
    expect(Object.keys(copy)).toEqual(['__proto__']);
    expect(ownValue(copy, '__proto__')).toBe(3);
  });
});
