import { describe, it, expect } from 'vitest';
import { looksLikeLoki, nanosToMs } from '../../../app/core/ingest/loki-reader.ts';
import { eachChunkSize, eachChunkSizeFails, fixture, ms } from './chunked.ts';

describe('nanosToMs', () => {
  it('keeps the sub-millisecond digits a double can hold', () => {
    expect(nanosToMs('1709373600500000000')).toBe(1_709_373_600_500);
    expect(nanosToMs('1709373600000250000')).toBe(1_709_373_600_000.25);
    expect(nanosToMs('500000')).toBe(0.5);
    expect(nanosToMs('x')).toBeNaN();
    expect(nanosToMs(null)).toBeNaN();
  });
});

describe('looksLikeLoki', () => {
  it('knows query responses and push bodies by their start', () => {
    expect(looksLikeLoki('{"status":"success","data":{"resultType":"streams","result":[')).toBe(true);
    expect(looksLikeLoki('{\n  "status": "success",\n  "data": {\n    "resultType": "matrix"')).toBe(true);
    expect(looksLikeLoki('{"streams":[{"stream":{"a":"b"},"values":[]}]}')).toBe(true);
    expect(looksLikeLoki('{"msg":"data resultType streams"}')).toBe(false);
  });
});

describe('readLogs: loki', () => {
  eachChunkSize('query_range: a row per value, labels as fields, sorted by time', [['loki.json', fixture('loki-query-range.json')]], (d) => {
    expect(d.files[0]).toMatchObject({ format: 'loki', reason: 'a Grafana Loki query response (data.resultType and streams of values)', rows: 3 });
    expect(d.message).toEqual(['GET /users 200 12ms', 'GET /users 500 boom', 'GET /health 200 1ms']);
    expect(d.raw).toEqual(d.message);
    expect(d.timestamp).toEqual([ms('2024-03-02T10:00:00.500Z'), ms('2024-03-02T10:00:01Z'), ms('2024-03-02T10:00:02Z')]);
    // Each row keeps the line of its value in the pretty-printed response.
    expect(d.line).toEqual([10, 16, 9]);
    expect(d.fields).toEqual({
      job: { type: 'string', values: ['api', 'api', 'api'] },
      host: { type: 'string', values: ['web-1', 'web-2', 'web-1'] },
      level: { type: 'string', values: ['info', 'error', 'info'] },
      trace_id: { type: 'string', values: [null, 'abc123', null] },
    });
    expect(d.warnings).toEqual([]);
  });

  // As LogQL's `| logfmt`: the pairs of a logfmt line become fields (numbers
  // typed as in the logfmt reader), a pair named like a stream label becomes
  // NAME_extracted, and a line that is not logfmt adds nothing.
  const logfmtLines = JSON.stringify({ streams: [{ stream: { job: 'netflow', host: 'fw-1' }, values: [
    ['1709373601000000000', 'ts=2024-03-02T10:00:01Z src_ip=10.0.3.1 dst_ip=10.0.0.60 bytes=512 host=ws-7'],
    ['1709373600000000000', 'ts=2024-03-02T10:00:00Z src_ip=10.0.3.2 dst_ip=10.0.0.10 bytes=180'],
    ['1709373602000000000', 'plain text, not pairs'],
  ] }] });
  eachChunkSize('a logfmt line: a field per pair, as | logfmt would extract them', [['nf.json', logfmtLines]], (d) => {
    expect(d.message).toEqual([
      'ts=2024-03-02T10:00:00Z src_ip=10.0.3.2 dst_ip=10.0.0.10 bytes=180',
      'ts=2024-03-02T10:00:01Z src_ip=10.0.3.1 dst_ip=10.0.0.60 bytes=512 host=ws-7',
      'plain text, not pairs',
    ]);
    expect(d.fields).toEqual({
      job: { type: 'string', values: ['netflow', 'netflow', 'netflow'] },
      host: { type: 'string', values: ['fw-1', 'fw-1', 'fw-1'] },
      ts: { type: 'string', values: ['2024-03-02T10:00:00Z', '2024-03-02T10:00:01Z', null] },
      src_ip: { type: 'string', values: ['10.0.3.2', '10.0.3.1', null] },
      dst_ip: { type: 'string', values: ['10.0.0.10', '10.0.0.60', null] },
      bytes: { type: 'number', values: [180, 512, NaN] },
      host_extracted: { type: 'string', values: [null, 'ws-7', null] },
    });
    expect(d.warnings).toEqual([]);
  });

  const push = JSON.stringify({ streams: [{ stream: { app: 'x' }, values: [['1709373600000000000', 'one'], ['bad', 'two'], ['1709373601000000000', 'three']] }] });
  eachChunkSize('a push body on one line; a bad value is skipped with a warning', [['push.json', push]], (d) => {
    expect(d.message).toEqual(['one', 'three']);
    expect(d.line).toEqual([1, 1]);
    expect(d.warnings).toEqual([{ code: 'loki-bad-value', message: 'push.json, line 1: a Loki value that is not ["<nanoseconds>", "<line>"]; skipped', count: 1, lines: [1] }]);
  });

  eachChunkSize('named by the user, whatever its start', [['x.txt', ' \n' + push]], (d) => {
    expect(d.files[0]).toMatchObject({ format: 'loki', reason: 'chosen by you' });
    expect(d.line).toEqual([2, 2]);
  }, { format: 'loki' });

  const longLine = JSON.stringify({ status: 'success', data: { resultType: 'streams', result: [{ stream: { a: 'b' }, values: Array.from({ length: 3000 }, (_, i) => [String(1709373600000000000 + i * 1e6), `line ${i} ${'x'.repeat(500)}`]) }] } });
  it('a response on one line longer than maxLineLength is read whole', async () => {
    const { readLogs, sourceFromText } = await import('../../../app/core/ingest/read-logs.ts');
    expect(longLine.length).toBeGreaterThan(1 << 20);
    const d = await readLogs([sourceFromText('big.json', longLine)]);
    expect(d.message).toHaveLength(3000);
    expect(d.warnings).toEqual([]);
  });

  eachChunkSizeFails('a metric response says it holds no log lines', [['m.json', '{"status":"success","data":{"resultType":"matrix","result":[]}}']], (e) => {
    expect(e.message).toBe('m.json, field "data.resultType": Loki resultType "matrix" holds metric samples, not log lines: export a log query (without rate(), count_over_time() …)');
  });

  eachChunkSizeFails('an error response gives its error', [['e.json', '{"status":"error","errorType":"bad_data","error":"parse error at line 1"}']], (e) => {
    expect(e.message).toBe('e.json, field "status": a Loki error response (status "error": parse error at line 1)');
  }, { format: 'loki' });

  eachChunkSizeFails('a truncated response names the file and the line where it ends', [['t.json', fixture('loki-query-range.json').slice(0, 300)]], (e) => {
    expect(e.file).toBe('t.json');
    expect(e.line).toBe(11);
    expect(e.message).toMatch(/^t\.json, line 11: not valid JSON, so not a Loki response \(/);
  });

  eachChunkSizeFails('an empty result', [['e.json', '{"status":"success","data":{"resultType":"streams","result":[]}}']], (e) => {
    expect(e.message).toBe('e.json: the Loki response holds no log lines (its result is empty)');
  });
});
