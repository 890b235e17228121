import { describe, it, expect } from 'vitest';
import { baselineWithMarks, judgingMetrics, judgingScores, marksAsLabels } from '../../../app/core/evaluate/review-marks.ts';
import { splitUnits } from '../../../app/core/features/split.ts';

const all = splitUnits(6, { method: 'all' });
// Units 0–2 train, 3–5 are judged.
const half = splitUnits(6, { method: 'ratio', train: 0.5 });

describe('marksAsLabels', () => {
  it('with labels: a mark replaces its unit’s label, and every judged unit is judged', () => {
    const labels = Int8Array.from([0, 1, 0, 1, 0, 0]);
    const r = marksAsLabels(6, all, labels, [{ unit: 1, label: 0 }, { unit: 4, label: 1 }]);
    expect([...r.labels!]).toEqual([0, 0, 0, 1, 1, 0]);
    expect(r.judging!.positions).toBeNull();
    expect([...r.judging!.labels]).toEqual([0, 0, 0, 1, 1, 0]);
    // The data's labels are not changed in place.
    expect([...labels]).toEqual([0, 1, 0, 1, 0, 0]);
  });

  it('with labels and a split: the judged labels are those of the test part, marks applied', () => {
    const r = marksAsLabels(6, half, Int8Array.from([0, 0, 0, 1, 0, 0]), [{ unit: 3, label: 0 }, { unit: 5, label: 1 }]);
    expect([...r.judging!.labels]).toEqual([0, 0, 1]);
    expect(r.judging!.positions).toBeNull();
  });

  it('without labels: only the marked judged units are judged, by their marks', () => {
    const r = marksAsLabels(6, all, null, [{ unit: 4, label: 1 }, { unit: 1, label: 0 }]);
    expect(r.labels).toBeNull();
    expect([...r.judging!.positions!]).toEqual([1, 4]);
    expect([...r.judging!.labels]).toEqual([0, 1]);
    expect([...judgingScores(Float64Array.from([0, 0.1, 0.2, 0.3, 0.4, 0.5]), r.judging)]).toEqual([0.1, 0.4]);
  });

  it('without labels and with a split: marks on training units are not judged; positions are in the test order', () => {
    const r = marksAsLabels(6, half, null, [{ unit: 0, label: 1 }, { unit: 5, label: 1 }, { unit: 3, label: 0 }]);
    expect([...r.judging!.positions!]).toEqual([0, 2]); // units 3 and 5
    expect([...r.judging!.labels]).toEqual([0, 1]);
    expect(marksAsLabels(6, half, null, [{ unit: 1, label: 1 }]).judging).toBeNull();
    expect(marksAsLabels(6, all, null, []).judging).toBeNull();
  });

  it('a later mark of the same unit wins', () => {
    const r = marksAsLabels(6, all, null, [{ unit: 2, label: 1 }, { unit: 2, label: 0 }]);
    expect([...r.judging!.labels]).toEqual([0]);
  });

  it('refuses a unit out of range or a label other than 0/1, naming it', () => {
    expect(() => marksAsLabels(6, all, null, [{ unit: 6, label: 1 }])).toThrow('review mark: unit 6 is not a unit index (0–5)');
    expect(() => marksAsLabels(6, all, null, [{ unit: 2, label: 2 as 1 }])).toThrow('review mark of unit 2: label 2 is not 0 or 1');
    expect(() => marksAsLabels(6, all, new Int8Array(5), [])).toThrow('labels: 5 for 6 units');
  });
});

describe('judgingScores', () => {
  it('returns the scores themselves when every judged unit is judged', () => {
    const s = Float64Array.from([1, 2]);
    expect(judgingScores(s, null)).toBe(s);
    expect(judgingScores(s, { positions: null, labels: Int8Array.from([0, 1]) })).toBe(s);
  });
});

describe('baselineWithMarks', () => {
  it('adds the units marked normal to the training part, ascending, without repeats', () => {
    const marks = [{ unit: 5, label: 0 as const }, { unit: 4, label: 1 as const }, { unit: 1, label: 0 as const }, { unit: 3, label: 0 as const }];
    expect([...baselineWithMarks(half, marks)]).toEqual([0, 1, 2, 3, 5]);
  });

  it('leaves a whole split and a split without normal marks as they are', () => {
    expect(baselineWithMarks(all, [{ unit: 1, label: 0 }])).toBe(all.train);
    expect(baselineWithMarks(half, [{ unit: 4, label: 1 }])).toBe(half.train);
  });
});

describe('judgingMetrics', () => {
  const scores = Float64Array.from([0.9, 0.8, 0.7, 0.2, 0.1, 0.05]);
  it('without labels: precision and recall over the reviewed units, flagged over all judged units', () => {
    const { judging } = marksAsLabels(6, all, null, [{ unit: 0, label: 1 }, { unit: 1, label: 0 }, { unit: 4, label: 1 }]);
    const m = judgingMetrics(scores, judging, 0.75);
    expect(m.flagged).toBe(2); // units 0 and 1 of all six
    expect(m.confusion).toEqual({ tp: 1, fp: 1, tn: 0, fn: 1 });
    expect(m.precision).toBe(0.5);
    expect(m.recall).toBe(0.5);
  });

  it('with labels, or with nothing to judge: as summarizeMetrics', () => {
    const labels = Int8Array.from([1, 0, 0, 0, 1, 0]);
    const { judging } = marksAsLabels(6, all, labels, [{ unit: 1, label: 1 }]);
    const m = judgingMetrics(scores, judging, 0.75);
    expect(m.confusion).toEqual({ tp: 2, fp: 0, tn: 3, fn: 1 });
    expect(m.precision).toBe(1);
    expect(judgingMetrics(scores, null, 0.75)).toMatchObject({ flagged: 2, precision: null, confusion: null });
  });
});
