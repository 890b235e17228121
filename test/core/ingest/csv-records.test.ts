import { describe, it, expect } from 'vitest';
import { CsvRecords, splitCsvLine } from '../../../app/core/ingest/csv-records.ts';

describe('CsvRecords', () => {
  it('splits a line at the delimiter, keeping empty fields', () => {
    const r = new CsvRecords(',');
    expect(r.pushLine('a,,b,', 1)).toEqual(['a', '', 'b', '']);
    expect(r.startLine).toBe(1);
  });

  it('keeps delimiters inside quotes and turns doubled quotes into one', () => {
    const r = new CsvRecords(',');
    expect(r.pushLine('"a, b","say ""hi""",""', 1)).toEqual(['a, b', 'say "hi"', '']);
  });

  it('treats a quote inside an unquoted field as text', () => {
    expect(new CsvRecords(',').pushLine('5" disk,x', 1)).toEqual(['5" disk', 'x']);
  });

  it('joins lines while a quoted field is open, and remembers where the record started', () => {
    const r = new CsvRecords(',');
    expect(r.pushLine('1,"first', 4)).toBeNull();
    expect(r.open).toBe(true);
    expect(r.partial()).toEqual(['1', 'first']);
    expect(r.pushLine('', 5)).toBeNull();
    expect(r.pushLine('last",2', 6)).toEqual(['1', 'first\n\nlast', '2']);
    expect(r.open).toBe(false);
    expect(r.startLine).toBe(4);
    expect(r.pushLine('3,4', 7)).toEqual(['3', '4']);
    expect(r.startLine).toBe(7);
  });

  it('uses the delimiter it was given', () => {
    expect(new CsvRecords('\t').pushLine('a,b\t"c\td"', 1)).toEqual(['a,b', 'c\td']);
  });
});

describe('splitCsvLine', () => {
  it('returns the fields of one line, an open quote included', () => {
    expect(splitCsvLine('a,"b,c', ',')).toEqual(['a', 'b,c']);
    expect(splitCsvLine('x', ',')).toEqual(['x']);
  });
});
