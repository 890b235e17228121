import { describe, it, expect } from 'vitest';
import { httpStatus, latencyMs } from '../../../app/core/parse/http-fields.ts';
import { keyValues } from '../../../app/core/parse/key-values.ts';

/** The lookup parseLines builds: a field first, then a key=value pair of the message. */
const lookup = (message: string, fields: Record<string, unknown> = {}) => {
  const kv = keyValues(message);
  return (k: string) => (k in fields ? fields[k] : kv[k]);
};
const status = (message: string, fields?: Record<string, unknown>) => httpStatus(message, lookup(message, fields));
const latency = (message: string, fields?: Record<string, unknown>) => latencyMs(message, lookup(message, fields));

describe('httpStatus', () => {
  it('reads a key=value pair', () => {
    expect(status('GET /api/orders status=404 latency_ms=3')).toBe(404);
    expect(status('done status_code=201')).toBe(201);
  });

  it('reads a JSON field, number or text', () => {
    expect(status('request done', { 'http.status': 503 })).toBe(503);
    expect(status('request done', { status: '200' })).toBe(200);
  });

  it('reads the status after the request line of a common/combined log line', () => {
    expect(status('127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326')).toBe(200);
    expect(status('10.0.0.2 - - [02/Mar/2026:10:00:00 +0000] "POST /login HTTP/2" 401 12 "-" "curl/8"')).toBe(401);
  });

  it('ignores values that are not HTTP statuses', () => {
    expect(status('exit code=1')).toBeNaN();
    expect(status('status=ok')).toBeNaN();
    expect(status('status=700')).toBeNaN();
    expect(status('status=200.5')).toBeNaN();
    expect(status('GET /x took 200 ms')).toBeNaN();
  });
});

describe('latencyMs', () => {
  it('reads `_ms` keys as milliseconds', () => {
    expect(latency('status=200 latency_ms=35')).toBe(35);
    expect(latency('duration_ms=1.5')).toBe(1.5);
  });

  it('honours units written on the value, and seconds keys', () => {
    expect(latency('duration=1.5s')).toBe(1500);
    expect(latency('latency=20ms')).toBe(20);
    expect(latency('elapsed=500us')).toBe(0.5);
    expect(latency('latency_s=2')).toBe(2000);
    expect(latency('request_time=0.25')).toBe(250);
  });

  it('reads a JSON field', () => {
    expect(latency('done', { duration_ms: 12 })).toBe(12);
  });

  it('reads prose: "took 35 ms", "in 120ms", "after 1.2 s"', () => {
    expect(latency('query took 35 ms')).toBe(35);
    expect(latency('served in 120ms')).toBe(120);
    expect(latency('retried after 1.2 s')).toBe(1200);
    expect(latency('finished in 2 seconds')).toBe(2000);
  });

  it('is NaN without a latency', () => {
    expect(latency('took a while')).toBeNaN();
    expect(latency('latency=fast')).toBeNaN();
    expect(latency('in 5 minutes')).toBeNaN();
  });
});
