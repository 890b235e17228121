import { describe, it, expect } from 'vitest';
import { looksLikeMongodbArray } from '../../../app/core/ingest/mongodb-reader.ts';
import { eachChunkSize, eachChunkSizeFails, fixture, ms } from './chunked.ts';

describe('looksLikeMongodbArray', () => {
  it('needs an array of objects with Extended JSON', () => {
    expect(looksLikeMongodbArray('[{"_id":{"$oid":"1"}}]')).toBe(true);
    expect(looksLikeMongodbArray('  [\n\t{\n\t"_id": {\n"$oid": "1"')).toBe(true);
    expect(looksLikeMongodbArray('[{"a":1}]')).toBe(false);
    expect(looksLikeMongodbArray('{"_id":{"$oid":"1"}}')).toBe(false);
  });
});

describe('readLogs: mongodb', () => {
  const expected = {
    message: ['sshd: accepted publickey for ann', 'sshd: failed password for root'],
    timestamp: [ms('2024-03-02T10:00:00Z'), ms('2024-03-02T10:00:01Z')],
    host: { type: 'string', values: ['web-1', 'web-2'] },
    _id: { type: 'string', values: ['65e2f0a1c2b3d4e5f6a7b8c1', '65e2f0a1c2b3d4e5f6a7b8c2'] },
  };

  eachChunkSize('mongoexport JSON lines: Extended JSON unwrapped, hostname becomes host', [['logs.json', fixture('mongoexport.jsonl')]], (d) => {
    expect(d.files[0]).toMatchObject({ format: 'mongodb', reason: '2 of the first 2 lines are JSON objects, 2 with MongoDB Extended JSON ("$oid"/"$date")' });
    expect(d.message).toEqual(expected.message);
    expect(d.timestamp).toEqual(expected.timestamp);
    expect(d.messageField).toEqual(['message']);
    expect(d.line).toEqual([1, 2]);
    expect(d.fields.host).toEqual(expected.host);
    expect(d.fields._id).toEqual(expected._id);
    expect(d.fields['meta.pid']).toEqual({ type: 'number', values: [42, 43] });
    expect(d.fields.received_at.values).toEqual(['2024-03-02T10:00:00Z', '2024-03-02T10:00:01.000Z']);
    expect('hostname' in d.fields).toBe(false);
  });

  eachChunkSize('mongoexport --jsonArray --pretty: one document per element, each at its line', [['logs.json', fixture('mongoexport-array.json')]], (d) => {
    expect(d.files[0]).toMatchObject({ format: 'mongodb', reason: 'a JSON array of MongoDB documents (Extended JSON "$oid"/"$date")' });
    expect(d.line).toEqual([1, 14]);
    expect(d.message).toEqual(expected.message);
    expect(d.timestamp).toEqual(expected.timestamp);
    expect(d.fields.host).toEqual(expected.host);
    expect(d.fields.bytes).toEqual({ type: 'number', values: [512, 0] });
    // Raw is the document as exported (Extended JSON kept).
    expect(JSON.parse(d.raw[0])._id).toEqual({ $oid: '65e2f0a1c2b3d4e5f6a7b8c1' });
  });

  const custom = '{"_id":{"$oid":"1"},"text":"a","node":"n1","at":{"$date":"2024-01-01T00:00:00Z"}}\n{"_id":{"$oid":"2"},"text":"b","node":"n2","at":{"$date":"2024-01-01T00:00:05Z"}}\n';
  eachChunkSize('field names from readerOptions', [['c.json', custom]], (d) => {
    expect(d.message).toEqual(['a', 'b']);
    expect(d.messageField).toEqual(['text']);
    expect(d.timestamp).toEqual([ms('2024-01-01T00:00:00Z'), ms('2024-01-01T00:00:05Z')]);
    expect(d.fields.host.values).toEqual(['n1', 'n2']);
  }, { readerOptions: { messageField: 'text', hostField: 'node', timeField: 'at' } });

  eachChunkSize('a line that is not JSON is skipped with a warning', [['m.json', '{"_id":{"$oid":"1"},"message":"a"}\n{"_id": oops\n{"_id":{"$oid":"2"},"message":"b"}\n']], (d) => {
    expect(d.message).toEqual(['a', 'b']);
    expect(d.warnings.map((w) => [w.code, w.lines])).toEqual([['mongodb-not-json', [2]]]);
  }, { format: 'mongodb' });

  eachChunkSizeFails('a malformed array names the file and line', [['bad.json', '[\n{"_id":{"$oid":"1"},"message":"a"},\n{"_id":{"$oid":"2"} "message":"b"}\n]']], (e) => {
    expect(e.file).toBe('bad.json');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/^bad\.json, line 3: not valid JSON, so not a JSON array of MongoDB documents \(/);
  });

  eachChunkSizeFails('a field name option that is not text', [['m.json', '{"message":"a"}\n']], (e) => {
    expect(e.message).toBe('m.json, field "hostField": readerOptions.hostField must be a field name (text), not 3');
  }, { format: 'mongodb', readerOptions: { hostField: 3 } });
});

describe('documentsToLogData (rows a service reads from a database)', () => {
  it('reads driver objects as a mongoexport line reads the same document: message, host, time and fields alike', async () => {
    const { documentsToLogData } = await import('../../../app/core/ingest/mongodb-reader.ts');
    const { readLogs, sourceFromText } = await import('../../../app/core/ingest/read-logs.ts');
    const row = { id: 7, message: 'disk full', hostname: 'db-1', received_at: new Date('2026-03-02T10:00:00.123Z'), bytes: 10n, note: Buffer.from('ok') };
    const fromDb = documentsToLogData('syslog', [row], {}, (r) => r.id as number);
    const exported = await readLogs([sourceFromText('x.jsonl', JSON.stringify({ id: 7, message: 'disk full', hostname: 'db-1', received_at: { $date: '2026-03-02T10:00:00.123Z' }, bytes: 10, note: 'ok' }))], { format: 'mongodb' });
    expect(fromDb.message).toEqual(exported.message);
    expect(Array.from(fromDb.timestamp)).toEqual(Array.from(exported.timestamp));
    expect(fromDb.fields.host).toEqual(['db-1']);
    expect(Array.from(fromDb.fields.bytes as Float64Array)).toEqual([10]);
    expect(fromDb.fields.note).toEqual(['ok']);
    expect(Array.from(fromDb.line)).toEqual([7]);
  });

  it('a column named __proto__ cannot reach Object.prototype (how it is named is issue 12\'s)', async () => {
    const { documentsToLogData } = await import('../../../app/core/ingest/mongodb-reader.ts');
    const row = JSON.parse('{"message":"m","__proto__":{"polluted":1}}');
    const d = documentsToLogData('t', [row]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(d.message).toEqual(['m']);
  });
});
