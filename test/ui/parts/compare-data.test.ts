import { describe, expect, it } from 'vitest';
import {
  binShares, capLanes, countsAt, defaultLane, laneFields, laneOf, perRun, pickShown, readableHistogram, thinCurve, uniformSample, wantsLog,
} from '../../../app/ui/parts/compare-data.ts';
import { confusionAt, rankByScore, rocCurve, sortScores } from '../../../app/core/evaluate/index.ts';
import { createRandom } from '../../../app/core/random.ts';

describe('perRun', () => {
  it('computes once per run object and key', () => {
    const memo = perRun<number>();
    const a = {}, b = {}, labels = [1], marked = [0];
    let calls = 0;
    expect(memo(a, labels, () => ++calls)).toBe(1);
    expect(memo(a, labels, () => ++calls)).toBe(1);
    expect(memo(b, labels, () => ++calls)).toBe(2);
    // New labels (a review mark): computed again.
    expect(memo(a, marked, () => ++calls)).toBe(3);
    expect(memo(a, marked, () => ++calls)).toBe(3);
  });
});

describe('thinCurve', () => {
  it('keeps the ends and points a step apart', () => {
    const c = thinCurve([0, 0.001, 0.002, 0.5, 0.501, 1], [0, 0, 0, 0.5, 0.5, 1], 0.01);
    expect(c).toEqual({ x: [0, 0.5, 1], y: [0, 0.5, 1] });
  });

  it('bounds a ROC curve of a million-point ranking', () => {
    const random = createRandom(2);
    const n = 200_000;
    const labels = Int8Array.from({ length: n }, () => (random.next() < 0.05 ? 1 : 0));
    const scores = Float64Array.from(labels, (l) => random.next() + l * 0.3);
    const roc = rocCurve(scores, labels)!;
    const thin = thinCurve(roc.fpr, roc.tpr, 0.004);
    expect(roc.fpr.length).toBeGreaterThan(100_000);
    expect(thin.x.length).toBeLessThanOrEqual(2 / 0.004 + 2);
    expect([thin.x[0], thin.y[0], thin.x.at(-1), thin.y.at(-1)]).toEqual([0, 0, 1, 1]);
  });

  it('caps a wiggly curve at max points by stride', () => {
    const x = Array.from({ length: 10_000 }, (_, i) => i / 9999);
    const y = x.map((_, i) => i % 2);
    const thin = thinCurve(x, y, 0.001, 500);
    expect(thin.x.length).toBeLessThanOrEqual(501);
    expect(thin.x.at(-1)).toBe(1);
  });

  it('handles empty and single-point curves', () => {
    expect(thinCurve([], [])).toEqual({ x: [], y: [] });
    expect(thinCurve([0.3], [0.4])).toEqual({ x: [0.3], y: [0.4] });
  });
});

describe('countsAt', () => {
  it('equals the confusion counts at any threshold', () => {
    const scores = [0.9, 0.5, 0.5, 0.3, 0.2, 0.9];
    const labels = [1, 0, 1, 0, 1, 0];
    const r = rankByScore(scores, labels);
    for (const t of [1, 0.9, 0.7, 0.5, 0.4, 0.2, 0.1]) {
      const c = confusionAt(scores, labels, t);
      expect(countsAt(r, t), `t=${t}`).toEqual({ tp: c.tp, fp: c.fp });
    }
  });
});

describe('uniformSample', () => {
  it('draws m distinct positions, seeded, in random order', () => {
    const s = uniformSample(1_000_000, 5000, 1);
    expect(s.length).toBe(5000);
    expect(new Set(s).size).toBe(5000);
    expect(Math.min(...s)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...s)).toBeLessThan(1_000_000);
    expect(uniformSample(1_000_000, 5000, 1)).toEqual(s);
    // Random order: the first half covers the whole range, not its start.
    const first = Array.from(s.slice(0, 2500));
    expect(Math.max(...first)).toBeGreaterThan(900_000);
    // Spread evenly: about a tenth in each tenth.
    const tenth = Array.from(s).filter((p) => p < 100_000).length;
    expect(tenth).toBeGreaterThan(400);
    expect(tenth).toBeLessThan(600);
  });

  it('takes everything when m ≥ n', () => {
    expect(Array.from(uniformSample(5, 10)).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(uniformSample(0, 10).length).toBe(0);
  });
});

describe('pickShown', () => {
  const scores = Float64Array.from({ length: 100 }, (_, i) => i); // unit i scores i
  const top = Array.from({ length: 100 }, (_, i) => 99 - i);
  const sample = uniformSample(100, 100, 3);

  it('keeps every flagged unit, then fills up with unflagged ones', () => {
    const p = pickShown(scores, top, sample, 90, { max: 30, flaggedCount: 10 });
    expect(p.flagged).toEqual([99, 98, 97, 96, 95, 94, 93, 92, 91, 90]);
    expect(p.other).toHaveLength(20);
    expect(p.other.every((u) => u < 90)).toBe(true);
    expect(p.allFlagged).toBe(true);
  });

  it('shows the highest flagged when there are too many', () => {
    const p = pickShown(scores, top, sample, 50, { max: 30, maxFlagged: 20, flaggedCount: 50 });
    expect(p.flagged).toEqual(top.slice(0, 20));
    expect(p.other).toHaveLength(10);
    expect(p.allFlagged).toBe(false);
  });
});

describe('swimlanes', () => {
  it('offers text fields with a few values, host-like first', () => {
    const fields = {
      level: ['info', 'warn', 'info', 'error'],
      hostname: ['a', 'b', 'a', 'c'],
      id: ['1', '2', '3', '4'],
      one: ['x', 'x', 'x', 'x'],
      latency: new Float64Array([1, 2, 3, 4]),
    };
    const found = laneFields(fields, [0, 1, 2, 3], 3);
    expect(found).toEqual(['hostname', 'level']);
    expect(defaultLane(found)).toBe('hostname');
    expect(defaultLane(['level'])).toBeNull();
    expect(defaultLane(['host.name', 'level'])).toBe('host.name');
    expect(laneOf([null, 'a'], 0)).toBe('(none)');
    expect(laneOf(new Float64Array([NaN, 3]), 1)).toBe('3');
  });

  it('caps lanes, the rarest values as "other"', () => {
    const values = ['a', 'a', 'a', 'b', 'b', 'c', 'd', 'e'];
    const { lanes, map } = capLanes(values, 3);
    expect(lanes).toEqual(['a', 'b', 'other']);
    expect(values.map(map)).toEqual(['a', 'a', 'a', 'b', 'b', 'other', 'other', 'other']);
    expect(capLanes(['x', 'y'], 3).lanes).toEqual(['x', 'y']);
  });
});

describe('readableHistogram', () => {
  it('bins as scoreHistogram does when scores are tame', () => {
    const s = [0.1, 0.2, 0.3, 0.4];
    const h = readableHistogram(s, sortScores(s), [0, 0, 1, 1], 2);
    expect(h.log).toBe(false);
    expect(h.clippedAt).toBeNull();
    expect(h.bins.map((b) => [b.normal, b.anomalous])).toEqual([[2, 0], [0, 2]]);
  });

  it('uses a log scale for positive scores over orders of magnitude', () => {
    const s = [1, 10, 100, 1000, 10000];
    const h = readableHistogram(s, sortScores(s), null, 4);
    expect(h.log).toBe(true);
    expect(h.bins[0].x0).toBeCloseTo(1, 12);
    expect(h.bins.at(-1)!.x1).toBeCloseTo(10000, 8);
    expect(h.bins.map((b) => b.unlabelled)).toEqual([1, 1, 1, 2]);
  });

  it('clips a far tail into the last bin', () => {
    const s = [...Array.from({ length: 200 }, (_, i) => i / 200 - 0.5), 1000];
    const h = readableHistogram(s, sortScores(s), null, 10);
    expect(h.log).toBe(false);
    expect(h.clippedAt).toBeCloseTo(0.49, 12);
    expect(h.bins.at(-1)!.x1).toBeCloseTo(0.49, 12);
    expect(h.bins.reduce((n, b) => n + b.unlabelled, 0)).toBe(201);
    expect(wantsLog(-1, 1000)).toBe(false);
  });

  it('turns counts into shares per label', () => {
    const rows = binShares([
      { x0: 0, x1: 1, normal: 3, anomalous: 0, unlabelled: 0 },
      { x0: 1, x1: 2, normal: 1, anomalous: 2, unlabelled: 0 },
    ]);
    expect(rows).toEqual([
      { x1: 0, x2: 1, share: 0.75, label: 'normal' },
      { x1: 0, x2: 1, share: 0, label: 'anomalous' },
      { x1: 1, x2: 2, share: 0.25, label: 'normal' },
      { x1: 1, x2: 2, share: 1, label: 'anomalous' },
    ]);
  });
});
