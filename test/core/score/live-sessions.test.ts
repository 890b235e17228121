import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { LiveSessions } from '../../../app/core/score/live-sessions.ts';
import type { ClosedUnits } from '../../../app/core/score/live-units.ts';
import { featureUnits } from '../../../app/core/features/feature-units.ts';
import type { FeatureState } from '../../../app/core/features/build-features.ts';
import type { FeatureSpec } from '../../../app/core/features/feature-spec.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import { StreamIngest } from '../../../app/core/ingest/stream-ingest.ts';
import type { LogData } from '../../../app/core/ingest/log-data.ts';

const BLOCK = { pattern: 'blk_\\d+' };
const STATE = { unit: 'session', columns: ['length'], scaler: { kind: 'none', offset: [0], scale: [1] }, sessionKey: BLOCK } as FeatureState;
const SPEC: FeatureSpec = { unit: 'session', key: 'blk_\\d+' };
const T0 = Date.parse('2026-03-02T10:00:00Z');

/** Lines at minutes after T0 naming blocks. */
async function rows(lines: [number, string][]): Promise<LogData> {
  const text = lines.map(([m, msg]) => `${new Date(T0 + m * 60_000).toISOString()} INFO ${msg}`).join('\n');
  return readLogs([sourceFromText('hdfs.log', text)], { format: 'text' });
}

/** Each ended session as "id: its lines' minutes". */
function shown(closed: ClosedUnits[]): string[] {
  return closed.flatMap(({ data, units }) =>
    units.names.map((name, u) => {
      const mins = Array.from(units.rows.subarray(units.rowStart[u], units.rowStart[u + 1]), (r) => (data.timestamp[r] - T0) / 60_000);
      return `${name}@${(units.time[u] - T0) / 60_000}: ${mins.join(',')}`;
    }),
  );
}

describe('LiveSessions', () => {
  it('ends a session once the newest line is `idle` past its last one, and every session at the end', async () => {
    const live = new LiveSessions(SPEC, STATE, { idle: 10 * 60_000 });
    expect(shown(live.push(await rows([[0, 'open blk_1'], [1, 'open blk_2'], [5, 'write blk_1']])))).toEqual([]);
    expect(shown(live.push(await rows([[12, 'write blk_2']])))).toEqual([]);
    expect(shown(live.push(await rows([[15, 'close blk_3']])))).toEqual(['blk_1@0: 0,5']);
    expect(shown(live.end())).toEqual(['blk_2@1: 1,12', 'blk_3@15: 15']);
  });

  it('a line naming two sessions counts in both, and stays for the one still open', async () => {
    const live = new LiveSessions(SPEC, STATE, { idle: 10 * 60_000 });
    live.push(await rows([[0, 'open blk_1'], [2, 'replicate blk_1 to blk_2'], [9, 'write blk_2']]));
    expect(shown(live.push(await rows([[13, 'noise blk_9']])))).toEqual(['blk_1@0: 0,2']);
    expect(shown(live.end())).toEqual(['blk_2@2: 2,9', 'blk_9@13: 13']);
  });

  it('an id seen again after its session ended starts a new session of that name', async () => {
    const live = new LiveSessions(SPEC, STATE, { idle: 10 * 60_000 });
    live.push(await rows([[0, 'open blk_1'], [1, 'pair blk_1 blk_2'], [8, 'keep blk_2']]));
    expect(shown(live.push(await rows([[11, 'keep blk_2']])))).toEqual(['blk_1@0: 0,1']);
    expect(shown(live.push(await rows([[12, 'again blk_1']])))).toEqual([]);
    expect(shown(live.end())).toEqual(['blk_2@1: 1,8,11', 'blk_1@12: 12']);
  });

  it('counts lines without a session id; past maxRows the longest-quiet sessions end early', async () => {
    const live = new LiveSessions(SPEC, STATE, { idle: 60 * 60_000, maxRows: 3 });
    live.push(await rows([[0, 'no id here']]));
    expect(live.counts.rowsWithoutUnit).toBe(1);
    live.push(await rows([[0, 'a blk_1'], [1, 'b blk_2'], [2, 'c blk_3']]));
    expect(shown(live.push(await rows([[3, 'd blk_3']])))).toEqual(['blk_1@0: 0', 'blk_2@1: 1']);
    expect(live.counts.forced).toBe(2);
  });

  it('cuts the HDFS-like sample, fed in pieces, into exactly the sessions of the whole file', async () => {
    const bytes = readFileSync(new URL('../../../datasets/hdfs-like/hdfs-like.log', import.meta.url));
    const spec: FeatureSpec = { unit: 'session', key: 'blk_-?\\d+' };
    const state = { ...STATE, sessionKey: { pattern: 'blk_-?\\d+' } };
    const whole = await readLogs([sourceFromText('hdfs-like.log', bytes)]);
    const expected = shown([{ data: whole, units: featureUnits(whole, spec)! }]).sort();
    const ingest = new StreamIngest({ fileName: 'hdfs-like.log', format: 'text' });
    // Its blocks pause at most 399 s between lines and the file spans 16 minutes: 10 quiet minutes end a block.
    const live = new LiveSessions(spec, state, { idle: 10 * 60_000 });
    const got: ClosedUnits[] = [];
    let early = 0;
    for (let i = 0; i < bytes.length; i += 8192) {
      const d = ingest.push(bytes.subarray(i, i + 8192));
      if (d) got.push(...live.push(d));
      if (i + 8192 < bytes.length) early = got.length;
    }
    got.push(...live.end());
    expect(early).toBeGreaterThan(0);
    expect(shown(got).sort()).toEqual(expected);
  });
});
