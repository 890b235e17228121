import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createReadStream } from 'node:fs';
import { isLoghubSessionsHeader } from '../../../app/core/ingest/loghub-sessions-reader.ts';
import { readLogs } from '../../../app/core/ingest/read-logs.ts';
import { eachChunkSize, eachChunkSizeFails, fixture } from './chunked.ts';

describe('isLoghubSessionsHeader', () => {
  it('is the exact Loghub header', () => {
    expect(isLoghubSessionsHeader('BlockId,Label,EventTemplateSequence')).toBe(true);
    expect(isLoghubSessionsHeader('BlockId,Label')).toBe(false);
  });
});

describe('readLogs: loghub-sessions', () => {
  eachChunkSize('one row per session; templates with commas are not split', [['sessions.csv', fixture('hdfs-sessions.csv')]], (d) => {
    expect(d.files[0]).toMatchObject({ format: 'loghub-sessions', reason: 'the header BlockId,Label,EventTemplateSequence of Loghub block sessions', rows: 3 });
    expect(d.line).toEqual([2, 3, 4]);
    expect(d.messageField).toEqual(['EventTemplateSequence']);
    expect(d.message[1]).toBe('Receiving block <*> src: /<*> dest: /<*> || Exception in receiveBlock for block <*>, java.io.IOException');
    expect(d.fields).toEqual({
      BlockId: { type: 'string', values: ['blk_38865049064139660', 'blk_-6952295868487656571', 'blk_7128370237687728475'] },
      Label: { type: 'string', values: ['Normal', 'Anomaly', 'Normal'] },
      events: {
        type: 'string',
        values: [
          '["Receiving block <*> src: /<*> dest: /<*>","PacketResponder <*> for block <*> terminating"]',
          '["Receiving block <*> src: /<*> dest: /<*>","Exception in receiveBlock for block <*>, java.io.IOException"]',
          '["BLOCK* NameSystem.addStoredBlock: blockMap updated: <*> is added to <*> size <*>"]',
        ],
      },
    });
    expect(d.timestamp).toEqual([NaN, NaN, NaN]);
  });

  eachChunkSize('a sequence written as one quoted CSV field is unquoted', [['q.csv', 'BlockId,Label,EventTemplateSequence\nb1,Normal,"A ""x"", y || B"\n']], (d) => {
    expect(d.message).toEqual(['A "x", y || B']);
    expect(d.fields.events.values).toEqual(['["A \\"x\\", y","B"]']);
  });

  eachChunkSize('a row with fewer than three columns is skipped with a warning', [['s.csv', 'BlockId,Label,EventTemplateSequence\nb1,Normal,A\nbroken\nb2,Anomaly,B\n']], (d) => {
    expect(d.fields.BlockId.values).toEqual(['b1', 'b2']);
    expect(d.warnings).toEqual([{ code: 'session-columns', message: 's.csv, line 3: fewer than 3 comma-separated columns; row skipped', count: 1, lines: [3] }]);
  });

  eachChunkSizeFails('a header of fewer than three columns is an error', [['s.csv', 'BlockId\nb1\n']], (e) => {
    expect(e.message).toBe('s.csv, line 1: expected a header of three columns, e.g. "BlockId,Label,EventTemplateSequence"');
  }, { format: 'loghub-sessions' });
});

const csv = fileURLToPath(new URL('../../../../shared/datasets/hdfs-100k-sessions/HDFS_100k_block_sessions.csv', import.meta.url));
describe.skipIf(!existsSync(csv))('HDFS 100k block sessions', () => {
  it('reads 7,940 sessions, 313 anomalous, 104,815 events, streamed from disk', async () => {
    const d = await readLogs([{ name: 'HDFS_100k_block_sessions.csv', size: 0, chunks: createReadStream(csv, { highWaterMark: 1 << 16 }) }]);
    expect(d.files[0].format).toBe('loghub-sessions');
    expect(d.line.length).toBe(7940);
    expect((d.fields.Label as string[]).filter((l) => l === 'Anomaly')).toHaveLength(313);
    const events = (d.fields.events as string[]).reduce((s, e) => s + (JSON.parse(e) as string[]).length, 0);
    expect(events).toBe(104_815);
  });
});
