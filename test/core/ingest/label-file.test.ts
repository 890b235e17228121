import { describe, it, expect } from 'vitest';
import { parseLabelFile } from '../../../app/core/ingest/label-file.ts';
import { fixture } from './chunked.ts';

describe('parseLabelFile', () => {
  it("reads HDFS's anomaly_label.csv into rows by header name", () => {
    expect(parseLabelFile(fixture('anomaly_label.csv'), 'anomaly_label.csv')).toEqual([
      { BlockId: 'blk_38865049064139660', Label: 'Normal' },
      { BlockId: 'blk_-6952295868487656571', Label: 'Anomaly' },
      { BlockId: 'blk_7128370237687728475', Label: 'Normal' },
      { BlockId: 'blk_-1608999687919862906', Label: 'Normal' },
    ]);
  });

  it('reads CRLF, quotes, blank lines, and tab-separated files', () => {
    expect(parseLabelFile('id,label\r\n"a,1",yes\r\n\r\nb,no', 'l.csv')).toEqual([{ id: 'a,1', label: 'yes' }, { id: 'b', label: 'no' }]);
    expect(parseLabelFile('id\tlabel\na\t1\n', 'l.tsv')).toEqual([{ id: 'a', label: '1' }]);
  });

  it('fails on what would make ground truth wrong, naming file and line', () => {
    expect(() => parseLabelFile('', 'e.csv')).toThrow('e.csv: the label file is empty');
    expect(() => parseLabelFile('id,label\n', 'h.csv')).toThrow('h.csv: the label file has a header but no rows');
    expect(() => parseLabelFile('id,label\na,1\nb\n', 'r.csv')).toThrow('r.csv, line 3: 1 fields where the header has 2');
    expect(() => parseLabelFile('id,label\na,"1\n', 'q.csv')).toThrow('q.csv, line 2: a quoted field opened here is never closed (unterminated quote)');
    expect(() => parseLabelFile('id,id\na,1\n', 'd.csv')).toThrow('d.csv, line 1: the header needs distinct, non-empty column names (got ["id","id"])');
  });
});
