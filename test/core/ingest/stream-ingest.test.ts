// StreamIngest is the streaming twin of readLogs: the same fixtures read
// both ways must give the same rows (readLogs at once; StreamIngest batch by
// batch, glued back together), whatever the chunk size. And it must hand a
// line on as soon as it ends, which is what live scoring needs.
import { describe, expect, it } from 'vitest';
import { StreamIngest } from '../../../app/core/ingest/stream-ingest.ts';
import { concatLogData } from '../../../app/core/ingest/log-data-rows.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import type { LogData } from '../../../app/core/ingest/log-data.ts';
import type { Format } from '../../../app/core/ingest/sniff-format.ts';
import { IngestError } from '../../../app/core/ingest/ingest-error.ts';
import { CHUNK_SIZES, fixture, plain } from './chunked.ts';

/** Reads `text` through StreamIngest in chunks, returning every batch. */
function stream(name: string, text: string, chunkSize: number, format?: Format | 'auto'): LogData[] {
  const bytes = new TextEncoder().encode(text);
  const ingest = new StreamIngest({ fileName: name, format });
  const batches: LogData[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) {
    const d = ingest.push(bytes.subarray(i, i + chunkSize));
    if (d) batches.push(d);
  }
  const last = ingest.end();
  if (last) batches.push(last);
  return batches;
}

/** The row content of LogData (what features see), without the per-load bookkeeping. */
function rows(d: LogData) {
  const { file, line, raw, message, timestamp, fields, messageField } = plain(d);
  return { file, line, raw, message, timestamp, fields, messageField, formats: d.files.map((f) => f.format) };
}

const CASES: [string, Format | 'auto'][] = [
  ['access.log', 'auto'],
  ['app.logfmt', 'auto'],
  ['bgl.log', 'auto'],
  ['bsd-syslog.log', 'auto'],
  ['ietf-syslog.log', 'auto'],
  ['hdfs-raw.log', 'auto'],
  ['HDFS_structured.csv', 'auto'],
  ['hdfs-sessions.csv', 'auto'],
  ['mongoexport.jsonl', 'auto'],
  ['access.log', 'clf'],
  ['HDFS_structured.csv', 'loghub-structured'],
];

describe('StreamIngest reads what readLogs reads', () => {
  for (const [name, format] of CASES) {
    for (const size of CHUNK_SIZES) {
      it(`${name} (format ${format}) in ${size}-byte chunks`, async () => {
        const text = fixture(name);
        const whole = await readLogs([sourceFromText(name, text)], { format });
        const batches = stream(name, text, size, format);
        expect(rows(concatLogData(batches))).toEqual(rows(whole));
      });
    }
  }

  it('a whole JSON document (a Loki response) is held to its end, as readLogs does', async () => {
    const text = fixture('loki-query-range.json');
    const batches = stream('q.json', text, 7);
    expect(batches).toHaveLength(1);
    expect(rows(batches[0])).toEqual(rows(await readLogs([sourceFromText('q.json', text)])));
  });
});

describe('StreamIngest hands a line on when it ends', () => {
  const encode = (s: string) => new TextEncoder().encode(s);

  it('with a known format, the first line is a row at once and a partial line waits for its newline', () => {
    const ingest = new StreamIngest({ fileName: 'app.log', format: 'text' });
    expect(ingest.push(encode('first line\n'))?.raw).toEqual(['first line']);
    expect(ingest.push(encode('second ha'))).toBeNull();
    const d = ingest.push(encode('lf\nthird\n'));
    expect(d?.raw).toEqual(['second half', 'third']);
    expect(Array.from(d!.line)).toEqual([2, 3]);
    expect(ingest.end()).toBeNull();
    expect(ingest.rows).toBe(3);
  });

  it('a CSV header read once names the fields of every later batch', () => {
    const ingest = new StreamIngest({ fileName: 'f.csv', format: 'csv' });
    expect(ingest.push(encode('host,cpu\n'))).toBeNull();
    const a = ingest.push(encode('web-1,0.5\n'))!;
    const b = ingest.push(encode('web-2,0.75\nweb-3,1\n'))!;
    expect(a.fields.host).toEqual(['web-1']);
    expect(Array.from(b.fields.cpu as Float64Array)).toEqual([0.75, 1]);
    expect(Array.from(b.line)).toEqual([3, 4]);
  });

  it('with format auto, lines wait until there are enough to sniff (or the end)', () => {
    const ingest = new StreamIngest({ fileName: 'a.log' });
    expect(ingest.push(encode('level=info msg=one\n'))).toBeNull();
    const d = ingest.end()!;
    expect(d.files[0].format).toBe('logfmt');
    expect(d.raw).toEqual(['level=info msg=one']);
  });

  it('reports warnings as they happen, and refuses an empty stream as readLogs does', () => {
    const ingest = new StreamIngest({ fileName: 'f.csv', format: 'csv' });
    ingest.push(encode('a,b\n1,2\n3\n'));
    expect(ingest.warnings().map((w) => w.message)).toEqual(['f.csv, line 3: 1 fields where the header has 2; row skipped']);
    expect(() => new StreamIngest({ fileName: 'empty', format: 'text' }).end()).toThrow(IngestError);
  });
});
