import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { ClosedUnits } from '../../../app/core/score/live-units.ts';
import { LiveWindows } from '../../../app/core/score/live-windows.ts';
import { featureUnits } from '../../../app/core/features/feature-units.ts';
import type { FeatureState } from '../../../app/core/features/build-features.ts';
import type { FeatureSpec } from '../../../app/core/features/feature-spec.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import { StreamIngest } from '../../../app/core/ingest/stream-ingest.ts';
import type { LogData } from '../../../app/core/ingest/log-data.ts';

// Only the fact that it is fitted matters to cutting windows.
const STATE = { unit: 'window', columns: ['count'], scaler: { kind: 'none', offset: [0], scale: [1] } } as FeatureState;
const T0 = Date.parse('2026-03-02T10:00:00Z');

/** logfmt lines at seconds after T0, with a dst field. */
async function rows(lines: [number, string][]): Promise<LogData> {
  const text = lines.map(([s, dst]) => `ts=${new Date(T0 + s * 1000).toISOString()} dst=${dst} bytes=${s}`).join('\n');
  return readLogs([sourceFromText('flows.logfmt', text)], { format: 'logfmt' });
}

/** Each closed window as "start-second dst: its rows' seconds". */
function shown(closed: ClosedUnits[]): string[] {
  return closed.flatMap(({ data, units }) =>
    units.names.map((_, u) => {
      const secs = Array.from(units.rows.subarray(units.rowStart[u], units.rowStart[u + 1]), (r) => (data.timestamp[r] - T0) / 1000);
      return `${(units.time[u] - T0) / 1000}${units.group ? ` ${units.group[u]}` : ''}: ${secs.join(',')}`;
    }),
  );
}

describe('LiveWindows', () => {
  const minute: FeatureSpec = { unit: 'window', size: '1m' };

  it('scores a window once a line past its end (plus lateness) arrives, and the rest at the end', async () => {
    const live = new LiveWindows(minute, STATE, { lateness: 0 });
    expect(shown(live.push(await rows([[0, 'a'], [10, 'a']])))).toEqual([]);
    expect(shown(live.push(await rows([[70, 'a']])))).toEqual(['0: 0,10']);
    expect(live.heldRows).toBe(1);
    expect(shown(live.end())).toEqual(['60: 70']);
  });

  it('waits `lateness` for late lines, which then count in their window', async () => {
    const live = new LiveWindows(minute, STATE, { lateness: 30_000 });
    expect(shown(live.push(await rows([[0, 'a'], [70, 'a']])))).toEqual([]);
    expect(shown(live.push(await rows([[50, 'a']])))).toEqual([]);
    expect(shown(live.push(await rows([[95, 'a']])))).toEqual(['0: 0,50']);
    expect(shown(live.end())).toEqual(['60: 70,95']);
  });

  it('drops and counts a line that comes after its window was scored', async () => {
    const live = new LiveWindows(minute, STATE, { lateness: 0 });
    live.push(await rows([[0, 'a'], [61, 'a']]));
    expect(shown(live.push(await rows([[5, 'a'], [62, 'a']])))).toEqual([]);
    expect(live.counts.lateRows).toBe(1);
    expect(shown(live.end())).toEqual(['60: 61,62']);
  });

  it('sliding windows: a late line still counts in the windows that are open', async () => {
    const live = new LiveWindows({ unit: 'window', size: '2m', step: '1m' }, STATE, { lateness: 0 });
    // Windows start every minute and last two: [−60,60) [0,120) [60,180) …
    expect(shown(live.push(await rows([[30, 'a'], [90, 'a']])))).toEqual(['-60: 30']);
    expect(shown(live.push(await rows([[130, 'a']])))).toEqual(['0: 30,90']);
    // 45 s is late for [0,120) (scored) but counts in nothing else… and 100 s counts in [60,180).
    live.push(await rows([[45, 'a'], [100, 'a']]));
    expect(live.counts.lateRows).toBe(1);
    expect(shown(live.end())).toEqual(['60: 90,130,100', '120: 130']);
  });

  it('keeps per-group windows apart, and rows without a time out (counted)', async () => {
    const live = new LiveWindows({ ...minute, groupBy: 'dst' }, STATE, { lateness: 0 });
    live.push(await rows([[0, 'a'], [5, 'b'], [20, 'a']]));
    const withoutTime = await readLogs([sourceFromText('x.logfmt', 'dst=a bytes=1')], { format: 'logfmt' });
    live.push(withoutTime);
    expect(live.counts.rowsWithoutUnit).toBe(1);
    expect(shown(live.push(await rows([[61, 'b']])))).toEqual(['0 a: 0,20', '0 b: 5']);
    expect(shown(live.end())).toEqual(['60 b: 61']);
  });

  it('holds at most maxRows: past it, the oldest windows are scored early and counted', async () => {
    const live = new LiveWindows(minute, STATE, { lateness: 600_000, maxRows: 2 });
    expect(shown(live.push(await rows([[0, 'a'], [1, 'a'], [70, 'a']])))).toEqual(['0: 0,1']);
    expect(live.counts.forced).toBe(1);
    expect(live.heldRows).toBe(1);
  });

  it('cuts the netflow sample, fed in pieces, into exactly the windows of the whole file', async () => {
    const path = new URL('../../../datasets/netflow/netflow-5k.logfmt', import.meta.url);
    const bytes = readFileSync(path);
    const spec: FeatureSpec = { unit: 'window', size: '2m', groupBy: 'dst_ip' };
    const whole = await readLogs([sourceFromText('netflow-5k.logfmt', bytes)]);
    const expected = shown([{ data: whole, units: featureUnits(whole, spec)! }]).sort();
    for (const chunk of [4096, 65536]) {
      const ingest = new StreamIngest({ fileName: 'netflow-5k.logfmt', format: 'logfmt' });
      const live = new LiveWindows(spec, STATE);
      const got: ClosedUnits[] = [];
      let before = 0;
      for (let i = 0; i < bytes.length; i += chunk) {
        const d = ingest.push(bytes.subarray(i, i + chunk));
        if (d) got.push(...live.push(d));
        if (i + chunk < bytes.length * 0.5) before = got.length;
      }
      const last = ingest.end();
      if (last) got.push(...live.push(last));
      got.push(...live.end());
      // Windows were scored while the stream went on, not all at its end.
      expect(before).toBeGreaterThan(0);
      expect(live.counts).toEqual({ lateRows: 0, rowsWithoutUnit: 0, forced: 0 });
      expect(shown(got).sort()).toEqual(expected);
    }
  });
});
