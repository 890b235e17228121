// Snapshot tests of the Compare cell's plot specs, in the manner of Observable
// Plot's own tests (test/plots/*.ts → test/output/*.svg): small fixed data,
// one file per plot. The unit project has no DOM (environment: node), so
// instead of Plot's SVG the snapshot is what Plot would draw: each scale's
// options (domain, label, type, tick format applied to the domain) and each
// mark's type, constant options and channels with the values Plot computes
// from the data (`mark.initialize()`, the step before scales). A changed mark,
// channel, value, domain or label changes the file.
import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import {
  agreementSpec, curvesOverlaySpec, labelKind, projectionSpec, scoreDistributionsSpec, thresholdSpec, timelineSpec,
  type ProjectedPoint, type RunCurve, type TimelinePoint,
} from '../../../app/ui/parts/compare-plots.ts';
import type { ThresholdCurve } from '../../../app/core/evaluate/index.ts';

type Channel = { value: ArrayLike<unknown>; scale?: string };
interface InitialisedMark {
  fx?: unknown;
  fy?: unknown;
  /** Plot's own: applies the mark's transform and reads its channels from the data. */
  initialize(): { data: ArrayLike<unknown>; channels: Record<string, Channel> };
}

/** A value as JSON can hold it: dates as ISO strings, typed arrays as arrays, non-finite numbers by name. */
function plain(v: unknown, domain?: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (v instanceof Date) return v.toISOString();
  // A tick format is a function: what it makes of the domain shows what it does.
  if (typeof v === 'function') return Array.isArray(domain) ? { 'ƒ(domain)': domain.map((d) => v(d)) } : 'ƒ';
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>, (x) => plain(x));
  if (Array.isArray(v)) return v.map((x) => plain(x));
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined).map(([k, x]) => [k, plain(x, o.domain)]));
  }
  return v;
}

/** A mark as Plot will draw it: its type, constant options and computed channels. */
function describeMark(mark: Plot.Markish) {
  const m = mark as unknown as InitialisedMark & Record<string, unknown>;
  const { data, channels } = m.initialize();
  const options = Object.fromEntries(
    Object.entries(m).filter(([, v]) => v !== undefined && v !== null && typeof v !== 'object' && typeof v !== 'function'),
  );
  const described: Record<string, { scale: string | null; values: unknown[] }> = {};
  for (const [name, c] of Object.entries(channels)) described[name] = { scale: c.scale ?? null, values: Array.from(c.value, (x) => plain(x)) };
  if (m.fy != null) described.fy = { scale: 'fy', values: Array.from(Plot.valueof(data, m.fy as string) ?? [], (x) => plain(x)) };
  return { mark: (mark as object).constructor.name, size: data.length, options, channels: described };
}

/** A plot spec as a JSON snapshot: its options, then its marks. */
function describePlot(spec: Plot.PlotOptions) {
  const { marks = [], ...options } = spec;
  return { ...(plain(options) as object), marks: marks.flat(Infinity as 1).map((mk) => describeMark(mk as Plot.Markish)) };
}

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
const snapshot = (name: string) => `./__snapshots__/compare-plots/${name}.json`;

const RUNS = ['if', 'a-rather-long-run-name'];
const curves = (kind: 'roc' | 'pr'): RunCurve[] => [
  { run: 'if', curve: { x: [0, 0.1, 0.5, 1], y: kind === 'roc' ? [0, 0.6, 0.9, 1] : [1, 0.8, 0.5, 0.2] }, point: { x: 0.1, y: kind === 'roc' ? 0.6 : 0.8 } },
  { run: 'a-rather-long-run-name', curve: { x: [0, 0.5, 1], y: kind === 'roc' ? [0, 0.5, 1] : [0.4, 0.3, 0.2] }, point: null },
];

/** A labelled threshold curve over three distinct scores. */
const labelledCurve: ThresholdCurve = {
  thresholds: Float64Array.of(0.9, 0.5, 0.1),
  flagged: Uint32Array.of(1, 3, 6),
  precision: Float64Array.of(1, 2 / 3, 0.5),
  recall: Float64Array.of(1 / 3, 2 / 3, 1),
  f1: Float64Array.of(0.5, 2 / 3, 2 / 3),
  fpr: Float64Array.of(0, 1 / 3, 1),
};

const timelinePoints: TimelinePoint[] = [
  { x: Date.UTC(2026, 2, 2, 10, 0, 0), score: 0.2, label: 'normal', flagged: false, lane: 'web-1', unit: 'line 1' },
  { x: Date.UTC(2026, 2, 2, 10, 0, 5), score: 0.3, label: 'normal', flagged: false, lane: 'a-very-long-host-name.example', unit: 'line 2' },
  { x: Date.UTC(2026, 2, 2, 10, 0, 9), score: 0.9, label: 'anomalous', flagged: true, lane: 'web-1', unit: 'line 3' },
];

const projected: ProjectedPoint[] = [
  { x: -1, y: 0.5, score: 0.1, flagged: false, label: 'normal', unit: 'session a' },
  { x: 0.25, y: -2, score: 0.4, flagged: false, label: 'unlabelled', unit: 'session b' },
  { x: 3, y: 1, score: 0.95, flagged: true, label: 'anomalous', unit: 'session c' },
];

describe('Compare plot specs', () => {
  it('overlays ROC curves, one line per run named for it, the diagonal and the threshold points', async () => {
    const spec = curvesOverlaySpec('roc', curves('roc'), RUNS);
    const lines = describePlot(spec).marks[1];
    expect(lines.channels.ariaLabel.values).toEqual(['ROC curve of if', 'ROC curve of if', 'ROC curve of if', 'ROC curve of if', ...Array(3).fill('ROC curve of a-rather-long-run-name')]);
    await expect(json(describePlot(spec))).toMatchFileSnapshot(snapshot('roc-curves'));
  });

  it('overlays PR curves with the prevalence as baseline', async () => {
    await expect(json(describePlot(curvesOverlaySpec('pr', curves('pr'), RUNS, 0.25)))).toMatchFileSnapshot(snapshot('pr-curves'));
    // No baseline: the rule has no data, nothing is drawn.
    expect(describePlot(curvesOverlaySpec('pr', curves('pr'), RUNS, null)).marks[0].size).toBe(0);
  });

  it('draws score distributions as small multiples: plain, clipped and log scale', async () => {
    const bins = [
      { x0: 0, x1: 0.5, normal: 3, anomalous: 1, unlabelled: 0 },
      { x0: 0.5, x1: 1, normal: 1, anomalous: 3, unlabelled: 0 },
    ];
    const spec = scoreDistributionsSpec(
      [
        { run: 'if', bins, clippedAt: null, log: false, threshold: 0.6 },
        { run: 'lof', bins, clippedAt: 0.8, log: false, threshold: 5 },
        { run: 'pca', bins: bins.map((b) => ({ ...b, x0: 10 ** (b.x0 * 4), x1: 10 ** (b.x1 * 4) })), clippedAt: null, log: true, threshold: null },
      ],
      true,
    );
    // The threshold past the clipped range sits on the last bar.
    expect(describePlot(spec.plots[1]).marks[1].channels.x.values).toEqual([0.8]);
    await expect(json({ legend: plain(spec.legend), plots: spec.plots.map(describePlot) })).toMatchFileSnapshot(snapshot('score-distributions'));
    const unlabelled = scoreDistributionsSpec([{ run: 'if', bins: [{ x0: 0, x1: 1, normal: 0, anomalous: 0, unlabelled: 4 }], clippedAt: null, log: false, threshold: 0.5 }], false);
    await expect(json({ legend: plain(unlabelled.legend), plots: unlabelled.plots.map(describePlot) })).toMatchFileSnapshot(snapshot('score-distributions-unlabelled'));
  });

  it('draws precision, recall and F1 against threshold, or the share flagged without labels', async () => {
    await expect(json(describePlot(thresholdSpec(labelledCurve, 0.5, 6)))).toMatchFileSnapshot(snapshot('threshold-labelled'));
    const unlabelled: ThresholdCurve = { thresholds: Float64Array.of(5000, 50, 1), flagged: Uint32Array.of(1, 2, 4), precision: null, recall: null, f1: null, fpr: null };
    // Scores spanning 1 to 5,000: a log axis.
    await expect(json(describePlot(thresholdSpec(unlabelled, null, 4)))).toMatchFileSnapshot(snapshot('threshold-unlabelled-log'));
  });

  it('draws the timeline with swimlanes per field, flagged units outlined', async () => {
    const spec = timelineSpec(timelinePoints, { lanes: ['web-1', 'a-very-long-host-name.example'], laneField: 'hostname', threshold: 0.8, timed: true });
    await expect(json(describePlot(spec))).toMatchFileSnapshot(snapshot('timeline-lanes'));
    const untimed = timelineSpec(timelinePoints.map((p, i) => ({ ...p, x: i })), { lanes: null, laneField: null, threshold: null, timed: false, width: 600 });
    await expect(json(describePlot(untimed))).toMatchFileSnapshot(snapshot('timeline-untimed'));
  });

  it('draws agreement as a runs × runs heatmap whose cells name the pair and the share', async () => {
    const spec = agreementSpec(RUNS, [[1, 0.25], [0.25, 1]], 40);
    expect(describePlot(spec).marks[0].channels.ariaLabel.values).toEqual([
      'if × if: 1.00', 'if × a-rather-long-run-name: 0.25', 'a-rather-long-run-name × if: 0.25', 'a-rather-long-run-name × a-rather-long-run-name: 1.00',
    ]);
    await expect(json(describePlot(spec))).toMatchFileSnapshot(snapshot('agreement'));
  });

  it('draws the projection coloured by score, flagged units outlined', async () => {
    await expect(json(describePlot(projectionSpec(projected, [0.44, 0.18])))).toMatchFileSnapshot(snapshot('projection'));
  });

  it('names labels as the plots colour them', () => {
    expect([1, 0, -1].map(labelKind)).toEqual(['anomalous', 'normal', 'unlabelled']);
  });
});
