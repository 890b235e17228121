import { describe, it, expect } from 'vitest';
import { joinLabels } from '../../../app/core/ingest/label-join.ts';
import { parseLabelFile } from '../../../app/core/ingest/label-file.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import { fixture } from './chunked.ts';

const table = parseLabelFile(fixture('anomaly_label.csv'), 'anomaly_label.csv');
const load = (name: string, text: string) => readLogs([sourceFromText(name, text)]);

describe('joinLabels', () => {
  it('joins raw HDFS lines on the block id found by a regular expression; lines without a known block are normal and counted', async () => {
    const d = await load('HDFS.log', fixture('hdfs-raw.log'));
    const { labels, unmatched } = joinLabels(d, { rows: table, key: 'blk_-?\\d+', column: 'Label', anomalous: ['Anomaly'] });
    // Lines 2 and 5 name the anomalous block; line 6 names none.
    expect(Array.from(labels)).toEqual([0, 1, 0, 0, 1, 0]);
    expect(unmatched).toBe(1);
  });

  it('joins session rows on a field, the key column found by name', async () => {
    const d = await load('sessions.csv', fixture('hdfs-sessions.csv'));
    const r = joinLabels(d, { rows: table, key: 'BlockId', column: 'Label' });
    expect([Array.from(r.labels), r.unmatched]).toEqual([[0, 1, 0], 0]);
  });

  it('uses the first group of the expression, the given key column, and a normal list', async () => {
    const d = await load('x.log', 'req id=7 failed\nreq id=8 ok\nreq id=9 unknown\nno id\n');
    const rows = [{ y: 'bad', req: '7' }, { y: 'fine', req: '8' }];
    const r = joinLabels(d, { rows, key: 'id=(\\d+)', keyColumn: 'req', column: 'y', normal: ['fine'] });
    expect([Array.from(r.labels), r.unmatched]).toEqual([[1, 0, 0, 0], 2]);
  });

  it('a row with several keys is anomalous if any is; a key listed twice is anomalous if any row says so', async () => {
    const d = await load('x.log', 'move blk_1 to blk_2\nblk_3\n');
    const rows = [{ BlockId: 'blk_1', Label: 'Normal' }, { BlockId: 'blk_2', Label: 'Anomaly' }, { BlockId: 'blk_3', Label: 'Normal' }, { BlockId: 'blk_3', Label: 'Anomaly' }];
    expect(Array.from(joinLabels(d, { rows, key: 'blk_\\d+', column: 'Label' }).labels)).toEqual([1, 1]);
  });

  it('names what is missing', async () => {
    const d = await load('s.csv', fixture('hdfs-sessions.csv'));
    expect(() => joinLabels(d, { rows: table, key: 'BlockId', column: 'label' })).toThrow('labels.join.column: the label table has no column "label" (columns: BlockId, Label)');
    expect(() => joinLabels(d, { rows: table, key: 'BlockId', keyColumn: 'Block', column: 'Label' })).toThrow('labels.join.keyColumn: the label table has no column "Block" (columns: BlockId, Label)');
    expect(() => joinLabels(d, { rows: table, key: 'block_id', column: 'Label' })).toThrow(
      'labels.join.key: no field "block_id" in s.csv (fields: BlockId, Label, events); to find the key in the message, give a regular expression such as "blk_-?\\d+"',
    );
    expect(() => joinLabels(d, { rows: table, key: 'blk_(', column: 'Label' })).toThrow(/^labels\.join\.key: "blk_\(" is neither a field nor a usable regular expression \("blk_\(" cannot be used/);
    expect(() => joinLabels(d, { rows: [], key: 'BlockId', column: 'Label' })).toThrow('labels.join.rows: the label table has no rows');
  });
});
