import { describe, it, expect } from 'vitest';
import { FORMATS, SNIFF_LINES, sniffDocument, sniffFormat } from '../../../app/core/ingest/sniff-format.ts';
import { fixture } from './chunked.ts';

const linesOf = (name: string) => fixture(name).split('\n');

describe('sniffFormat', () => {
  it('picks JSON lines when the lines are JSON objects, and says how many', () => {
    expect(sniffFormat(['{"a":1}', '', '  {"b":"x"}  ', '{"c":{"d":2}}'])).toEqual({
      format: 'jsonl',
      reason: '3 of the first 3 lines are JSON objects',
    });
  });

  it('tolerates one line in ten that is not JSON, not two', () => {
    const json = Array.from({ length: 9 }, (_, i) => `{"i":${i}}`);
    expect(sniffFormat([...json, 'oops']).format).toBe('jsonl');
    expect(sniffFormat([...json, 'oops']).reason).toBe('9 of the first 10 lines are JSON objects');
    expect(sniffFormat([...json.slice(1), 'oops', 'oops']).format).toBe('text');
  });

  it('does not take JSON arrays or scalars for JSON lines', () => {
    expect(sniffFormat(['[1,2]', '[3]']).format).toBe('text');
    expect(sniffFormat(['42', '"x"']).format).toBe('text');
    expect(sniffFormat(['{not json}', '{"a":']).format).toBe('text');
  });

  it('picks CSV under a header when the rows have as many fields', () => {
    expect(sniffFormat(['time,level,message', '1,INFO,"a, b"', '2,WARN,c'])).toEqual({
      format: 'csv',
      reason: 'a header of 3 comma-separated names, and 2 of the next 2 lines have as many fields',
    });
  });

  it('picks CSV when quoted fields hold newlines, so one row spans lines', () => {
    expect(sniffFormat(['id,message', '1,"first', 'second"', '2,"x', 'y', 'z"', '3,plain'])).toEqual({
      format: 'csv',
      reason: 'a header of 2 comma-separated names, and 6 of the next 6 lines have as many fields',
    });
  });

  it('picks TSV before CSV when the header is tab-separated', () => {
    expect(sniffFormat(['a\tb', '1,5\t2', '3\t4'])).toEqual({
      format: 'tsv',
      reason: 'a header of 2 tab-separated names, and 2 of the next 2 lines have as many fields',
    });
  });

  it('takes a lone header for a table', () => {
    expect(sniffFormat(['a,b,c']).format).toBe('csv');
  });

  it('does not take numbers, empty or repeated names for a header', () => {
    expect(sniffFormat(['1,2', '3,4']).format).toBe('text');
    expect(sniffFormat(['a,,c', '1,2,3']).format).toBe('text');
    expect(sniffFormat(['a,a', '1,2']).format).toBe('text');
    expect(sniffFormat([`${'x'.repeat(65)},b`, '1,2']).format).toBe('text');
  });

  it('reads prose with commas as text', () => {
    const lines = [
      '2026-03-02 10:00:00 INFO started, listening on 8080',
      '2026-03-02 10:00:01 WARN slow request, 900 ms',
      '2026-03-02 10:00:02 INFO ok',
    ];
    expect(sniffFormat(lines)).toEqual({ format: 'text', reason: 'lines are neither JSON objects nor delimited rows under a header' });
  });

  it('rejects a table when more than one row in five has another field count', () => {
    const rows = Array.from({ length: 10 }, (_, i) => `${i},${i}`);
    expect(sniffFormat(['a,b', ...rows.slice(0, 8), '1,2,3', '4']).format).toBe('csv');
    expect(sniffFormat(['a,b', ...rows.slice(0, 7), '1,2,3', '4', '5,6,7']).format).toBe('text');
  });

  it(`looks only at the first ${SNIFF_LINES} non-blank lines`, () => {
    const json = Array.from({ length: SNIFF_LINES }, (_, i) => `{"i":${i}}`);
    expect(sniffFormat(['', ...json, ...Array(100).fill('plain text')])).toEqual({
      format: 'jsonl',
      reason: `${SNIFF_LINES} of the first ${SNIFF_LINES} lines are JSON objects`,
    });
  });

  it('says when there is nothing to look at', () => {
    expect(sniffFormat([])).toEqual({ format: 'text', reason: 'no lines to look at' });
    expect(sniffFormat(['', '   '])).toEqual({ format: 'text', reason: 'no lines to look at' });
  });
});

describe('sniffFormat: logs as users have them', () => {
  it('lists every reader', () => {
    expect(FORMATS).toEqual(['text', 'jsonl', 'csv', 'tsv', 'logfmt', 'syslog', 'clf', 'loghub-structured', 'loghub-sessions', 'mongodb', 'loki', 'elasticsearch']);
  });

  it.each([
    ['app.logfmt', 'logfmt', '4 of the first 4 lines are key=value pairs (logfmt)'],
    ['bsd-syslog.log', 'syslog', '4 of the first 4 lines start with a syslog header (RFC 3164)'],
    ['ietf-syslog.log', 'syslog', '3 of the first 3 lines start with a syslog header (RFC 5424)'],
    ['access.log', 'clf', '4 of the first 4 lines are access-log lines (Common/Combined Log Format)'],
    ['HDFS_structured.csv', 'loghub-structured', 'a Loghub structured header (LineId first, a Content column)'],
    ['hdfs-sessions.csv', 'loghub-sessions', 'the header BlockId,Label,EventTemplateSequence of Loghub block sessions'],
    ['mongoexport.jsonl', 'mongodb', '2 of the first 2 lines are JSON objects, 2 with MongoDB Extended JSON ("$oid"/"$date")'],
    ['mongoexport-array.json', 'mongodb', 'a JSON array of MongoDB documents (Extended JSON "$oid"/"$date")'],
    ['loki-query-range.json', 'loki', 'a Grafana Loki query response (data.resultType and streams of values)'],
    ['es-search.json', 'elasticsearch', 'an Elasticsearch/OpenSearch search response (hits.hits)'],
    ['hdfs-raw.log', 'text', 'lines are neither JSON objects nor delimited rows under a header'],
    ['bgl.log', 'text', 'lines are neither JSON objects nor delimited rows under a header'],
  ])('%s → %s', (name, format, reason) => {
    expect(sniffFormat(linesOf(name))).toEqual({ format, reason });
  });

  it('keeps plain JSON lines and plain CSV as they were', () => {
    expect(sniffFormat(['{"msg":"a","id":{"oid":1}}', '{"msg":"b"}']).format).toBe('jsonl');
    expect(sniffFormat(['LineNo,Content', '1,x']).format).toBe('csv');
    expect(sniffFormat(['id,msg', '1,a=1 b=2 c=3']).format).toBe('csv');
  });

  it('needs four lines in five to match a line format', () => {
    const sys = 'Mar  2 10:15:23 host a[1]: x';
    expect(sniffFormat([sys, sys, sys, sys, 'other']).format).toBe('syslog');
    expect(sniffFormat([sys, sys, sys, 'other', 'other']).format).toBe('text');
    expect(sniffFormat(['a=1 b=2', 'a=2 b=3', 'a=3 b=4', 'no pairs', 'none']).format).toBe('text');
  });

  it('says when text lines are mixed with JSON lines', () => {
    const mixed = ['{"msg":"a"}', 'plain one', '{"msg":"b"}', 'plain two'];
    expect(sniffFormat(mixed)).toEqual({
      format: 'text',
      reason: 'a mix: 2 of the first 4 lines are JSON objects, too few for JSON lines (90%), so all are read as text',
      mixedJson: true,
    });
  });
});

describe('sniffDocument', () => {
  it('knows documents by their first bytes, pretty-printed or not', () => {
    expect(sniffDocument('{"status":"success","data":{"resultType":"streams","result":[')?.format).toBe('loki');
    expect(sniffDocument('{"took":5,"timed_out":false,"_shards":{"total":1},"hits":{"total":{"value":9')?.format).toBe('elasticsearch');
    expect(sniffDocument('[\n  {"_id": {"$oid": "65e2"}')?.format).toBe('mongodb');
    expect(sniffDocument('{"msg":"a"}\n{"msg":"b"}')).toBeNull();
    expect(sniffDocument('[{"a":1}]')).toBeNull();
  });
});
