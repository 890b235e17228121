import { describe, expect, it } from 'vitest';
import { rankByScore, sortScores, summarizeMetrics } from '../../../app/core/evaluate/index.ts';
import { marksAsLabels } from '../../../app/core/evaluate/review-marks.ts';
import { judgedLabels, judgeOrders, judgeRun, labelJudging, type JudgeBasis } from '../../../app/core/experiment/judge-run.ts';
import { FieldError } from '../../../app/core/field-error.ts';
import { createRandom } from '../../../app/core/random.ts';
import type { Split } from '../../../app/core/features/split.ts';

// 400 units: anomalies (label 1) score higher on average, with overlap, and some ties.
const random = createRandom(3);
const n = 400;
const labels = Int8Array.from({ length: n }, (_, i) => (i % 13 === 0 ? 1 : 0));
const scores = Float64Array.from(labels, (l) => Math.round((random.next() + l * 0.8) * 50) / 50);
const all: Split = { train: Int32Array.from({ length: n }, (_, i) => i), test: Int32Array.from({ length: n }, (_, i) => i) };
// A time split: the first 300 units train, the last 100 are judged.
const later: Split = { train: Int32Array.from({ length: 300 }, (_, i) => i), test: Int32Array.from({ length: 100 }, (_, i) => 300 + i) };

describe('judgeRun', () => {
  it('gives what the steps give one by one: contamination threshold, then the metrics there', () => {
    const basis: JudgeBasis = { split: all, judging: labelJudging({ split: all, labels }) };
    const j = judgeRun(scores, 'if', { run: 'if', method: 'contamination', value: 0.1 }, basis);
    const sorted = sortScores(scores);
    // The 90th percentile's cut, never flagging more than 10 % (ties left out).
    expect(j.metrics.flagged).toBeLessThanOrEqual(40);
    expect(j.metrics.flagged).toBeGreaterThan(20);
    expect(sorted[n - j.metrics.flagged]).toBeGreaterThanOrEqual(j.threshold);
    expect(j.metrics).toEqual(summarizeMetrics(scores, labels, j.threshold, rankByScore(scores, labels)));
  });

  it('judges only the split\'s judged part', () => {
    const basis: JudgeBasis = { split: later, judging: labelJudging({ split: later, labels }) };
    const j = judgeRun(scores, 'if', { run: 'if', method: 'best-f1' }, basis);
    const judged = scores.slice(300);
    expect(Array.from(j.judged)).toEqual(Array.from(judged));
    const judgedL = judgedLabels({ split: later, labels })!;
    expect(j.metrics).toEqual(summarizeMetrics(judged, judgedL, j.threshold));
    expect(j.threshold).toBe(j.metrics.bestF1Threshold);
  });

  it('gives the same result from the caller\'s cached orders as without them', () => {
    const basis: JudgeBasis = { split: later, judging: labelJudging({ split: later, labels }) };
    const spec = { run: 'if', method: 'percentile', value: 95 } as const;
    const fresh = judgeRun(scores, 'if', spec, basis);
    const { sorted, ranking } = judgeOrders(scores, basis);
    const cached = judgeRun(scores, 'if', spec, basis, { judged: fresh.judged, sorted, ranking: ranking! });
    expect(cached.metrics).toEqual(fresh.metrics);
    expect(cached.threshold).toBe(fresh.threshold);
  });

  it('throws the field error when the data cannot serve the method, or falls back to the top 5 % and says why', () => {
    const basis: JudgeBasis = { split: all, judging: null };
    const spec = { run: 'if', method: 'best-f1' } as const;
    expect(() => judgeRun(scores, 'if', spec, basis)).toThrow(FieldError);
    try {
      judgeRun(scores, 'if', spec, basis);
    } catch (e) {
      expect((e as FieldError).field).toBe('threshold.method');
    }
    const j = judgeRun(scores, 'if', spec, basis, {}, { fallBack: true });
    expect(j.error).toMatch(/^threshold\.method: /);
    const top5 = judgeRun(scores, 'if', { run: 'if', method: 'contamination', value: 0.05 }, basis);
    expect(j.threshold).toBe(top5.threshold);
    expect(j.metrics.precision).toBeNull();
  });

  it('with review marks only: best F1 is picked on the reviewed units, and flagged still counts every judged unit', () => {
    const marks = [0, 13, 26, 39, 5, 6, 7, 8].map((unit) => ({ unit, label: (unit % 13 === 0 ? 1 : 0) as 0 | 1 }));
    const { judging } = marksAsLabels(n, all, null, marks);
    const j = judgeRun(scores, 'if', { run: 'if', method: 'best-f1' }, { split: all, judging });
    const reviewed = Float64Array.from(judging!.positions!, (p) => scores[p]);
    expect(j.metrics.f1).toBe(summarizeMetrics(reviewed, judging!.labels, j.threshold).f1);
    expect(j.metrics.flagged).toBe(scores.filter((s) => s >= j.threshold).length);
    expect(j.metrics.flagged).toBeGreaterThan(reviewed.filter((s) => s >= j.threshold).length);
  });

  it('asks for the units\' times only for an alert budget', () => {
    let asked = 0;
    const times = () => (asked++, Float64Array.from({ length: n }, (_, i) => i * 60_000));
    judgeRun(scores, 'if', { run: 'if', method: 'contamination', value: 0.05 }, { split: all, judging: null, times });
    expect(asked).toBe(0);
    const j = judgeRun(scores, 'if', { run: 'if', method: 'alert-budget', value: 2, per: 'hour' }, { split: all, judging: null, times });
    expect(asked).toBe(1);
    // 400 minutes: under 7 hours, so at most 14 alerts' worth of units flagged.
    expect(j.metrics.flagged).toBeLessThanOrEqual(14);
  });
});
