import { describe, it, expect } from 'vitest';
import { isClfLine, parseClf } from '../../../app/core/ingest/clf-reader.ts';
import { eachChunkSize, fixture, ms } from './chunked.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import { parseLines } from '../../../app/core/parse/line-fields.ts';

describe('parseClf', () => {
  it('reads the common format', () => {
    expect(parseClf('127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326')).toEqual({
      remote_addr: '127.0.0.1', ident: '-', user: 'frank', time: '10/Oct/2000:13:55:36 -0700',
      method: 'GET', path: '/apache_pb.gif', protocol: 'HTTP/1.0', status: 200, bytes: 2326,
    });
  });

  it('reads the combined format, with escaped quotes (Apache \\", nginx \\x22)', () => {
    expect(parseClf('::1 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 304 - "-" "a \\"b\\" \\x22c\\x22"')).toMatchObject({
      remote_addr: '::1', status: 304, bytes: 0, referer: '-', user_agent: 'a "b" "c"',
    });
  });

  it('keeps a request that is not METHOD PATH PROTOCOL whole, as the path', () => {
    expect(parseClf('1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "junk" 400 0')).toMatchObject({ path: 'junk', status: 400 });
    expect(parseClf('1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "-" 408 -')).not.toHaveProperty('path');
  });

  it("reads nginx's trailing $request_time (seconds, with a decimal point), after more quoted variables too", () => {
    const combined = '1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET /a HTTP/1.1" 200 5 "-" "curl/8"';
    expect(parseClf(`${combined} 0.005`)).toMatchObject({ status: 200, request_time: 0.005 });
    expect(parseClf(`${combined} "10.0.0.1, 10.0.0.2" 1.250 0.998`)).toMatchObject({ request_time: 1.25 });
    // A bare integer may be a port or a size: not a request time. Nor is anything after common-format lines.
    expect(parseClf(`${combined} 8080`)).not.toHaveProperty('request_time');
    expect(parseClf('1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET /a HTTP/1.1" 200 5 0.5')).not.toHaveProperty('request_time');
    expect(parseClf(combined)).not.toHaveProperty('request_time');
  });

  it('is null for other lines', () => {
    expect(parseClf('2026-03-02 INFO GET /a 200')).toBeNull();
    expect(isClfLine('127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1')).toBe(true);
  });
});

describe('readLogs: clf', () => {
  it("makes nginx's $request_time the line's latency, in ms", async () => {
    const text = ['0.005', '1.250'].map((t) => `1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET /a HTTP/1.1" 200 5 "-" "curl/8" ${t}`).join('\n');
    const data = await readLogs([sourceFromText('access.log', text)]);
    expect(Array.from(parseLines(data).latency)).toEqual([5, 1250]);
  });

  eachChunkSize('nginx/Apache common and combined lines', [['access.log', fixture('access.log')]], (d) => {
    expect(d.files[0]).toMatchObject({ format: 'clf', reason: '4 of the first 4 lines are access-log lines (Common/Combined Log Format)', rows: 4 });
    expect(d.message).toEqual(d.raw);
    expect(d.timestamp).toEqual([ms('2000-10-10T20:55:36Z'), ms('2000-10-10T20:55:40Z'), ms('2000-10-10T20:56:01Z'), ms('2000-10-10T20:56:02Z')]);
    expect(d.fields).toEqual({
      remote_addr: { type: 'string', values: ['127.0.0.1', '192.168.1.20', '10.0.0.7', '203.0.113.9'] },
      ident: { type: 'string', values: ['-', '-', '-', '-'] },
      user: { type: 'string', values: ['frank', '-', 'alice', '-'] },
      time: { type: 'string', values: ['10/Oct/2000:13:55:36 -0700', '10/Oct/2000:13:55:40 -0700', '10/Oct/2000:20:56:01 +0000', '10/Oct/2000:20:56:02 +0000'] },
      method: { type: 'string', values: ['GET', 'POST', 'GET', null] },
      path: { type: 'string', values: ['/apache_pb.gif', '/api/login?next=%2F', '/static/a.css', '\x16\x03\x01'] },
      protocol: { type: 'string', values: ['HTTP/1.0', 'HTTP/1.1', 'HTTP/2.0', null] },
      status: { type: 'number', values: [200, 401, 304, 400] },
      bytes: { type: 'number', values: [2326, 53, 0, 157] },
      referer: { type: 'string', values: [null, 'https://example.com/login', '-', '-'] },
      user_agent: { type: 'string', values: [null, 'Mozilla/5.0 (X11; Linux x86_64)', 'curl/8.5.0 "quoted"', '-'] },
    });
    expect(d.warnings).toEqual([]);
  });

  eachChunkSize('a line that is not CLF is kept as text with a warning', [['a.log', '1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 5\nnginx: [warn] something\n']], (d) => {
    expect(d.raw).toHaveLength(2);
    expect(d.fields.status.values).toEqual([200, NaN]);
    expect(d.warnings.map((w) => [w.code, w.message])).toEqual([['clf-no-match', 'a.log, line 2: not in the Common/Combined Log Format; kept as a text line']]);
  }, { format: 'clf' });
});
