import { describe, it, expect } from 'vitest';
import { readLogs, sourceFromText, type LogSource } from '../../../app/core/ingest/read-logs.ts';
import { IngestError } from '../../../app/core/ingest/ingest-error.ts';
// Every case runs over several chunk sizes (chunked.ts): the result must not depend on how bytes arrive.
import { eachChunkSize, eachChunkSizeFails, plain, read } from './chunked.ts';

const TEXT_REASON = 'lines are neither JSON objects nor delimited rows under a header';

describe('readLogs: plain text', () => {
  const log = '2026-03-02T10:00:00Z INFO started\nWARN disk at 91% – café ü €\n\nERROR boom\n';
  eachChunkSize('LF', [['app.log', log]], (d) => {
    expect(d.files).toEqual([{ name: 'app.log', format: 'text', reason: TEXT_REASON, bytes: new TextEncoder().encode(log).length, rows: 3 }]);
    expect(d.file).toEqual([0, 0, 0]);
    // Blank lines are skipped but still counted, so line numbers match the file.
    expect(d.line).toEqual([1, 2, 4]);
    expect(d.raw).toEqual(['2026-03-02T10:00:00Z INFO started', 'WARN disk at 91% – café ü €', 'ERROR boom']);
    expect(d.message).toEqual(d.raw);
    expect(d.timestamp).toEqual([Date.UTC(2026, 2, 2, 10, 0, 0), NaN, NaN]);
    expect(d.fields).toEqual({});
    expect(d.messageField).toEqual([null]);
    expect(d.warnings).toEqual([]);
  });

  eachChunkSize('CRLF and no final newline', [['win.log', 'one\r\ntwo\r\n\r\nthree']], (d) => {
    expect(d.raw).toEqual(['one', 'two', 'three']);
    expect(d.line).toEqual([1, 2, 4]);
    expect(d.files[0].rows).toBe(3);
    expect(d.files[0].bytes).toBe(17);
  });

  it('reads CRLF exactly as LF', async () => {
    const lf = plain(await read([['x.log', 'a 1\nb 2\nc 3\n']], 1 << 16));
    const crlf = plain(await read([['x.log', 'a 1\r\nb 2\r\nc 3\r\n']], 1 << 16));
    expect({ ...crlf, files: [] }).toEqual({ ...lf, files: [] });
    expect(crlf.files[0].bytes - lf.files[0].bytes).toBe(3);
  });

  it('is the same with or without a final newline', async () => {
    const a = plain(await read([['x.log', 'a\nb\n']], 1 << 16));
    const b = plain(await read([['x.log', 'a\nb']], 1 << 16));
    expect(b.raw).toEqual(['a', 'b']);
    expect(b.line).toEqual(a.line);
  });
});

describe('readLogs: JSON lines', () => {
  const jsonl = [
    '{"ts":1700000000,"msg":"login ok","http":{"status":200,"req":{"ms":12}},"user":"ann"}',
    '{"time":"2026-03-02T10:00:00.5+01:00","msg":"not found","http":{"status":"404"},"tags":["a","b"]}',
    '{"timestamp":1700000000123,"msg":"bye","user":null}',
  ].join('\n') + '\n';
  eachChunkSize('nested objects, message field, timestamps', [['api.jsonl', jsonl]], (d) => {
    expect(d.files[0].format).toBe('jsonl');
    expect(d.files[0].reason).toBe('3 of the first 3 lines are JSON objects');
    expect(d.messageField).toEqual(['msg']);
    expect(d.message).toEqual(['login ok', 'not found', 'bye']);
    expect(d.raw).toEqual(jsonl.trim().split('\n'));
    // Epoch seconds, ISO with an offset (09:00:00.5 UTC), epoch milliseconds.
    expect(d.timestamp).toEqual([1_700_000_000_000, Date.UTC(2026, 2, 2, 9, 0, 0, 500), 1_700_000_000_123]);
    expect(d.fields).toEqual({
      ts: { type: 'number', values: [1700000000, NaN, NaN] },
      msg: { type: 'string', values: ['login ok', 'not found', 'bye'] },
      'http.status': { type: 'number', values: [200, 404, NaN] },
      'http.req.ms': { type: 'number', values: [12, NaN, NaN] },
      user: { type: 'string', values: ['ann', null, null] },
      time: { type: 'string', values: [null, '2026-03-02T10:00:00.5+01:00', null] },
      tags: { type: 'string', values: [null, '["a","b"]', null] },
      timestamp: { type: 'number', values: [NaN, NaN, 1700000000123] },
    });
    expect(d.warnings).toEqual([]);
  });

  eachChunkSize('the whole line is the message when no message field exists', [['m.jsonl', '{"a":1}\n{"a":2}\n']], (d) => {
    expect(d.messageField).toEqual([null]);
    expect(d.message).toEqual(['{"a":1}', '{"a":2}']);
    expect(d.fields).toEqual({ a: { type: 'number', values: [1, 2] } });
  });

  const withBadLine = Array.from({ length: 10 }, (_, i) => `{"msg":"m${i}"}`);
  withBadLine.splice(4, 0, '{"msg": oops');
  eachChunkSize('a line that is not JSON is skipped with a warning naming it', [['bad.jsonl', withBadLine.join('\n')]], (d) => {
    expect(d.files[0].format).toBe('jsonl');
    expect(d.message).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9']);
    expect(d.line).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 10, 11]);
    expect(d.warnings).toHaveLength(1);
    expect(d.warnings[0].code).toBe('jsonl-not-json');
    expect(d.warnings[0].message).toMatch(/^bad\.jsonl, line 5: not valid JSON \(.*\); line skipped$/);
    expect(d.warnings[0].lines).toEqual([5]);
  });

  eachChunkSize('a JSON value that is not an object is skipped with a warning', [['arr.jsonl', '{"msg":"a"}\n[1,2]\n{"msg":"b"}\n']], (d) => {
    expect(d.message).toEqual(['a', 'b']);
    expect(d.warnings.map((w) => [w.code, w.message])).toEqual([['jsonl-not-object', 'arr.jsonl, line 2: a JSON array, not an object; line skipped']]);
  }, { format: 'jsonl' });
});

describe('readLogs: CSV and TSV', () => {
  const csv = 'id,message,latency\n1,"GET /a, then /b",2.5\n2,"he said ""hi""",3\n3,"two\nlines",-4e1\n';
  eachChunkSize('quoted commas, doubled quotes, newlines in quotes, numeric columns', [['t.csv', csv]], (d) => {
    expect(d.files[0].format).toBe('csv');
    expect(d.files[0].reason).toBe('a header of 3 comma-separated names, and 4 of the next 4 lines have as many fields');
    expect(d.files[0].rows).toBe(3);
    // A record's line is the line where it starts.
    expect(d.line).toEqual([2, 3, 4]);
    expect(d.raw).toEqual(['1,"GET /a, then /b",2.5', '2,"he said ""hi""",3', '3,"two\nlines",-4e1']);
    expect(d.messageField).toEqual(['message']);
    expect(d.message).toEqual(['GET /a, then /b', 'he said "hi"', 'two\nlines']);
    expect(d.fields).toEqual({
      id: { type: 'number', values: [1, 2, 3] },
      message: { type: 'string', values: ['GET /a, then /b', 'he said "hi"', 'two\nlines'] },
      latency: { type: 'number', values: [2.5, 3, -40] },
    });
    expect(d.warnings).toEqual([]);
  });

  eachChunkSize('CRLF line ends', [['w.csv', 'a,b,note\r\n1,2,x\r\n3,,"y\r\nz"\r\n']], (d) => {
    expect(d.files[0].format).toBe('csv');
    expect(d.fields).toEqual({
      a: { type: 'number', values: [1, 3] },
      b: { type: 'number', values: [2, NaN] },
      note: { type: 'string', values: ['x', 'y\nz'] },
    });
    expect(d.line).toEqual([2, 3]);
  });

  eachChunkSize('a timestamp column', [['ts.csv', 'timestamp,value\n2026-03-02 10:00:01,1\n1700000000,2']], (d) => {
    expect(d.timestamp).toEqual([Date.UTC(2026, 2, 2, 10, 0, 1), 1_700_000_000_000]);
    expect(d.messageField).toEqual([null]);
    expect(d.message).toEqual(['2026-03-02 10:00:01,1', '1700000000,2']);
  });

  eachChunkSize('TSV', [['t.tsv', 'host\tcpu\tmsg\nweb-1\t0.5\tok, fine\nweb-2\t0.75\t"quoted\ttab"']], (d) => {
    expect(d.files[0].format).toBe('tsv');
    expect(d.files[0].reason).toBe('a header of 3 tab-separated names, and 2 of the next 2 lines have as many fields');
    expect(d.fields).toEqual({
      host: { type: 'string', values: ['web-1', 'web-2'] },
      cpu: { type: 'number', values: [0.5, 0.75] },
      msg: { type: 'string', values: ['ok, fine', 'quoted\ttab'] },
    });
    expect(d.message).toEqual(['ok, fine', 'quoted\ttab']);
  });

  const ragged = ['a,b', '1,2', '3,4,5', '6,7', '8', ...Array.from({ length: 16 }, (_, i) => `${10 + i},${i}`)].join('\n');
  eachChunkSize('rows with another field count are skipped with a warning naming file and line', [['r.csv', ragged]], (d) => {
    expect(d.files[0].format).toBe('csv');
    expect(d.line.slice(0, 3)).toEqual([2, 4, 6]);
    expect(d.fields.a.values.slice(0, 3)).toEqual([1, 6, 10]);
    expect(d.files[0].rows).toBe(18);
    expect(d.warnings).toEqual([{
      code: 'csv-field-count',
      message: 'r.csv, line 3: 3 fields where the header has 2; row skipped',
      count: 2,
      lines: [3, 5],
    }]);
  });

  eachChunkSizeFails('an unterminated quote is an error at the line where it opened', [['q.csv', 'a,b\n1,2\n3,"never closed\n4,5\n6,7\n']], (e) => {
    expect(e.file).toBe('q.csv');
    expect(e.line).toBe(3);
    expect(e.message).toBe('q.csv, line 3: a quoted field opened here is never closed (unterminated quote)');
  }, { format: 'csv' });

  eachChunkSizeFails('a CSV whose every row is bad', [['all-bad.csv', 'a,b\n1\n2\n']], (e) => {
    expect(e.message).toBe('all-bad.csv: no usable rows (all-bad.csv, line 2: 1 fields where the header has 2; row skipped)');
  }, { format: 'csv' });
});

describe('readLogs: format override', () => {
  eachChunkSize('JSON read as text when the user says text', [['j.log', '{"msg":"a"}\n{"msg":"b"}\n']], (d) => {
    expect(d.files[0]).toMatchObject({ format: 'text', reason: 'chosen by you' });
    expect(d.message).toEqual(['{"msg":"a"}', '{"msg":"b"}']);
    expect(d.fields).toEqual({});
  }, { format: 'text' });

  eachChunkSize('text read as CSV when the user says csv', [['x.log', 'level;msg\nINFO;up\n']], (d) => {
    expect(d.files[0]).toMatchObject({ format: 'csv', reason: 'chosen by you' });
    // The first line is the header, of one column.
    expect(d.fields).toEqual({ 'level;msg': { type: 'string', values: ['INFO;up'] } });
    expect(d.line).toEqual([2]);
  }, { format: 'csv' });
});

describe('readLogs: several files', () => {
  eachChunkSize('are concatenated with their file index and their own line numbers', [
    ['a.log', 'first a\n\nsecond a\n'],
    ['b.jsonl', '{"msg":"first b","n":1}\n{"msg":"second b","n":2}\n'],
    ['c.log', 'only c'],
  ], (d) => {
    expect(d.files.map((f) => [f.name, f.format, f.rows])).toEqual([['a.log', 'text', 2], ['b.jsonl', 'jsonl', 2], ['c.log', 'text', 1]]);
    expect(d.file).toEqual([0, 0, 1, 1, 2]);
    expect(d.line).toEqual([1, 3, 1, 2, 1]);
    expect(d.message).toEqual(['first a', 'second a', 'first b', 'second b', 'only c']);
    expect(d.messageField).toEqual([null, 'msg', null]);
    // A field one file has is missing (NaN / null) in the rows of the others.
    expect(d.fields.n).toEqual({ type: 'number', values: [NaN, NaN, 1, 2, NaN] });
    expect(d.fields.msg).toEqual({ type: 'string', values: [null, null, 'first b', 'second b', null] });
  });

  it('throws when one of them fails, naming that file', async () => {
    const e = await read([['good.log', 'fine\n'], ['empty.log', '']], 7).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IngestError);
    expect((e as IngestError).file).toBe('empty.log');
    expect((e as Error).message).toBe('empty.log: the file is empty');
  });

  it('throws on a binary second file', async () => {
    const bin = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 10]);
    await expect(read([['good.log', 'fine\n'], ['a.out', bin]], 1 << 16)).rejects.toThrow(/^a\.out: this looks like a binary file/);
  });
});

describe('readLogs: invalid UTF-8', () => {
  // "h", an invalid byte, "i", newline, then "é" (2 bytes) and "€" (3 bytes), which 1-byte chunks split.
  const bytes = new Uint8Array([0x68, 0xff, 0x69, 0x0a, 0xc3, 0xa9, 0x20, 0xe2, 0x82, 0xac, 0x20, 0xc3, 0x0a]);
  eachChunkSize('is replaced with U+FFFD and counted in one warning', [['u.log', bytes]], (d) => {
    expect(d.raw).toEqual(['h\uFFFDi', 'é € \uFFFD']);
    expect(d.warnings).toEqual([{
      code: 'invalid-utf8',
      message: 'u.log: 2 invalid UTF-8 byte sequence(s) replaced with “\uFFFD”',
      count: 1,
      lines: [0],
    }]);
  });

  eachChunkSize('valid multi-byte text gives no warning', [['ok.log', 'ünïcödé → ✓ 日本\n']], (d) => {
    expect(d.raw).toEqual(['ünïcödé → ✓ 日本']);
    expect(d.warnings).toEqual([]);
  });
});

describe('readLogs: bad input', () => {
  eachChunkSizeFails('an empty file', [['empty.log', '']], (e) => {
    expect(e.message).toBe('empty.log: the file is empty');
    expect(e.file).toBe('empty.log');
  });

  eachChunkSizeFails('a file of blank lines', [['blank.log', '\n  \r\n\t\n']], (e) => {
    expect(e.message).toBe('blank.log: no lines with content');
  });

  eachChunkSizeFails('a small binary file', [['img.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])]], (e) => {
    expect(e.file).toBe('img.png');
    expect(e.message).toMatch(/^img\.png: this looks like a binary file, not a text log \(3 NUL and 1 other control bytes in the first 12 bytes\)$/);
  });

  it('a large binary file fails while its first bytes are read', async () => {
    const big = new Uint8Array(100_000).fill(0x41);
    big[10] = 0;
    let chunks = 0;
    const source: LogSource = {
      name: 'core.dump',
      size: big.length,
      chunks: (async function* () {
        for (let i = 0; i < big.length; i += 1000) {
          chunks++;
          yield big.subarray(i, i + 1000);
        }
      })(),
    };
    await expect(readLogs([source])).rejects.toThrow(/^core\.dump: this looks like a binary file, not a text log \(1 NUL and 0 other control bytes in the first 8192 bytes\)$/);
    expect(chunks).toBe(9);
  });

  it('a single 10 MB line is loaded, truncated to maxLineLength, with a warning naming the line', async () => {
    const line = 'x'.repeat(10 * 1024 * 1024);
    const d = await read([['huge.log', `short one\n${line}\nafter\n`]], 1 << 16);
    expect(d.raw.map((r) => r.length)).toEqual([9, 1 << 20, 5]);
    expect(d.raw[1]).toBe(line.slice(0, 1 << 20));
    expect(Array.from(d.line)).toEqual([1, 2, 3]);
    expect(d.warnings).toEqual([{
      code: 'long-line',
      message: 'huge.log, line 2: 10.0 MiB long; kept its first 1.0 MiB',
      count: 1,
      lines: [2],
    }]);
  });

  eachChunkSize('maxLineLength applies to every long line', [['l.log', 'abcdefgh\nabc\r\nlonger line here']], (d) => {
    expect(d.raw).toEqual(['abcde', 'abc', 'longe']);
    expect(d.warnings).toEqual([{
      code: 'long-line',
      message: 'l.log, line 1: 8 characters long; kept its first 5 characters',
      count: 2,
      lines: [1, 3],
    }]);
  }, { maxLineLength: 5 });

  it('IngestError carries the file and line it names', async () => {
    const e = (await read([['q.tsv', 'a\tb\n"x\ty\n']], 1 << 16, { format: 'tsv' }).catch((x: unknown) => x)) as IngestError;
    expect(e).toBeInstanceOf(IngestError);
    expect(e.name).toBe('IngestError');
    expect([e.file, e.line]).toEqual(['q.tsv', 2]);
    expect(e.message).toContain('q.tsv');
    expect(e.message).toContain('line 2');
  });
});

describe('readLogs: progress and cancel', () => {
  it('reports progress in bytes and ends at the total', async () => {
    const calls: [number, number][] = [];
    await readLogs([sourceFromText('a.log', 'x\n'.repeat(500), 100), sourceFromText('b.log', 'y\n'.repeat(100), 100)], {
      onProgress: (r, t) => calls.push([r, t]),
    });
    expect(calls.length).toBeGreaterThan(2);
    expect(calls.at(-1)).toEqual([1200, 1200]);
    for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThanOrEqual(calls[i - 1][0]);
  });

  it('stops with an AbortError when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readLogs([sourceFromText('a.log', 'x\n')], { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('sourceFromText', () => {
  it('yields the UTF-8 bytes in chunks of the given size', async () => {
    const s = sourceFromText('s.log', 'héllo', 2);
    expect(s.name).toBe('s.log');
    expect(s.size).toBe(6);
    const parts: number[][] = [];
    for await (const c of s.chunks) parts.push(Array.from(c));
    expect(parts).toEqual([[0x68, 0xc3], [0xa9, 0x6c], [0x6c, 0x6f]]);
  });

  it('takes bytes as they are', async () => {
    const s = sourceFromText('b.bin', new Uint8Array([1, 2, 3]));
    const parts: number[][] = [];
    for await (const c of s.chunks) parts.push(Array.from(c));
    expect([s.size, parts]).toEqual([3, [[1, 2, 3]]]);
  });
});
