import { describe, expect, it } from 'vitest';
import { StringIds } from '../../../app/core/features/string-ids.ts';

describe('StringIds', () => {
  it('numbers strings in the order they first come, the same string keeping its number', () => {
    const ids = new StringIds();
    expect(['b', 'a', 'b', '', 'a'].map((s) => ids.id(s))).toEqual([0, 1, 0, 2, 1]);
    expect(ids.names).toEqual(['b', 'a', '']);
    expect(ids.size).toBe(3);
  });

  it('takes "__proto__" and other Object keys as plain strings', () => {
    const ids = new StringIds();
    expect([ids.id('__proto__'), ids.id('constructor'), ids.id('__proto__')]).toEqual([0, 1, 0]);
  });
});
