import { describe, it, expect } from 'vitest';
import { LineSplitter, type SplitLine } from '../../../app/core/ingest/line-splitter.ts';

function split(chunks: string[], max = 1000): SplitLine[] {
  const s = new LineSplitter(max);
  const out: SplitLine[] = [];
  for (const c of chunks) s.push(c, (l) => out.push(l));
  s.end((l) => out.push(l));
  return out;
}

describe('LineSplitter', () => {
  it('splits LF and CRLF lines and numbers them, blank lines included', () => {
    expect(split(['a\r\n\nb\nc'])).toEqual([
      { number: 1, text: 'a', dropped: 0 },
      { number: 2, text: '', dropped: 0 },
      { number: 3, text: 'b', dropped: 0 },
      { number: 4, text: 'c', dropped: 0 },
    ]);
  });

  it('gives the same lines however the text is chunked, CR and LF split apart included', () => {
    const whole = split(['ab\r\ncd\r\n\r\nef']);
    expect(split(['ab\r', '\ncd', '\r\n\r', '\nef'])).toEqual(whole);
    expect(split('ab\r\ncd\r\n\r\nef'.split(''))).toEqual(whole);
  });

  it('emits no extra line after a final newline, and nothing for no input', () => {
    expect(split(['a\n']).map((l) => l.text)).toEqual(['a']);
    expect(split([])).toEqual([]);
    expect(split([''])).toEqual([]);
  });

  it('keeps a carriage return that is not at the end of a line', () => {
    expect(split(['a\rb\n']).map((l) => l.text)).toEqual(['a\rb']);
  });

  it('caps a long line and says how much it dropped, across chunks', () => {
    expect(split(['abc', 'defg', 'h\nxy'], 5)).toEqual([
      { number: 1, text: 'abcde', dropped: 3 },
      { number: 2, text: 'xy', dropped: 0 },
    ]);
  });
});
