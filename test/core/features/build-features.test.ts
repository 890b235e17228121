import { describe, it, expect } from 'vitest';
import { buildFeatures } from '../../../app/core/features/build-features.ts';
import type { LinearScaling } from '../../../app/core/features/scale-columns.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import type { Matrix } from '../../../app/core/matrix.ts';

const load = (name: string, text: string) => readLogs([sourceFromText(name, text)]);
const rowsOf = (m: Matrix) => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
const linear = (s: unknown) => s as LinearScaling;

const TRAIN = 'user 1 login\nuser 2 login\nuser 3 login\ndisk 9 full\n';

describe('buildFeatures: line unit', () => {
  it('resolves default columns, drops the constant ones with a note, and records what it learned', async () => {
    const f = buildFeatures(await load('t.log', TRAIN), { unit: 'line', scaling: 'none' });
    // level, status, latency and tokens are the same on every line: they say nothing.
    expect(f.dropped).toEqual(['level', 'status', 'latency', 'tokens']);
    expect(f.notes).toEqual(['dropped 4 columns with the same value in every unit: level, status, latency, tokens']);
    expect(f.columns).toEqual(['length', 'template']);
    expect(rowsOf(f.matrix)).toEqual([[12, 0.75], [12, 0.75], [12, 0.75], [11, 0.25]]);
    expect(f.state).toEqual({
      unit: 'line',
      columns: ['length', 'template'],
      base: ['level', 'status', 'latency', 'length', 'tokens', 'template'],
      scaler: { kind: 'none', offset: [0, 0], scale: [1, 1] },
      templateShare: { 0: 0.75, 1: 0.25 },
      templates: expect.objectContaining({ options: expect.objectContaining({ depth: 4 }) }),
    });
    expect(f.parsed?.templates).toEqual(['user <*> login', 'disk <*> full']);
    expect(f.summary).toEqual([
      { name: 'length', kind: 'count', missing: 0, min: 11, mean: 11.75, max: 12 },
      { name: 'template', kind: 'share', missing: 0, min: 0.25, mean: 0.625, max: 0.75 },
    ]);
  });

  it('counts missing values the fill stands in for', async () => {
    const f = buildFeatures(await load('m.log', 'GET /a status=200 latency=5ms\nboot done\nGET /b status=500 latency=9ms\n'), { unit: 'line', columns: ['status', 'latency', 'length'] });
    expect(f.summary.map((c) => [c.name, c.missing])).toEqual([['status', 1], ['latency', 1], ['length', 0]]);
  });

  it('keeps every column when all of them are constant, rather than leaving none', async () => {
    const f = buildFeatures(await load('one.log', 'just one line\n'), { unit: 'line' });
    expect(f.dropped).toEqual([]);
    expect(f.matrix.cols).toBe(6);
  });

  it('applies a fitted state to new data: unseen template → share 0, the training scaler and columns, no refitting', async () => {
    const train = buildFeatures(await load('t.log', TRAIN), { unit: 'line', columns: ['template', 'length'], scaling: 'standard' });
    // Template shares 0.75 ×3 and 0.25: mean 0.625, population variance 0.1875/4. Lengths 12 ×3 and 11: mean 11.75, variance 0.75/4.
    expect(linear(train.scaler).offset).toEqual([0.625, 11.75]);
    expect(linear(train.scaler).scale[0]).toBeCloseTo(Math.sqrt(0.1875 / 4), 12);
    expect(linear(train.scaler).scale[1]).toBeCloseTo(Math.sqrt(0.75 / 4), 12);

    // In the new file, length is constant: the fitted columns still hold.
    const fresh = await load('new.log', 'disk 4 full\ndisk 5 full\nfan 6 stop\n');
    const scored = buildFeatures(fresh, { unit: 'line', columns: ['level'], scaling: 'minmax' }, { fitted: train.state });
    expect(scored.columns).toEqual(['template', 'length']);
    expect(scored.scaler).toEqual(train.scaler);
    expect(scored.state).toEqual(train.state);
    const [o, s] = [linear(train.scaler).offset, linear(train.scaler).scale];
    const expected = [[0.25, 11], [0.25, 11], [0, 10]].map(([t, l]) => [(t - o[0]) / s[0], (l - o[1]) / s[1]]);
    rowsOf(scored.matrix).forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 12)));

    const refit = buildFeatures(fresh, { unit: 'line', columns: ['template', 'length'], scaling: 'standard' });
    expect(linear(refit.scaler).offset).not.toEqual(linear(train.scaler).offset);
  });

  it('refuses a fitted state of another unit', async () => {
    const d = await load('m.csv', 'a,b\n1,2\n3,4\n');
    const rows = buildFeatures(d, { unit: 'row' });
    expect(() => buildFeatures(d, { unit: 'line' }, { fitted: rows.state })).toThrow('fitted features are for unit "row", the spec asks for "line"');
  });

  it('learns known categorical values and text weights on the training rows only', async () => {
    const d = await load('w.jsonl', [
      '{"message":"GET /a ok","action":"allow"}',
      '{"message":"GET /b ok","action":"allow"}',
      '{"message":"GET /c ok","action":"block"}',
      '{"message":"POST /x odd","action":"challenge"}',
    ].join('\n'));
    const train = Int32Array.from([0, 1, 2]);
    const f = buildFeatures(d, {
      unit: 'line',
      columns: ['length'],
      categorical: [{ field: 'action', mode: 'known' }, { field: 'action', mode: 'onehot', minCount: 2 }],
      text: { kind: 'hashed-tfidf', width: 4 },
    }, { trainUnits: train });
    // `challenge` is only in the judged row: unknown there. One-hot knows only `allow` (twice in training).
    const cat = f.columns.filter((c) => c.startsWith('action'));
    expect(cat).toEqual(['action:unknown', 'action=allow', 'action=<other>']);
    const at = (name: string) => Array.from({ length: 4 }, (_, i) => f.matrix.data[i * f.matrix.cols + f.columns.indexOf(name)]);
    expect(at('action:unknown')).toEqual([0, 0, 0, 1]);
    expect(at('action=allow')).toEqual([1, 1, 0, 0]);
    expect(f.state.categorical?.[0].known).toEqual(['allow', 'block']);
    // The idf counted 3 training documents: smooth idf ln(4 / (1 + df)) + 1.
    const idf = f.state.text?.kind === 'hashed-tfidf' ? f.state.text.idf : [];
    expect(idf.every((v) => [1, Math.log(4 / 3) + 1, Math.log(2) + 1, Math.log(4) + 1].some((w) => Math.abs(v - w) < 1e-12))).toBe(true);
    expect(f.summary.find((c) => c.name === 'action:unknown')?.kind).toBe('indicator');
  });

  it('an empty column list with text columns gives text columns only; alone it gives the defaults', async () => {
    const d = await load('t.log', TRAIN);
    const text = buildFeatures(d, { unit: 'line', columns: [], text: { kind: 'hashed-tfidf', width: 8 } });
    expect(text.columns.every((c) => c.startsWith('hash:'))).toBe(true);
    expect(text.columns).toHaveLength(8);
    expect(buildFeatures(d, { unit: 'line', columns: [] }).columns).toEqual(['length', 'template']);
  });
});

describe('buildFeatures: session and window units', () => {
  const HDFS = [
    '081109 203615 148 INFO dfs.DataNode: Receiving block blk_1 src: /10.0.0.1:5000',
    '081109 203616 148 INFO dfs.DataNode: Receiving block blk_2 src: /10.0.0.2:5000',
    '081109 203617 148 INFO dfs.DataNode: Received block blk_1 of size 10',
    '081109 203618 148 WARN dfs.DataNode: Exception writing block blk_2 to mirror',
    '081109 203619 148 INFO dfs.DataNode: Received block blk_3 of size 12',
  ].join('\n');
  // Template columns are named by their text; the line's date, time and pid are masked in front.
  const short = (names: string[]) => names.map((n) => n.replace(/^.*dfs\.DataNode: /, ''));

  it('counts templates per session, with length and duration, vocabulary from the training sessions only', async () => {
    const d = await load('hdfs.log', HDFS);
    const f = buildFeatures(d, { unit: 'session', key: 'blk_-?\\d+', columns: ['templates', 'length', 'duration'] }, { trainUnits: Int32Array.from([0, 2]) });
    expect(f.units?.names).toEqual(['blk_1', 'blk_2', 'blk_3']);
    // The exception template only occurs in blk_2, a judged session: no column for it.
    expect(short(f.columns)).toEqual(['Received block <*> of size <*>', 'Receiving block <*> src: <*>', 'length', 'duration']);
    expect(rowsOf(f.matrix)).toEqual([[1, 1, 2, 2000], [0, 1, 2, 2000], [1, 0, 1, 0]]);
    expect(f.state.vocabulary).toEqual({ templates: f.columns.slice(0, 2), unseen: false });
    // With `unseen`, blk_2's exception is counted in a column of its own, 0 on training sessions by construction.
    const u = buildFeatures(d, { unit: 'session', key: 'blk_-?\\d+', unseen: true }, { trainUnits: Int32Array.from([0, 2]) });
    expect(u.columns.at(-1)).toBe('unseen');
    expect(rowsOf(u.matrix).map((r) => r.at(-1))).toEqual([0, 1, 0]);
  });

  it('with the default columns gives loglizer event counts, and sessions are labelled by their rows', async () => {
    const d = await load('hdfs.log', HDFS);
    const f = buildFeatures(d, { unit: 'session', key: 'blk_-?\\d+' });
    expect(short(f.columns)).toEqual(['Received block <*> of size <*>', 'Receiving block <*> src: <*>', 'Exception writing block <*> to mirror']);
    expect(rowsOf(f.matrix)).toEqual([[1, 1, 0], [0, 1, 1], [1, 0, 0]]);
    expect(Array.from(f.units!.time)).toEqual([Date.UTC(2008, 10, 9, 20, 36, 15), Date.UTC(2008, 10, 9, 20, 36, 16), Date.UTC(2008, 10, 9, 20, 36, 19)]);
  });

  it('names a missing session key', async () => {
    const d = await load('hdfs.log', HDFS);
    expect(() => buildFeatures(d, { unit: 'session' })).toThrow('features.key: a session unit needs a key');
  });

  it('cuts fixed windows per group, with counts, errors, distinct values and sums', async () => {
    const d = await load('net.log', [
      'ts=2024-01-01T00:00:10Z level=info src=a dst=x bytes=10',
      'ts=2024-01-01T00:00:20Z level=error src=b dst=x bytes=30',
      'ts=2024-01-01T00:00:30Z level=info src=a dst=y bytes=5',
      'ts=2024-01-01T00:01:10Z level=info src=c dst=x bytes=7',
    ].join('\n'));
    const f = buildFeatures(d, { unit: 'window', size: '1m', groupBy: 'dst', columns: ['count', 'errors', 'distinct:src', 'sum:bytes'] });
    expect(f.units?.names).toEqual([
      '2024-01-01T00:00:00.000Z – 2024-01-01T00:01:00.000Z dst=x',
      '2024-01-01T00:00:00.000Z – 2024-01-01T00:01:00.000Z dst=y',
      '2024-01-01T00:01:00.000Z – 2024-01-01T00:02:00.000Z dst=x',
    ]);
    expect(f.columns).toEqual(['count', 'errors', 'distinct:src', 'sum:bytes']);
    expect(rowsOf(f.matrix)).toEqual([[2, 1, 2, 40], [1, 0, 1, 5], [1, 0, 1, 7]]);
    expect(f.units?.group).toEqual(['x', 'y', 'x']);
  });

  it('sliding windows hold a row once per window spanning it', async () => {
    const d = await load('s.log', ['ts=2024-01-01T00:00:10Z a', 'ts=2024-01-01T00:00:40Z b', 'ts=2024-01-01T00:01:10Z c'].join('\n'));
    const f = buildFeatures(d, { unit: 'window', size: '1m', step: '30s', columns: ['count'] });
    // Windows start at −30 s, 0 s, 30 s, 60 s.
    expect(rowsOf(f.matrix)).toEqual([[1], [2], [2], [1]]);
  });

  it('names a bad window size, and refuses per-row text columns on grouped units', async () => {
    const d = await load('s.log', 'ts=2024-01-01T00:00:10Z a\n');
    expect(() => buildFeatures(d, { unit: 'window', size: '5 minutes' })).toThrow('features.size: "5 minutes" is not a duration');
    expect(() => buildFeatures(d, { unit: 'window', size: '5m', text: { kind: 'hashed-tfidf' } })).toThrow('categorical and text columns are per row');
  });
});

describe('buildFeatures: row unit', () => {
  it('uses every numeric column by default, scaled, without template state', async () => {
    const d = await load('m.csv', 'x,host,y\n1,a,10\n3,b,30\n');
    const f = buildFeatures(d, { unit: 'row', scaling: 'minmax' });
    expect(f.columns).toEqual(['x', 'y']);
    expect(rowsOf(f.matrix)).toEqual([[0, 0], [1, 1]]);
    expect(f.state).toEqual({ unit: 'row', columns: ['x', 'y'], base: ['x', 'y'], scaler: { kind: 'minmax', offset: [1, 10], scale: [2, 20] } });
    expect(f.parsed).toBeNull();
  });

  it('reuses the training min and max on new rows', async () => {
    const train = buildFeatures(await load('m.csv', 'x,y\n1,0\n3,4\n'), { unit: 'row', scaling: 'minmax' });
    const scored = buildFeatures(await load('n.csv', 'x,y\n5,2\n'), { unit: 'row', scaling: 'minmax' }, { fitted: train.state });
    expect(rowsOf(scored.matrix)).toEqual([[2, 0.5]]);
  });

  it('fits robust scaling on the training rows only', async () => {
    const d = await load('m.csv', 'x,y\n1,0\n2,0\n3,0\n4,0\n100,1\n');
    const f = buildFeatures(d, { unit: 'row', scaling: 'robust' }, { trainUnits: Int32Array.from([0, 1, 2, 3]) });
    // Median 2.5, IQR 3.25 − 1.75 = 1.5 from the first four rows; the 100 is judged, not learned.
    expect(linear(f.scaler).offset).toEqual([2.5, 0]);
    // y is 0 on every training row but 1 on the judged one: kept, and an IQR of 0 becomes 1.
    expect(linear(f.scaler).scale).toEqual([1.5, 1]);
  });

  it('says when a file has no numeric columns, and suggests the line unit', async () => {
    const d = await load('words.csv', 'host,msg\na,b\n');
    expect(() => buildFeatures(d, { unit: 'row' })).toThrow(
      'features.unit "row" needs numeric columns, and words.csv has none (try unit "line")',
    );
  });

  it('names an unknown unit', async () => {
    const d = await load('m.csv', 'x,y\n1,2\n');
    expect(() => buildFeatures(d, { unit: 'hour' as 'row' })).toThrow('features.unit: unknown unit "hour" (known: line, row, session, window)');
  });
});
