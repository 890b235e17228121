import { describe, it, expect } from 'vitest';
import { FileIngest } from '../../../app/core/ingest/file-ingest.ts';
import { LogDataBuilder } from '../../../app/core/ingest/log-data-builder.ts';
import { IngestError } from '../../../app/core/ingest/ingest-error.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('FileIngest', () => {
  it('leaves the rows of earlier files as they were when a later file fails', () => {
    const b = new LogDataBuilder();
    const good = new FileIngest(b, { fileName: 'good.log' });
    good.push(bytes('one\ntwo\n'));
    good.end();
    const bad = new FileIngest(b, { fileName: 'bad.csv', format: 'csv' });
    bad.push(bytes('a,b\n1,2\n3,"open\n'));
    expect(() => bad.end()).toThrow(IngestError);
    const d = b.finish();
    expect(d.raw).toEqual(['one', 'two']);
    expect(d.files.map((f) => f.name)).toEqual(['good.log']);
    expect(d.fields).toEqual({});
  });

  it('sniffs from the first 50 non-blank lines, then reads the rest with the reader it chose', () => {
    const b = new LogDataBuilder();
    const f = new FileIngest(b, { fileName: 'mixed.jsonl' });
    const json = Array.from({ length: 50 }, (_, i) => `{"msg":"m${i}"}\n`).join('');
    f.push(bytes(json + 'plain line\n{"msg":"last"}\n'));
    f.end();
    const d = b.finish();
    expect(d.files[0].format).toBe('jsonl');
    expect(d.message.at(-1)).toBe('last');
    expect(d.message).toHaveLength(51);
    expect(d.warnings.map((w) => [w.code, w.lines])).toEqual([['jsonl-not-json', [51]]]);
  });

  it('records the bytes and rows of the file', () => {
    const b = new LogDataBuilder();
    const f = new FileIngest(b, { fileName: 'x.log' });
    f.push(bytes('a\n\nb'));
    f.end();
    expect(b.files).toEqual([{ name: 'x.log', format: 'text', reason: expect.any(String), bytes: 4, rows: 2 }]);
  });
});
