import { describe, expect, it } from 'vitest';
import { LinearRegex } from '../../app/core/linear-regex.ts';

describe('LinearRegex', () => {
  it('finds every match with its first group, as RegExp would', () => {
    const re = LinearRegex.compile('blk_(-?\\d+)', 'sessions.pattern');
    expect([...re.matchAll('x blk_-123 y blk_4')].map((m) => [m.text, m.group1, m.index, m.end])).toEqual([
      ['blk_-123', '-123', 2, 10],
      ['blk_4', '4', 13, 18],
    ]);
    expect(LinearRegex.compile('(b)?c', 'f').first('ac')?.group1).toBeNull();
    expect(LinearRegex.compile('\\d+', 'f').first('none')).toBeNull();
  });

  it('replaces literally: a `$1` in the replacement stays `$1`', () => {
    const re = LinearRegex.compile('user (\\w+)', 'f');
    expect(re.replaceAll('user ann and user bob', '<$1>')).toBe('<$1> and <$1>');
  });

  it('reads JavaScript syntax: named groups, \\u escapes, classes', () => {
    expect(LinearRegex.compile('(?<id>\\d+)', 'f').first('a 42')?.group1).toBe('42');
    expect(LinearRegex.compile('\\u0041+', 'f').first('xAAy')?.text).toBe('AA');
    expect(LinearRegex.compile('[^\\]]+', 'f').first(']ab]')?.text).toBe('ab');
  });

  it('refuses what a linear-time engine cannot run, naming the field', () => {
    expect(() => LinearRegex.compile('(?=a)b', 'labels.join.key')).toThrow(/^labels\.join\.key: "\(\?=a\)b" cannot be used .*no lookahead, lookbehind or backreferences/);
    expect(() => LinearRegex.compile('(a)\\1', 'sessions.pattern')).toThrow(/^sessions\.pattern: .*backreferences/);
    expect(() => LinearRegex.compile('a{5000}', 'f')).toThrow(/^f: .*invalid repeat count/);
    expect(() => LinearRegex.compile('(', 'f')).toThrow(/^f: "\(" cannot be used \(missing closing \)/);
    expect(() => LinearRegex.compile('', 'f')).toThrow(/^f: expected a regular expression/);
  });

  it('runs a catastrophic pattern in time proportional to the text', () => {
    // `(a+)+$` against n `a`s and a `b`: RegExp takes 2^n steps (17–26 s at n = 27).
    const re = LinearRegex.compile('(a+)+$', 'f');
    const took = (n: number) => {
      const s = 'a'.repeat(n) + 'b';
      const t0 = performance.now();
      for (let r = 0; r < 5; r++) expect(re.first(s)).toBeNull();
      return performance.now() - t0;
    };
    took(1000);
    // Growth, not absolute time: 10× the text may cost at most ~10× (×4 slack for noise), never 2^n.
    const small = Math.max(took(20_000), 1);
    const large = took(200_000);
    expect(large / small).toBeLessThan(40);
  });
});
