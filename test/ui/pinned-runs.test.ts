import { describe, expect, it } from 'vitest';
import { PinnedRuns } from '../../app/ui/pinned-runs.svelte.ts';
import type { RunRow } from '../../app/ui/parts/run-rows.ts';
import { summarizeMetrics } from '../../app/core/evaluate/index.ts';

const row: RunRow = {
  key: 'lof', id: 'lof', detector: 'lof', params: { k: 20 },
  features: { unit: 'line', cols: 7, scaling: 'standard', columns: ['level'] },
  metrics: summarizeMetrics([0.9, 0.1], [1, 0], 0.5), precisionAtK: 1, k: 1,
  timing: { fitMs: 3, scoreMs: 4 }, pinned: false,
};

describe('PinnedRuns', () => {
  it('keeps a frozen copy per run, once, until removed', () => {
    const pins = new PinnedRuns();
    const run = {};
    pins.pin(row, run);
    pins.pin(row, run);
    expect(pins.list).toHaveLength(1);
    const [pinned] = pins.list;
    expect(pinned).toMatchObject({ id: 'lof', key: 'lof#1', pinned: true });
    expect(pins.isPinned(run)).toBe(true);
    // A copy: changing the live row later does not reach the pin.
    row.metrics.rocAuc = 0;
    expect(pinned.metrics.rocAuc).toBe(1);
    pins.pin(row, {});
    expect(pins.list.map((r) => r.key)).toEqual(['lof#1', 'lof#2']);
    pins.unpin('lof#1');
    expect(pins.isPinned(run)).toBe(false);
    expect(pins.list.map((r) => r.key)).toEqual(['lof#2']);
  });
});
