import { describe, expect, it } from 'vitest';
import { capThreshold, flaggedAt, thresholdForCount, tieAtCut } from '../../../app/core/evaluate/threshold-for-count.ts';
import { flaggingNotes, thresholdNotes } from '../../../app/core/evaluate/threshold-methods.ts';

// Ascending, a tie of three at 0.5 and two at 0.9.
const sorted = Float64Array.from([0.1, 0.2, 0.5, 0.5, 0.5, 0.7, 0.9, 0.9]);

describe('thresholdForCount', () => {
  it('is the count-th highest score when no tie straddles the cut', () => {
    expect(thresholdForCount(sorted, 2)).toBe(0.9);
    expect(thresholdForCount(sorted, 3)).toBe(0.7);
    expect(thresholdForCount(sorted, 6)).toBe(0.5);
    expect(flaggedAt(sorted, 0.5)).toBe(6);
  });

  it('leaves a tied block out whole rather than overflow the count', () => {
    // The 4th and 5th highest are 0.5s, tied with a 6th: flag 0.7 and up, 3 units.
    expect(thresholdForCount(sorted, 4)).toBe(0.7);
    expect(thresholdForCount(sorted, 5)).toBe(0.7);
    // The top two tie: one asked for, none flagged.
    expect(thresholdForCount(sorted, 1)).toBe(Infinity);
  });

  it('flags everything at or above n, nothing at 0, and rounds a fractional count down', () => {
    expect(thresholdForCount(sorted, 8)).toBe(0.1);
    expect(thresholdForCount(sorted, 100)).toBe(0.1);
    expect(thresholdForCount(sorted, 0)).toBe(Infinity);
    expect(thresholdForCount(sorted, 2.9)).toBe(0.9);
    expect(thresholdForCount(new Float64Array(0), 3)).toBe(Infinity);
  });

  it('never flags more than asked, on any count (a property over random tied scores)', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(next() * 60);
      const s = Float64Array.from({ length: n }, () => Math.floor(next() * 6)).sort();
      for (let k = 0; k <= n; k++) {
        const t = thresholdForCount(s, k);
        const f = flaggedAt(s, t);
        expect(f).toBeLessThanOrEqual(k);
        // And it is the lowest such threshold: the next score down would overflow.
        const below = s.filter((v) => v < t);
        if (below.length) expect(flaggedAt(s, below[below.length - 1])).toBeGreaterThan(k);
      }
    }
  });
});

describe('capThreshold and tieAtCut', () => {
  it('keeps a threshold that already fits and raises one that would overflow', () => {
    expect(capThreshold(sorted, 0.6, 3)).toBe(0.6);
    expect(capThreshold(sorted, 0.5, 4)).toBe(0.7);
  });

  it('reports the block left out, and nothing when no tie was cut', () => {
    expect(tieAtCut(sorted, 0.7, 4)).toEqual({ units: 3, score: 0.5 });
    expect(tieAtCut(sorted, Infinity, 1)).toEqual({ units: 2, score: 0.9 });
    expect(tieAtCut(sorted, 0.7, 3)).toBeNull(); // exactly what was asked
    expect(tieAtCut(sorted, 0.9, 5)).toBeNull(); // 0.7 below is alone
  });
});

describe('flaggingNotes', () => {
  it('says how many tie at the cut and the share actually flagged', () => {
    expect(flaggingNotes(sorted, 0.7, 4)).toEqual([
      { kind: 'tie', material: true, text: '3 units tie at the cut (score 0.5); flagging them would exceed the 4 asked for, so none of them is flagged: 3 of 8 flagged (37.5 %)' },
    ]);
  });

  it('calls a tie material when it leaves a tenth or more of the asked-for units unflagged', () => {
    // 19 asked for: 17 distinct top scores, then a tie of 3 left out → 17 flagged, under 90 % of 19.
    const s = Float64Array.from([...Array(80).keys(), 100, 100, 100, ...Array.from({ length: 17 }, (_, i) => 200 + i)]);
    const t = thresholdForCount(s, 19);
    expect(flaggedAt(s, t)).toBe(17);
    expect(flaggingNotes(s, t, 19).map((n) => n.material)).toEqual([true]);
    // A tie of 2 below 18 distinct: 18 flagged, a shortfall of one, under a tenth.
    const s2 = Float64Array.from([...Array(80).keys(), 100, 100, ...Array.from({ length: 18 }, (_, i) => 200 + i)]);
    const t2 = thresholdForCount(s2, 19);
    expect(flaggedAt(s2, t2)).toBe(18);
    expect(flaggingNotes(s2, t2, 19)).toEqual([expect.objectContaining({ kind: 'tie', material: false })]);
  });

  it('says when nothing or everything is flagged, and when a budget is above the units', () => {
    const text = (notes: { text: string }[]) => notes.map((n) => n.text);
    expect(text(flaggingNotes(sorted, Infinity, 1))).toEqual([
      '2 units tie at the cut (score 0.9); flagging them would exceed the 1 asked for, so none of them is flagged: 0 of 8 flagged (0.0 %)',
      'no unit is flagged (0 of 8)',
    ]);
    expect(flaggingNotes(sorted, 0.1)).toEqual([{ kind: 'all-flagged', material: true, text: 'every unit is flagged (8 of 8)' }]);
    expect(flaggingNotes(sorted, 0.1, 20)).toEqual([
      { kind: 'budget-above-units', material: true, text: 'the method allows 20 units and there are only 8: every unit is flagged' },
    ]);
    expect(flaggingNotes(sorted, Infinity, 1).map((n) => n.kind)).toEqual(['tie', 'none-flagged']);
    expect(flaggingNotes(sorted, 0.6, 3)).toEqual([]);
  });

  it('comes from every method through thresholdNotes', () => {
    const scores = [0.5, 0.9, 0.1, 0.5, 0.2, 0.7, 0.9, 0.5];
    expect(thresholdNotes(scores, { method: 'contamination', value: 0.5 })[0].text).toMatch(/^3 units tie at the cut \(score 0\.5\)/);
    expect(thresholdNotes(scores, { method: 'percentile', value: 50 })[0].text).toMatch(/^3 units tie at the cut/);
    expect(thresholdNotes(scores, { method: 'score', value: 5 }).map((n) => n.text)).toEqual(['no unit is flagged (0 of 8)']);
    const times = scores.map((_, i) => i * 60_000);
    expect(thresholdNotes(scores, { method: 'alert-budget', value: 100, per: 'hour' }, { times }).map((n) => n.text)).toEqual([
      'the method allows 100 units and there are only 8: every unit is flagged',
    ]);
  });
});
