import { describe, it, expect } from 'vitest';
import { LogDataBuilder } from '../../../app/core/ingest/log-data-builder.ts';

function builderWith(values: unknown[]): LogDataBuilder {
  const b = new LogDataBuilder();
  const f = b.beginFile({ name: 'f', format: 'jsonl', reason: '', bytes: 0, rows: 0 }, null);
  values.forEach((v, i) => b.addRow(f, i + 1, `r${i}`, `m${i}`, NaN, v === undefined ? {} : { x: v }));
  return b;
}

describe('LogDataBuilder', () => {
  it('makes a column numeric when every present value is or reads as a number', () => {
    const x = builderWith([1, '2.5', ' -3 ', '1e3', '.5', undefined, null, '']).finish().fields.x as Float64Array;
    expect(x).toBeInstanceOf(Float64Array);
    expect(Array.from(x)).toEqual([1, 2.5, -3, 1000, 0.5, NaN, NaN, NaN]);
  });

  it('keeps a column as text when one value is not a number', () => {
    const x = builderWith([1, 'two', true, { a: 1 }, [1], undefined, null]).finish().fields.x;
    expect(x).toEqual(['1', 'two', 'true', '{"a":1}', '[1]', null, null]);
  });

  it('keeps infinities and hex as text, not numbers', () => {
    expect(builderWith(['0x1f', '1']).finish().fields.x).toEqual(['0x1f', '1']);
    expect(builderWith(['Infinity']).finish().fields.x).toEqual(['Infinity']);
  });

  it('pads a field that appears late with missing values', () => {
    const x = builderWith([undefined, undefined, 7]).finish().fields.x as Float64Array;
    expect(Array.from(x)).toEqual([NaN, NaN, 7]);
  });

  it('drops rows and their fields from a point (a failed file)', () => {
    const b = builderWith([1, 2, 3]);
    b.truncate(1);
    const d = b.finish();
    expect(Array.from(d.line)).toEqual([1]);
    expect(d.raw).toEqual(['r0']);
    expect(Array.from(d.fields.x as Float64Array)).toEqual([1]);
  });

  it('drops a field that only the dropped rows had', () => {
    const b = builderWith([1, undefined]);
    b.addRow(0, 3, 'r2', 'm2', NaN, { late: 'x' });
    b.truncate(2);
    expect(Object.keys(b.finish().fields)).toEqual(['x']);
  });

  it('finishes into typed columns with the files, message fields and warnings', () => {
    const b = new LogDataBuilder();
    const f = b.beginFile({ name: 'a.log', format: 'text', reason: 'r', bytes: 3, rows: 1 }, null);
    b.setMessageField(f, 'msg');
    b.addRow(f, 4, 'raw', 'msg', 1000);
    b.addWarnings([{ code: 'c', message: 'm', count: 1, lines: [4] }]);
    const d = b.finish();
    expect(d.file).toBeInstanceOf(Int32Array);
    expect(d.line).toBeInstanceOf(Int32Array);
    expect(d.timestamp).toBeInstanceOf(Float64Array);
    expect([Array.from(d.file), Array.from(d.line), d.raw, d.message, Array.from(d.timestamp)]).toEqual([[0], [4], ['raw'], ['msg'], [1000]]);
    expect(d.messageField).toEqual(['msg']);
    expect(d.files).toEqual([{ name: 'a.log', format: 'text', reason: 'r', bytes: 3, rows: 1 }]);
    expect(d.warnings).toEqual([{ code: 'c', message: 'm', count: 1, lines: [4] }]);
  });
});
