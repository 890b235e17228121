import { describe, expect, it } from 'vitest';
import { RollingBaseline } from '../../../app/core/watch/rolling-baseline.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';

const lines = (from: number, to: number) =>
  readLogs([sourceFromText('a.log', Array.from({ length: to - from }, (_, i) => `${new Date((from + i) * 60_000).toISOString()} INFO line ${from + i}`).join('\n'))], { format: 'text' });

describe('RollingBaseline', () => {
  it('keeps the last N lines, across batches', async () => {
    const b = new RollingBaseline({ lines: 5 });
    b.add(await lines(0, 3));
    b.add(await lines(3, 9));
    expect(b.size).toBe(5);
    expect(b.snapshot().message.map((m) => /line (\d+)/.exec(m)![1])).toEqual(['4', '5', '6', '7', '8']);
  });

  it('keeps what lies within the span of the newest line', async () => {
    const b = new RollingBaseline({ span: 3 * 60_000 });
    b.add(await lines(0, 4));
    b.add(await lines(4, 8));
    expect(b.snapshot().message.map((m) => /line (\d+)/.exec(m)![1])).toEqual(['4', '5', '6', '7']);
  });
});
