import { describe, it, expect } from 'vitest';
import { buildFeatures } from '../../../app/core/features/build-features.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import type { Matrix } from '../../../app/core/matrix.ts';

const load = (name: string, text: string) => readLogs([sourceFromText(name, text)]);
const rowsOf = (m: Matrix) => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));

const TRAIN = 'user 1 login\nuser 2 login\nuser 3 login\ndisk 9 full\n';

describe('buildFeatures: line unit', () => {
  it('resolves default columns, scales, and records what it learned', async () => {
    const f = buildFeatures(await load('t.log', TRAIN), { unit: 'line', scaling: 'none' });
    expect(f.columns).toEqual(['level', 'status', 'latency', 'length', 'tokens', 'template']);
    expect(rowsOf(f.matrix)).toEqual([
      [2, 0, 0, 12, 3, 0.75], [2, 0, 0, 12, 3, 0.75], [2, 0, 0, 12, 3, 0.75], [2, 0, 0, 11, 3, 0.25],
    ]);
    expect(f.state).toEqual({
      unit: 'line',
      columns: ['level', 'status', 'latency', 'length', 'tokens', 'template'],
      scaler: { kind: 'none', offset: [0, 0, 0, 0, 0, 0], scale: [1, 1, 1, 1, 1, 1] },
      templateShare: { 0: 0.75, 1: 0.25 },
      templates: expect.objectContaining({ options: expect.objectContaining({ depth: 4 }) }),
    });
    expect(f.parsed?.templates).toEqual(['user <*> login', 'disk <*> full']);
  });

  it('applies a fitted state to new data: unseen template → share 0, the training scaler, no refitting', async () => {
    const train = buildFeatures(await load('t.log', TRAIN), { unit: 'line', columns: ['template', 'length'], scaling: 'standard' });
    // Template shares 0.75 ×3 and 0.25: mean 0.625, population variance 0.1875/4. Lengths 12 ×3 and 11: mean 11.75, variance 0.75/4.
    expect(train.scaler.offset).toEqual([0.625, 11.75]);
    expect(train.scaler.scale[0]).toBeCloseTo(Math.sqrt(0.1875 / 4), 12);
    expect(train.scaler.scale[1]).toBeCloseTo(Math.sqrt(0.75 / 4), 12);

    const fresh = await load('new.log', 'disk 4 full\ndisk 5 full\nfan 6 stopped\n');
    const scored = buildFeatures(fresh, { unit: 'line', columns: ['level'], scaling: 'minmax' }, train.state);
    // The fitted columns and scaler win over what the spec says now.
    expect(scored.columns).toEqual(['template', 'length']);
    expect(scored.scaler).toEqual(train.scaler);
    expect(scored.state).toEqual(train.state);
    const [o, s] = [train.scaler.offset, train.scaler.scale];
    const expected = [[0.25, 11], [0.25, 11], [0, 13]].map(([t, l]) => [(t - o[0]) / s[0], (l - o[1]) / s[1]]);
    rowsOf(scored.matrix).forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 12)));

    // Fitting on the scored data instead would give other numbers: nothing of it leaked into the scaler.
    const refit = buildFeatures(fresh, { unit: 'line', columns: ['template', 'length'], scaling: 'standard' });
    expect(refit.scaler.offset).not.toEqual(train.scaler.offset);
  });

  it('refuses a fitted state of another unit', async () => {
    const d = await load('m.csv', 'a,b\n1,2\n3,4\n');
    const rows = buildFeatures(d, { unit: 'row' });
    expect(() => buildFeatures(d, { unit: 'line' }, rows.state)).toThrow('fitted features are for unit "row", the spec asks for "line"');
  });
});

describe('buildFeatures: row unit', () => {
  it('uses every numeric column by default, scaled, without template state', async () => {
    const d = await load('m.csv', 'x,host,y\n1,a,10\n3,b,30\n');
    const f = buildFeatures(d, { unit: 'row', scaling: 'minmax' });
    expect(f.columns).toEqual(['x', 'y']);
    expect(rowsOf(f.matrix)).toEqual([[0, 0], [1, 1]]);
    expect(f.state).toEqual({ unit: 'row', columns: ['x', 'y'], scaler: { kind: 'minmax', offset: [1, 10], scale: [2, 20] } });
    expect(f.parsed).toBeNull();
  });

  it('reuses the training min and max on new rows', async () => {
    const train = buildFeatures(await load('m.csv', 'x,y\n1,0\n3,4\n'), { unit: 'row', scaling: 'minmax' });
    const scored = buildFeatures(await load('n.csv', 'x,y\n5,2\n'), { unit: 'row', scaling: 'minmax' }, train.state);
    expect(rowsOf(scored.matrix)).toEqual([[2, 0.5]]);
  });

  it('says when a file has no numeric columns, and suggests the line unit', async () => {
    const d = await load('words.csv', 'host,msg\na,b\n');
    expect(() => buildFeatures(d, { unit: 'row' })).toThrow(
      'features.unit "row" needs numeric columns, and words.csv has none (try unit "line")',
    );
  });

  it('names an unknown unit', async () => {
    const d = await load('m.csv', 'x,y\n1,2\n');
    expect(() => buildFeatures(d, { unit: 'session' as 'row' })).toThrow('features.unit: unknown unit "session" (known: line, row)');
  });
});
