import { describe, it, expect } from 'vitest';
import { LineParser, parseLines, type ParsedLines } from '../../../app/core/parse/line-fields.ts';
import type { LogData } from '../../../app/core/ingest/log-data.ts';

/** Plain-text rows with these messages. */
function emptyLines(messages: string[]): LogData {
  const n = messages.length;
  return {
    files: [{ name: 'x.log', format: 'text', reason: 'test', bytes: 0, rows: n }], file: new Int32Array(n), line: Int32Array.from(messages, (_, i) => i + 1),
    raw: messages, message: messages, timestamp: new Float64Array(n).fill(NaN), fields: Object.create(null), messageField: [null], warnings: [],
  };
}
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import { applyLabels } from '../../../app/core/ingest/apply-labels.ts';

const load = (name: string, text: string) => readLogs([sourceFromText(name, text)]);
const arr = (a: ArrayLike<number>) => Array.from(a);

describe('parseLines', () => {
  it('parses level, status, latency, length, tokens and templates per row', async () => {
    const d = await load('a.log', [
      'INFO GET /api/orders/1 status=200 latency_ms=35 items=3',
      'GET /api/orders/22 status=500 took 120 ms',
      'boot done',
      'ERROR disk full free=0 items=x',
      'INFO GET /api/orders/7 status=200 latency_ms=9 items=4',
    ].join('\n'));
    const p = parseLines(d);
    expect(arr(p.level)).toEqual([2, NaN, NaN, 4, 2]);
    expect(arr(p.status)).toEqual([200, 500, NaN, NaN, 200]);
    expect(arr(p.latency)).toEqual([35, 120, NaN, NaN, 9]);
    expect(arr(p.length)).toEqual([55, 41, 9, 30, 54]);
    expect(arr(p.tokens)).toEqual([6, 6, 2, 5, 6]);
    expect(arr(p.templateId)).toEqual([0, 1, 2, 3, 0]);
    expect(p.templates).toEqual([
      'INFO GET <*> status=<*> latency_ms=<*> items=<*>',
      'GET <*> status=<*> took <*>',
      'boot done',
      'ERROR disk full free=<*> items=x',
    ]);
    expect(p.templateCounts).toEqual([2, 1, 1, 1]);
    // Numbers from key=value pairs; "items" is dropped because one row has items=x.
    expect(Object.keys(p.numbers).sort()).toEqual(['free', 'latency_ms', 'status']);
    expect(arr(p.numbers.status)).toEqual([200, 500, NaN, NaN, 200]);
    expect(arr(p.numbers.latency_ms)).toEqual([35, NaN, NaN, NaN, 9]);
    expect(arr(p.numbers.free)).toEqual([NaN, NaN, NaN, 0, NaN]);
  });

  it('uses JSON fields: the message field for text, a level field, numeric fields as numbers', async () => {
    const d = await load('a.jsonl', [
      '{"msg":"order 17 placed","level":"warn","http":{"status":201},"duration_ms":4,"user":"ann"}',
      '{"msg":"order 18 placed in 30 ms","level":"info","http":{"status":"503"},"size":"12"}',
    ].join('\n'));
    const p = parseLines(d);
    expect(arr(p.level)).toEqual([3, 2]);
    expect(arr(p.status)).toEqual([201, 503]);
    expect(arr(p.latency)).toEqual([4, 30]);
    expect(arr(p.length)).toEqual([15, 24]);
    expect(p.templates).toEqual(['order <*> placed', 'order <*> placed in <*>']);
    expect(Object.keys(p.numbers).sort()).toEqual(['duration_ms', 'http.status', 'size']);
    expect(arr(p.numbers.size)).toEqual([NaN, 12]);
  });

  it('reads the message after labels are cut, not the raw line', async () => {
    const d = await load('b.log', 'ALERT status=500 boom\n- status=200 fine\n');
    const p = parseLines(applyLabels(d, { firstToken: { normal: '-' } }).data);
    expect(p.templates).toEqual(['status=<*> boom', 'status=<*> fine']);
    expect(arr(p.length)).toEqual([15, 15]);
  });

  it('counts tokens separated by any whitespace', async () => {
    const d = await load('t.log', 'a\tb  c\n  x  \n');
    expect(arr(parseLines(d).tokens)).toEqual([3, 1]);
  });
});

describe('parseLines: key=value numbers', () => {
  it('a repeated key counts once, where it first appears, with its last value; a later non-number drops the column', () => {
    const data = emptyLines(['a=1 b=2 a=3', 'b=x c=4', 'c=5 c=6']);
    const p = parseLines(data);
    expect(Object.keys(p.numbers)).toEqual(['a', 'c']);
    expect(Array.from(p.numbers.a)).toEqual([3, NaN, NaN]);
    expect(Array.from(p.numbers.c)).toEqual([NaN, 4, 6]);
  });

  it('parsed in batches (LineParser) as in one go', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `GET /x/${i} status=${200 + (i % 3)} took_ms=${i} ${i % 50 === 0 ? `late=${i}` : ''} ${i === 250 ? 'b=oops' : `b=${i}`}`);
    const whole = parseLines(emptyLines(lines));
    const parser = new LineParser();
    for (let at = 0; at < lines.length; at += 70) parser.push(emptyLines(lines.slice(at, at + 70)));
    const batched = parser.finish();
    const plain = (p: ParsedLines) => ({ ...p, numbers: Object.fromEntries(Object.entries(p.numbers).map(([k, v]) => [k, Array.from(v)])) });
    expect(plain(batched)).toEqual(plain(whole));
    expect(Object.keys(whole.numbers)).toEqual(['status', 'took_ms', 'late']);
    // The counts kept beside the sparse columns are the rows with a value.
    for (const key of Object.keys(whole.numbers)) expect(whole.numberRows![key]).toBe(whole.numbers[key].filter((v) => !Number.isNaN(v)).length);
    expect(whole.numberRows!.late).toBe(6);
  });
});
