import { describe, expect, it } from 'vitest';
import { buildFeatures } from '../../../app/core/features/build-features.ts';
import {
  checkVariableRanges,
  fitVariableRanges,
  parseVariableNumber,
  robustRange,
  variableDeviations,
  variableRangeColumn,
} from '../../../app/core/features/template-variables.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import { parseLines } from '../../../app/core/parse/line-fields.ts';
import { readFixture, row } from '../../fixtures/anomaly-kinds/load-fixture.ts';

const load = (lines: string[]) => readLogs([sourceFromText('t.log', lines.join('\n') + '\n')], { format: 'text' });
const TRAIN_ROWS = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]);
const API = { position: 1, name: 'took', unit: 'ms', median: 30, scale: 1.4826, count: 5, min: 28, max: 32 };

describe('parseVariableNumber', () => {
  it('reads a number and the unit after it, or nothing', () => {
    expect(parseVariableNumber('35')).toEqual({ value: 35, unit: '' });
    expect(parseVariableNumber('35ms')).toEqual({ value: 35, unit: 'ms' });
    expect(parseVariableNumber('2.5 s')).toEqual({ value: 2.5, unit: 's' });
    expect(parseVariableNumber('-1e3')).toEqual({ value: -1000, unit: '' });
    expect(parseVariableNumber('.5')).toEqual({ value: 0.5, unit: '' });
    for (const text of ['SKU-93161', 'db-2:5432', '2026-03-02T10:00:00Z', 'b64f823b', '10.0.0.1', '0x1f', '']) expect(parseVariableNumber(text), text).toBeNull();
  });
});

describe('robustRange', () => {
  it('median and 1.4826 × MAD', () => {
    expect(robustRange([30, 32, 28, 31, 29])).toEqual({ median: 30, scale: 1.4826, count: 5, min: 28, max: 32 });
    expect(robustRange([1, 2, 3, 4])).toEqual({ median: 2.5, scale: 1.4826, count: 4, min: 1, max: 4 });
  });

  it('MAD 0 (most values equal): 1.2533 × the mean absolute deviation; all equal: 1', () => {
    // 200 ×4 and 404: MAD 0, mean |x − 200| = 204 / 5.
    expect(robustRange([200, 200, 404, 200, 200]).scale).toBe((1.2533 * 204) / 5);
    expect(robustRange([7, 7, 7]).scale).toBe(1);
  });
});

describe('fitVariableRanges', () => {
  it('learns the range of each template\'s numeric variables on the training lines only', async () => {
    const data = await readFixture('lines.log');
    const parsed = parseLines(data, undefined, { trainRows: TRAIN_ROWS });
    expect(parsed.templates).toEqual(['<*> INFO api took <*>', '<*> INFO db query ok']);
    // The timestamp is a variable too, but not a number; the judged 45 ms is not in the range.
    expect(fitVariableRanges(data.message, parsed, TRAIN_ROWS)).toEqual({ 0: { template: '<*> INFO api took <*>', variables: [API] } });
  });

  it('leaves out positions with a word, mixed units, too few values, or an identifier or counter', async () => {
    const lines = [
      ...[3, 5, 4, 6, 5].map((n, i) => `conn from port ${40000 + i} user u${i} took ${n} ms size ${i % 2 ? `${n}KB` : `${n}MB`}`),
      ...[1, 2].map((n) => `cache sweep freed ${n} keys`),
      ...Array.from({ length: 12 }, (_, i) => `tick seq ${100 + i} load ${[2, 3][i % 2]}`),
    ];
    const data = await load(lines);
    const parsed = parseLines(data);
    expect(parsed.templates).toEqual(['conn from port <*> user <*> took <*> size <*>', 'cache sweep freed <*> keys', 'tick seq <*> load <*>']);
    const ranges = fitVariableRanges(data.message, parsed);
    // port: an identifier word; user: not a number; size: KB and MB; cache: 2 values; seq: grows with every line.
    expect(ranges).toEqual({
      0: { template: 'conn from port <*> user <*> took <*> size <*>', variables: [{ position: 2, name: 'took', unit: 'ms', ...robustRange([3, 5, 4, 6, 5]) }] },
      2: { template: 'tick seq <*> load <*>', variables: [{ position: 1, name: 'load', unit: '', ...robustRange(Array.from({ length: 12 }, (_, i) => [2, 3][i % 2])) }] },
    });
  });
});

describe('variableRangeColumn and variableDeviations', () => {
  it('each line\'s largest robust z against its own template; 0 (and counted missing) for lines without a judged number', async () => {
    const data = await readFixture('lines.log');
    const parsed = parseLines(data, undefined, { trainRows: TRAIN_ROWS });
    const ranges = fitVariableRanges(data.message, parsed, TRAIN_ROWS);
    const { values, missing } = variableRangeColumn(data.message, parsed, ranges);
    const z = (ms: number) => Math.abs(ms - 30) / 1.4826;
    expect(Array.from(values)).toEqual([z(30), z(32), 0, z(28), z(31), 0, z(29), 0, z(45), 0, 0, z(31)]);
    expect(missing).toBe(5); // the four db lines and the never-seen disk line
    expect(variableDeviations(ranges[0], ['2026-03-02T11:00:00Z', '2.5 s'])).toEqual([]); // seconds are not the baseline's ms
    expect(variableDeviations(ranges[0], ['x', '60 ms'])).toEqual([{ range: API, value: 60, z: 30 / 1.4826 }]);
  });

  it('refuses ranges of other templates, naming the field', () => {
    const templates = ['<*> INFO api took <*>'];
    expect(() => checkVariableRanges({ 0: { template: 'other <*>', variables: [] } }, templates)).toThrow(
      'features.state.variableRanges.0.template: "other <*>" is not template 0 of the fitted templates ("<*> INFO api took <*>"); fit the spec again',
    );
    expect(() => checkVariableRanges({ 4: { template: 'x', variables: [] } }, templates)).toThrow('features.state.variableRanges.4: not a template id of the fitted templates (0–0)');
    expect(() => checkVariableRanges({ 0: { template: templates[0], variables: [{ ...API, scale: 0 }] } }, templates)).toThrow('features.state.variableRanges.0.variables[0]: expected { position, name, unit, median, scale > 0, count, min, max }');
    expect(() => checkVariableRanges([], templates)).toThrow('features.state.variableRanges: expected an object of templates by id');
  });
});

describe('buildFeatures with the variable-range column', () => {
  it('learns the ranges on the training rows, keeps them in the state and applies them to new lines', async () => {
    const data = await readFixture('lines.log');
    const train = buildFeatures(data, { unit: 'line', columns: ['template', 'variable-range'], scaling: 'none' }, { trainUnits: TRAIN_ROWS });
    expect(train.state.variableRanges).toEqual({ 0: { template: '<*> INFO api took <*>', variables: [API] } });
    expect(train.summary.find((c) => c.name === 'variable-range')).toMatchObject({ kind: 'number', missing: 5 });
    const fresh = await readFixture('lines-new.log');
    const scored = buildFeatures(fresh, { unit: 'line', columns: ['template', 'variable-range'], scaling: 'none' }, { fitted: train.state });
    // 60 ms; a never-seen line (share 0, no range); 30 ms; 2.5 s, in another unit than the baseline's.
    expect([0, 1, 2, 3].map((i) => row(scored.matrix, i))).toEqual([[0.625, 30 / 1.4826], [0, 0], [0.625, 0], [0.625, 0]]);
  });

  it('a fitted state without the ranges is refused, naming the field', async () => {
    const data = await readFixture('lines.log');
    const { variableRanges: _v, ...state } = buildFeatures(data, { unit: 'line', columns: ['template', 'variable-range'], scaling: 'none' }).state;
    expect(() => buildFeatures(data, { unit: 'line', columns: ['template', 'variable-range'] }, { fitted: state })).toThrow(/^features\.state\.variableRanges: /);
  });
});
