import { describe, it, expect } from 'vitest';
import { fitEventColumns, templateEvents } from '../../../app/core/features/event-count-matrix.ts';
import { windowFeatures } from '../../../app/core/features/window-aggregates.ts';
import { windowUnits } from '../../../app/core/features/window-units.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import type { Matrix } from '../../../app/core/matrix.ts';
import { parseLines } from '../../../app/core/parse/line-fields.ts';

const read = (name: string, lines: string[]) => readLogs([sourceFromText(name, lines.join('\n') + '\n')]);
const rowsOf = (m: Matrix) => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));

const LINES = [
  '{"time":"2026-03-02T10:00:05Z","level":"INFO","src_ip":"1.1.1.1","bytes":100,"msg":"GET /a ok"}',
  '{"time":"2026-03-02T10:00:20Z","level":"ERROR","src_ip":"1.1.1.2","bytes":300,"msg":"GET /a failed"}',
  '{"time":"2026-03-02T10:00:50Z","level":"INFO","src_ip":"1.1.1.1","msg":"GET /a ok"}',
  '{"time":"2026-03-02T10:01:10Z","level":"FATAL","src_ip":"1.1.1.3","bytes":50,"msg":"disk full"}',
  '{"time":"2026-03-02T10:02:30Z","level":"WARN","bytes":7,"msg":"GET /a ok"}',
  '{"level":"INFO","msg":"no time"}',
];
const MIN = 60_000;

async function fixture() {
  const data = await read('w.jsonl', LINES);
  const parsed = parseLines(data);
  expect(parsed.templates).toEqual(['GET <*> ok', 'GET <*> failed', 'disk full', 'no time']);
  // Windows: 10:00 {0, 1, 2}, 10:01 {3}, 10:02 {4}; row 5 has no time.
  const units = windowUnits(data.timestamp, { size: MIN });
  expect(units.rowStart).toEqual(Int32Array.from([0, 3, 4, 5]));
  return { data, parsed, units };
}

describe('windowFeatures', () => {
  it('counts lines and errors (ERROR and FATAL)', async () => {
    const { data, parsed, units } = await fixture();
    const m = windowFeatures(units, parsed, data, { aggregates: ['count', 'errors'] });
    expect(m.names).toEqual(['count', 'errors']);
    expect(rowsOf(m)).toEqual([[3, 1], [1, 1], [1, 0]]);
  });

  it('sums, averages and takes the maximum of a number over the rows that have it (0 when none do)', async () => {
    const { data, parsed, units } = await fixture();
    const m = windowFeatures(units, parsed, data, { aggregates: ['sum:bytes', 'mean:bytes', 'max:bytes'] });
    expect(m.names).toEqual(['sum:bytes', 'mean:bytes', 'max:bytes']);
    expect(rowsOf(m)).toEqual([[400, 200, 300], [50, 50, 50], [7, 7, 7]]);
  });

  it('counts distinct values of a field among the rows that have one', async () => {
    const { data, parsed, units } = await fixture();
    const m = windowFeatures(units, parsed, data, { aggregates: ['distinct:src_ip', 'distinct:bytes'] });
    expect(rowsOf(m)).toEqual([[2, 2], [1, 1], [0, 1]]);
  });

  it('counts distinct values of a key=value pair of plain text lines', async () => {
    const data = await read('a.log', [
      '2026-03-02T10:00:01Z login user=bob',
      '2026-03-02T10:00:02Z login user=alice',
      '2026-03-02T10:00:03Z view user=bob',
      '2026-03-02T10:01:00Z tick',
    ]);
    const units = windowUnits(data.timestamp, { size: MIN });
    const m = windowFeatures(units, parseLines(data), data, { aggregates: ['count', 'distinct:user'] });
    expect(rowsOf(m)).toEqual([[3, 2], [1, 0]]);
  });

  it('counts templates per window, in sliding windows too', async () => {
    const { data, parsed } = await fixture();
    const units = windowUnits(data.timestamp, { size: 2 * MIN, step: MIN });
    // [09:59, 10:01) {0, 1, 2}, [10:00, 10:02) {0, 1, 2, 3}, [10:01, 10:03) {3, 4}, [10:02, 10:04) {4}.
    const m = windowFeatures(units, parsed, data, { aggregates: ['templates', 'count'] });
    expect(m.names).toEqual(['GET <*> failed', 'GET <*> ok', 'disk full', 'count']);
    expect(rowsOf(m)).toEqual([
      [1, 2, 0, 3],
      [1, 2, 1, 4],
      [0, 1, 1, 2],
      [0, 1, 0, 1],
    ]);
  });

  it('uses template columns learned on training windows: a template only later windows have adds no column', async () => {
    const { data, parsed, units } = await fixture();
    // Train on the first window only: "disk full" (10:01) is unknown to it.
    const vocabulary = fitEventColumns(templateEvents(parsed.templateId, parsed.templates, units), { train: [0] });
    expect(vocabulary).toEqual({ templates: ['GET <*> failed', 'GET <*> ok'], unseen: false });
    const m = windowFeatures(units, parsed, data, { aggregates: ['templates'] }, vocabulary);
    expect(m.names).toEqual(['GET <*> failed', 'GET <*> ok']);
    expect(rowsOf(m)).toEqual([[1, 2], [0, 0], [0, 1]]);
    const withUnseen = windowFeatures(units, parsed, data, { aggregates: ['templates'] }, { ...vocabulary, unseen: true });
    expect(withUnseen.names).toEqual(['GET <*> failed', 'GET <*> ok', 'unseen']);
    expect(rowsOf(withUnseen)).toEqual([[1, 2, 0], [0, 0, 1], [0, 1, 0]]);
  });

  it('builds every aggregate in the order asked, for per-group windows too', async () => {
    const { data, parsed } = await fixture();
    const groupOf = data.fields.src_ip as (string | null)[];
    const units = windowUnits(data.timestamp, { size: MIN, groupOf });
    expect(units.group).toEqual(['1.1.1.1', '1.1.1.2', '1.1.1.3']);
    const m = windowFeatures(units, parsed, data, { aggregates: ['errors', 'count', 'max:bytes'] });
    expect(rowsOf(m)).toEqual([[0, 2, 100], [1, 1, 300], [1, 1, 50]]);
  });

  it('names an unknown aggregate and the known ones, and an absent or non-numeric field', async () => {
    const { data, parsed, units } = await fixture();
    expect(() => windowFeatures(units, parsed, data, { aggregates: ['count', 'median:bytes'] })).toThrow(
      'features.aggregates: unknown aggregate "median:bytes" (known: count, errors, templates, distinct:FIELD, sum:FIELD, mean:FIELD, max:FIELD)',
    );
    expect(() => windowFeatures(units, parsed, data, { aggregates: ['sum:'] })).toThrow('unknown aggregate "sum:"');
    expect(() => windowFeatures(units, parsed, data, { aggregates: ['sum:size'] })).toThrow(
      'features.aggregates: no numeric field or key=value number "size" in the data (fields: time, level, src_ip, bytes, msg)',
    );
    expect(() => windowFeatures(units, parsed, data, { aggregates: ['mean:src_ip'] })).toThrow(
      'features.aggregates: field "src_ip" is not numeric (sum, mean and max need numbers)',
    );
    expect(() => windowFeatures(units, parsed, data, { aggregates: ['distinct:dst_ip'] })).toThrow(
      'features.aggregates: no field or key=value "dst_ip" in the data (fields: time, level, src_ip, bytes, msg)',
    );
  });
});
