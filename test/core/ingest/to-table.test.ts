import { describe, it, expect } from 'vitest';
import { toTable } from '../../../app/core/ingest/to-table.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';

describe('toTable', () => {
  it('has file, line, raw and timestamp, then the fields; a clashing field gets a prefix', async () => {
    const d = await readLogs([sourceFromText('t.csv', 'line,cpu,timestamp\nboot,0.5,2026-03-02T10:00:00Z\nrun,0.75,\n')]);
    const t = toTable(d);
    expect(t.columnNames()).toEqual(['file', 'line', 'raw', 'timestamp', 'field.line', 'cpu', 'field.timestamp']);
    expect(t.objects()).toEqual([
      { file: 't.csv', line: 2, raw: 'boot,0.5,2026-03-02T10:00:00Z', timestamp: Date.UTC(2026, 2, 2, 10), 'field.line': 'boot', cpu: 0.5, 'field.timestamp': '2026-03-02T10:00:00Z' },
      { file: 't.csv', line: 3, raw: 'run,0.75,', timestamp: NaN, 'field.line': 'run', cpu: 0.75, 'field.timestamp': '' },
    ]);
  });
});
