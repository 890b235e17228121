import { describe, it, expect } from 'vitest';
import {
  eventCountMatrix,
  fitEventColumns,
  sessionListEvents,
  templateEvents,
} from '../../../app/core/features/event-count-matrix.ts';
import { sessionUnits } from '../../../app/core/features/session-units.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import type { Matrix } from '../../../app/core/matrix.ts';
import { parseLines } from '../../../app/core/parse/line-fields.ts';

const read = (name: string, lines: string[]) => readLogs([sourceFromText(name, lines.join('\n') + '\n')]);
const rowsOf = (m: Matrix) => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));

const HDFS_LIKE = [
  'Receiving block blk_1 src /10.0.0.1',
  'Receiving block blk_-2 src /10.0.0.2',
  'Deleting block blk_1 file /data/blk_1',
  'heartbeat from datanode',
  'ask 10.0.0.1 to replicate blk_1 to datanode blk_-2',
  'Received block blk_-2 of size 67',
  'Receiving block blk_3 src /10.0.0.3',
  'Exception in receiveBlock for block blk_3', // only in blk_3, the test session
];
const RECEIVING = 'Receiving block <*> src <*>';
const DELETING = 'Deleting block <*> file <*>';
const ASK = 'ask <*> to replicate <*> to datanode <*>';
const RECEIVED = 'Received block <*> of size <*>';
const EXCEPTION = 'Exception in receiveBlock for block <*>';

async function hdfsEvents() {
  const data = await read('hdfs.log', HDFS_LIKE);
  const parsed = parseLines(data);
  const sessions = sessionUnits(data, { pattern: 'blk_-?\\d+' });
  expect(sessions.keys).toEqual(['blk_1', 'blk_-2', 'blk_3']);
  return templateEvents(parsed.templateId, parsed.templates, sessions, data.timestamp);
}

describe('event-count matrix from template ids', () => {
  it('counts each template per session, columns sorted by text', async () => {
    const events = await hdfsEvents();
    const columns = fitEventColumns(events);
    expect(columns).toEqual({ templates: [DELETING, EXCEPTION, RECEIVED, RECEIVING, ASK], unseen: false });
    const m = eventCountMatrix(events, columns);
    expect([m.rows, m.cols, m.names]).toEqual([3, 5, [DELETING, EXCEPTION, RECEIVED, RECEIVING, ASK]]);
    expect(rowsOf(m)).toEqual([
      [1, 0, 0, 1, 1], // blk_1: receiving, deleting, ask
      [0, 0, 1, 1, 1], // blk_-2: receiving, ask, received
      [0, 1, 0, 1, 0], // blk_3: receiving, exception
    ]);
  });

  it('learns columns on the training sessions only: a template only the test session has adds no column', async () => {
    const events = await hdfsEvents();
    const columns = fitEventColumns(events, { train: [0, 1] });
    expect(columns.templates).toEqual([DELETING, RECEIVED, RECEIVING, ASK]);
    const m = eventCountMatrix(events, columns);
    expect(m.names).toEqual([DELETING, RECEIVED, RECEIVING, ASK]);
    expect(rowsOf(m)).toEqual([
      [1, 0, 1, 1],
      [0, 1, 1, 1],
      [0, 0, 1, 0], // the exception is dropped
    ]);
  });

  it('counts templates the training sessions never had in "unseen" when asked', async () => {
    const events = await hdfsEvents();
    const columns = fitEventColumns(events, { train: [0, 1], unseen: true });
    const m = eventCountMatrix(events, columns);
    expect(m.names).toEqual([DELETING, RECEIVED, RECEIVING, ASK, 'unseen']);
    expect(rowsOf(m)).toEqual([
      [1, 0, 1, 1, 0],
      [0, 1, 1, 1, 0],
      [0, 0, 1, 0, 1],
    ]);
  });

  it('applies training columns to new data matched against the training templates (ids differ, texts match)', async () => {
    const train = await read('train.log', HDFS_LIKE.slice(0, 6));
    const parsedTrain = parseLines(train);
    const trainEvents = templateEvents(parsedTrain.templateId, parsedTrain.templates, sessionUnits(train, { pattern: 'blk_-?\\d+' }));
    const columns = fitEventColumns(trainEvents, { unseen: true });
    const test = await read('test.log', ['Exception in receiveBlock for block blk_9', 'Received block blk_9 of size 3', 'Deleting block blk_9 file /x']);
    const parsedTest = parseLines(test, undefined, { learned: parsedTrain.miner });
    expect(parsedTest.templateId[0]).toBe(-1); // never seen: no template id at all
    const m = eventCountMatrix(templateEvents(parsedTest.templateId, parsedTest.templates, sessionUnits(test, { pattern: 'blk_-?\\d+' })), columns);
    expect(m.names).toEqual([DELETING, RECEIVED, RECEIVING, ASK, 'unseen']);
    expect(rowsOf(m)).toEqual([[1, 1, 0, 0, 1]]);
  });

  it('adds length (events) and duration (ms from first to last timestamp, 0 when unknown)', async () => {
    const data = await read('s.log', [
      '2026-03-02T10:00:00Z open session=a',
      '2026-03-02T10:00:02Z open session=b',
      '2026-03-02T10:00:03.500Z close session=a',
      'close session=c',
      '2026-03-02T10:00:09Z close session=b',
      'open session=c',
    ]);
    const parsed = parseLines(data);
    const events = templateEvents(parsed.templateId, parsed.templates, sessionUnits(data, { pattern: 'session=(\\w+)' }), data.timestamp);
    const columns = fitEventColumns(events);
    const m = eventCountMatrix(events, columns, ['length', 'duration']);
    expect(m.names.slice(-2)).toEqual(['length', 'duration']);
    expect(rowsOf(m).map((r) => r.slice(-2))).toEqual([[2, 3_500], [2, 7_000], [2, 0]]);
  });

  it('names an unknown extra column and the known ones', async () => {
    const events = await hdfsEvents();
    expect(() => eventCountMatrix(events, fitEventColumns(events), ['lenght'])).toThrow(
      'features: unknown session column "lenght" (known: length, duration)',
    );
  });

  it('rejects a training unit that does not exist', async () => {
    const events = await hdfsEvents();
    expect(() => fitEventColumns(events, { train: [3] })).toThrow('fitEventColumns: training unit 3 is not in 0..2');
  });
});

describe('event-count matrix from Loghub session lists', () => {
  const CSV = [
    'BlockId,Label,EventTemplateSequence',
    'blk_1,Normal,Receiving block <*> || Receiving block <*> || Received block <*> of size <*>',
    'blk_2,Anomaly,Receiving block <*> || Exception in receiveBlock for block <*>, java.io.IOException',
    'blk_3,Normal,Received block <*> of size <*> || Deleting block <*> file <*>',
    'blk_4,Normal,',
  ];

  it('counts each template string of a session, columns learned on the training sessions', async () => {
    const data = await read('sessions.csv', CSV);
    const sessions = sessionUnits(data, { field: 'BlockId' });
    const events = sessionListEvents(data, sessions);
    const columns = fitEventColumns(events, { train: [0, 1, 3] });
    expect(columns.templates).toEqual(['Exception in receiveBlock for block <*>, java.io.IOException', 'Received block <*> of size <*>', 'Receiving block <*>']);
    const m = eventCountMatrix(events, columns, ['length', 'duration']);
    expect(m.names).toEqual([...columns.templates, 'length', 'duration']);
    expect(rowsOf(m)).toEqual([
      [0, 1, 2, 3, 0],
      [1, 0, 1, 2, 0],
      [0, 1, 0, 2, 0], // "Deleting block" only in the test session: dropped, still in length
      [0, 0, 0, 0, 0],
    ]);
    expect(rowsOf(eventCountMatrix(events, { ...columns, unseen: true }))[2]).toEqual([0, 1, 0, 1]);
  });

  it('joins the lists of a session spread over several rows', async () => {
    const data = await read('s.jsonl', ['{"sid":"a","events":["A","B"]}', '{"sid":"b","events":["A"]}', '{"sid":"a","events":["A"]}']);
    const events = sessionListEvents(data, sessionUnits(data, { field: 'sid' }));
    expect(rowsOf(eventCountMatrix(events, fitEventColumns(events)))).toEqual([[2, 1], [1, 0]]);
  });

  it('names an absent field and a value that is not a list of strings', async () => {
    const data = await read('s.jsonl', ['{"sid":"a","events":"oops"}']);
    const sessions = sessionUnits(data, { field: 'sid' });
    expect(() => sessionListEvents(data, sessions, 'sequence')).toThrow('sessions: no field "sequence" with event lists (fields: sid, events)');
    expect(() => sessionListEvents(data, sessions)).toThrow('sessions: field "events" of row 1 (line 1) is not a JSON array of template strings');
  });
});
