import { describe, it, expect } from 'vitest';
import { isLogfmtLine, parseLogfmt } from '../../../app/core/ingest/logfmt-reader.ts';
import { eachChunkSize, fixture, ms } from './chunked.ts';

describe('parseLogfmt', () => {
  it('reads bare and quoted values, with escapes', () => {
    expect(parseLogfmt('a=1 b="two words" c="say \\"hi\\"\\n" d= e=x=y')).toEqual({
      pairs: { a: '1', b: 'two words', c: 'say "hi"\n', d: '', e: 'x=y' },
      pairCount: 5,
      otherCount: 0,
    });
  });

  it('counts bare words and drops them', () => {
    expect(parseLogfmt('level=info started "the thing" id=7')).toEqual({ pairs: { level: 'info', id: '7' }, pairCount: 2, otherCount: 2 });
  });

  it('keeps what an unclosed quote holds', () => {
    expect(parseLogfmt('a=1 msg="never closed').pairs).toEqual({ a: '1', msg: 'never closed' });
  });

  it('does not take "1,a=b" or "=x" for pairs', () => {
    expect(parseLogfmt('1,a=b =x').pairCount).toBe(0);
  });
});

describe('isLogfmtLine', () => {
  it('needs two pairs and four tokens in five to be pairs', () => {
    expect(isLogfmtLine('a=1 b=2')).toBe(true);
    expect(isLogfmtLine('a=1')).toBe(false);
    expect(isLogfmtLine('2026-03-02 INFO user=bob action=login')).toBe(false);
    expect(isLogfmtLine('t=1 l=info m=x y=2 oops')).toBe(true);
    expect(isLogfmtLine('plain text line')).toBe(false);
  });
});

describe('readLogs: logfmt', () => {
  eachChunkSize('fields from pairs, message from msg/message, time from ts', [['app.logfmt', fixture('app.logfmt')]], (d) => {
    expect(d.files[0]).toMatchObject({ format: 'logfmt', reason: '4 of the first 4 lines are key=value pairs (logfmt)', rows: 4 });
    expect(d.line).toEqual([1, 2, 3, 5]);
    expect(d.messageField).toEqual(['msg']);
    // The third line has neither msg nor message: its message is the line.
    expect(d.message).toEqual(['connection accepted', 'slow "handshake" = 900 ms', d.raw[2], 'café ✓']);
    expect(d.timestamp).toEqual([ms('2026-03-02T10:00:00Z'), ms('2026-03-02T10:00:01.250Z'), ms('2026-03-02T10:00:02Z'), ms('2026-03-02T10:00:03Z')]);
    expect(d.fields.level).toEqual({ type: 'string', values: ['info', 'warn', 'error', 'info'] });
    expect(d.fields.src_ip).toEqual({ type: 'string', values: ['10.0.0.1', '10.0.0.3', '10.0.0.1', '10.0.0.4'] });
    expect(d.fields.bytes).toEqual({ type: 'number', values: [512, 0, 77, 1024] });
    expect(d.fields.err).toEqual({ type: 'string', values: [null, null, 'timeout', null] });
    expect(d.warnings).toEqual([]);
  });

  const mixed = 'a=1 b=2 msg=one\njust some words\na=3 b=4 msg=two\n';
  eachChunkSize('a line that is not pairs is kept as text, with a warning naming it', [['m.log', mixed]], (d) => {
    expect(d.files[0]).toMatchObject({ format: 'logfmt', reason: 'chosen by you' });
    expect(d.message).toEqual(['one', 'just some words', 'two']);
    expect(d.fields.a.values).toEqual([1, NaN, 3]);
    expect(d.warnings).toEqual([{ code: 'logfmt-not-pairs', message: 'm.log, line 2: not key=value pairs; kept as a text line', count: 1, lines: [2] }]);
  }, { format: 'logfmt' });
});
