import { describe, it, expect } from 'vitest';
import { IngestError } from '../../../app/core/ingest/ingest-error.ts';

describe('IngestError', () => {
  it('names the file, and the line and field when known', () => {
    expect(new IngestError('a.log', 'broken').message).toBe('a.log: broken');
    expect(new IngestError('a.csv', 'broken', { line: 7 }).message).toBe('a.csv, line 7: broken');
    expect(new IngestError('a.csv', 'broken', { line: 7, field: 'cpu' }).message).toBe('a.csv, line 7, field "cpu": broken');
    expect(new IngestError('a.csv', 'broken', { field: 'cpu' }).message).toBe('a.csv, field "cpu": broken');
  });

  it('keeps file, line, field and cause as properties', () => {
    const cause = new Error('root');
    const e = new IngestError('a.csv', 'broken', { line: 3, field: 'x' }, cause);
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.file, e.line, e.field, e.cause]).toEqual(['IngestError', 'a.csv', 3, 'x', cause]);
  });
});
