import { describe, it, expect } from 'vitest';
import { keyValues } from '../../../app/core/parse/key-values.ts';

describe('keyValues', () => {
  it('reads several pairs, quoted values without their quotes', () => {
    expect(keyValues('GET /a status=200 latency_ms=35 user="ann b" note=\'x y\' empty=""')).toEqual({
      status: '200', latency_ms: '35', user: 'ann b', note: 'x y', empty: '',
    });
  });

  it('reads pairs after punctuation and stops values at separators', () => {
    expect(keyValues('done (code=7), [http.status=503]; {k-1=v};a=1,b=2')).toEqual({
      code: '7', 'http.status': '503', 'k-1': 'v', a: '1', b: '2',
    });
  });

  it('keeps everything up to a space in an unquoted value', () => {
    expect(keyValues('path=/api?x=1 url=http://h/p')).toEqual({ path: '/api?x=1', url: 'http://h/p' });
  });

  it('does not take words glued to text or comparisons for pairs', () => {
    expect(keyValues('no pairs here')).toEqual({});
    expect(keyValues('a == b')).toEqual({});
    expect(keyValues('x1=2')).toEqual({ x1: '2' });
    expect(keyValues('1a=2 foo:bar=3')).toEqual({});
  });

  it('the last of a repeated key wins', () => {
    expect(keyValues('k=1 k=2')).toEqual({ k: '2' });
  });

  it('gives the same answer when called again (no state left in the pattern)', () => {
    const m = 'a=1 b=2';
    expect(keyValues(m)).toEqual(keyValues(m));
    expect(keyValues('c=3')).toEqual({ c: '3' });
  });
});
