import { describe, it, expect } from 'vitest';
import { defaultRowColumns, rowFeatures } from '../../../app/core/features/row-features.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import type { Matrix } from '../../../app/core/matrix.ts';

const load = (name: string, text: string) => readLogs([sourceFromText(name, text)]);
const rowsOf = (m: Matrix) => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));

describe('rowFeatures', () => {
  it('uses the numeric columns as they are, in the order asked for', async () => {
    const d = await load('m.csv', 'cpu,host,mem\n0.5,a,100\n0.25,b,-3\n1e-3,c,0\n');
    const m = rowFeatures(d, ['mem', 'cpu']);
    expect([m.rows, m.cols, m.names]).toEqual([3, 2, ['mem', 'cpu']]);
    expect(rowsOf(m)).toEqual([[100, 0.5], [-3, 0.25], [0, 0.001]]);
  });

  it('names file, line and field of a missing cell', async () => {
    const d = await load('m.csv', 'cpu,mem\n0.5,1\n\n0.7,\n');
    expect(() => rowFeatures(d, ['cpu', 'mem'])).toThrow(
      'm.csv, line 4, field "mem": empty is not a number (row features need numbers in every row)',
    );
  });

  it('names file, line and field of a text column', async () => {
    const d = await load('m.csv', 'cpu,host\n0.5,a\n');
    expect(() => rowFeatures(d, ['host'])).toThrow('m.csv, line 2, field "host": "a" is not a number (row features need numbers in every row)');
  });

  it('names a column that is not there and lists the fields', async () => {
    const d = await load('m.csv', 'cpu,host\n0.5,a\n');
    expect(() => rowFeatures(d, ['mem'])).toThrow('features.columns: no field "mem" (fields: cpu, host)');
  });
});

describe('defaultRowColumns', () => {
  it('is every numeric field, in file order', async () => {
    const d = await load('m.csv', 'b,host,a,label\n1,x,2,0\n3,y,4,1\n');
    expect(defaultRowColumns(d)).toEqual(['b', 'a', 'label']);
  });
});
