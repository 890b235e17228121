// Every reader from a file in the CLI: `law parse` reads each fixture with the
// sniffed format and mines one template line per row.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readLogs, sourceFromText } from '../../app/core/ingest/read-logs.ts';
import { law } from './cli-helpers.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/formats/', import.meta.url));
const FILES = ['app.logfmt', 'bsd-syslog.log', 'ietf-syslog.log', 'access.log', 'HDFS_structured.csv', 'hdfs-sessions.csv',
  'mongoexport.jsonl', 'mongoexport-array.json', 'loki-query-range.json', 'es-search.json', 'hdfs-raw.log', 'bgl.log'];

describe('law parse reads every format', () => {
  it.each(FILES)('%s', async (file) => {
    const path = FIXTURES + file;
    const data = await readLogs([sourceFromText(file, readFileSync(path))]);
    const r = await law('parse', path);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(data.line.length);
    expect(r.out.map((l) => JSON.parse(l).line)).toEqual(Array.from(data.line));
  });
});
