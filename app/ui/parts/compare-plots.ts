// Plot specs of the Compare cell: each takes prepared, already sampled data
// (compare-data.ts) and returns the options `Plot.plot` draws, so what a plot
// shows can be read and snapshotted without a DOM (test/ui/parts/compare-plots.test.ts);
// draw-plot.ts draws them. Every string reaches Plot as data (text, titles,
// tips), never as markup.
import * as Plot from '@observablehq/plot';
import type { ScoreBin, ThresholdCurve } from '../../core/evaluate/index.ts';
import { binShares, wantsLog, type Curve } from './compare-data.ts';

const LABEL_COLORS = { normal: '#8aa4c8', anomalous: '#d6452f', unlabelled: '#9aa0aa' } as const;
export type LabelKind = keyof typeof LABEL_COLORS;

/** What a unit's label is called in the plots: 1 anomalous, 0 normal, anything else (-1: none) unlabelled. */
export function labelKind(label: number): LabelKind {
  return label === 1 ? 'anomalous' : label === 0 ? 'normal' : 'unlabelled';
}

/** One colour per run, the same in every plot of the cell. */
function runColor(runs: readonly string[]): Plot.ScaleOptions {
  return { type: 'categorical', domain: [...runs], scheme: 'tableau10', legend: true };
}

export interface RunCurve {
  run: string;
  curve: Curve;
  /** Where the run's threshold sits on its curve, or null. */
  point: { x: number; y: number } | null;
}

/**
 * ROC or precision–recall curves of several runs in one plot. Each run's
 * curve is one path whose aria-label names it ("ROC curve of if").
 * @param baseline PR: the share of anomalies (a random ranking's precision)
 */
export function curvesOverlaySpec(kind: 'roc' | 'pr', curves: readonly RunCurve[], runs: readonly string[], baseline: number | null = null): Plot.PlotOptions {
  const roc = kind === 'roc';
  const name = roc ? 'ROC curve' : 'PR curve';
  const rows = curves.flatMap((c) => c.curve.x.map((x, i) => ({ run: c.run, x, y: c.curve.y[i] })));
  const points = curves.flatMap((c) => (c.point ? [{ run: c.run, ...c.point }] : []));
  const f = (v: number) => v.toFixed(3);
  return {
    width: 330,
    height: 300,
    x: { label: roc ? 'false positive rate' : 'recall', domain: [0, 1] },
    y: { label: roc ? 'true positive rate' : 'precision', domain: [0, 1], grid: true },
    color: runColor(runs),
    marks: [
      roc
        ? Plot.line([{ x: 0, y: 0 }, { x: 1, y: 1 }], { x: 'x', y: 'y', stroke: '#bbb', strokeDasharray: '3 3' })
        : Plot.ruleY(baseline === null ? [] : [baseline], { stroke: '#bbb', strokeDasharray: '3 3' }),
      Plot.line(rows, { x: 'x', y: 'y', z: 'run', stroke: 'run', strokeWidth: 1.6, ariaLabel: (d) => `${name} of ${d.run}` }),
      Plot.dot(points, {
        x: 'x', y: 'y', stroke: 'run', fill: 'white', r: 4, strokeWidth: 2,
        title: (d) => `${d.run} at its threshold: ${roc ? `FPR ${f(d.x)}, TPR ${f(d.y)}` : `recall ${f(d.x)}, precision ${f(d.y)}`}`,
      }),
    ],
  };
}

/** Plots drawn side by side under one shared colour legend. */
export interface SmallMultiples {
  legend: { color: Plot.ScaleOptions };
  plots: Plot.PlotOptions[];
}

export interface RunDistribution {
  run: string;
  bins: readonly ScoreBin[];
  clippedAt: number | null;
  log: boolean;
  threshold: number | null;
}

/**
 * Score distributions as small multiples, one plot per run (scores live on
 * each detector's own scale), bars as each label's share per bin.
 */
export function scoreDistributionsSpec(runs: readonly RunDistribution[], labelled: boolean): SmallMultiples {
  const kinds: LabelKind[] = labelled ? ['normal', 'anomalous'] : ['unlabelled'];
  const color = { type: 'categorical' as const, domain: kinds, range: kinds.map((k) => LABEL_COLORS[k]) };
  return {
    legend: { color },
    plots: runs.map((r) => ({
      title: r.run,
      width: 250,
      height: 150,
      marginLeft: 44,
      subtitle: r.log ? 'log scale' : r.clippedAt === null ? undefined : `last bar: every score ≥ ${r.clippedAt.toPrecision(3)}`,
      x: { label: 'score', type: r.log ? 'log' : 'linear', ticks: 4, tickFormat: '~g' },
      y: { label: 'share', percent: true, grid: true, ticks: 3 },
      color,
      marks: [
        Plot.rectY(binShares(r.bins), { x1: 'x1', x2: 'x2', y: 'share', fill: 'label', fillOpacity: 0.6, mixBlendMode: 'multiply' }),
        // A threshold past the clipped range sits on the last bar.
        Plot.ruleX(r.threshold === null ? [] : [Math.min(r.threshold, r.clippedAt ?? Infinity)], { stroke: 'currentColor', strokeDasharray: '4 3' }),
        Plot.ruleY([0]),
      ],
    })),
  };
}

/** Precision, recall and F1 (or, without labels, the share flagged) against threshold for one run. */
export function thresholdSpec(curve: ThresholdCurve, threshold: number | null, total: number): Plot.PlotOptions {
  const t = Array.from(curve.thresholds);
  const series = curve.precision
    ? ([['precision', curve.precision], ['recall', curve.recall!], ['F1', curve.f1!]] as const)
    : ([['share flagged', Float64Array.from(curve.flagged, (f) => f / Math.max(1, total))]] as const);
  const rows = series.flatMap(([metric, values]) => t.map((x, i) => ({ metric, x, y: values[i] })));
  const log = t.length > 0 && wantsLog(t[t.length - 1], t[0]);
  return {
    width: 330,
    height: 300,
    x: { label: log ? 'threshold (score, log scale)' : 'threshold (score)', type: log ? 'log' : 'linear', tickFormat: '~g', ticks: 5 },
    y: { label: curve.precision ? 'value' : 'share flagged', domain: [0, 1], grid: true },
    color: { legend: true, domain: series.map(([m]) => m), range: ['#2f5fd0', '#d6452f', '#2a9d5c'] },
    marks: [
      Plot.line(rows, { x: 'x', y: 'y', stroke: 'metric', z: 'metric', strokeWidth: 1.6, ariaLabel: (d) => d.metric }),
      Plot.ruleX(threshold === null ? [] : [threshold], { stroke: 'currentColor', strokeDasharray: '4 3' }),
    ],
  };
}

export interface TimelinePoint {
  /** ms since the epoch, or the unit's position when there are no times. */
  x: number;
  score: number;
  label: LabelKind;
  flagged: boolean;
  lane: string;
  /** What a tip names: the unit (line number, session id or window). */
  unit: string;
}

export interface TimelineOptions {
  /** The swimlanes, top to bottom, or null for one lane. */
  lanes: readonly string[] | null;
  laneField: string | null;
  threshold: number | null;
  /** x is a time (ms since the epoch), not a position. */
  timed: boolean;
  /** px */
  width?: number;
}

/**
 * Scores over time, one swimlane per value of a field (or one lane), label
 * as colour, flagged units outlined, the threshold as a dashed rule.
 */
export function timelineSpec(points: readonly TimelinePoint[], { lanes, laneField, threshold, timed, width = 1040 }: TimelineOptions): Plot.PlotOptions {
  const x = (d: TimelinePoint) => (timed ? new Date(d.x) : d.x);
  const kinds = [...new Set(points.map((p) => p.label))].sort() as LabelKind[];
  const base = { x, y: 'score', fy: lanes ? 'lane' : undefined, fill: 'label', channels: { unit: 'unit' } } as const;
  const other = points.filter((p) => !p.flagged);
  const flagged = points.filter((p) => p.flagged);
  return {
    width,
    height: lanes ? Math.max(200, 34 + 74 * lanes.length) : 240,
    marginRight: lanes ? 120 : 20,
    marginBottom: 40,
    x: { label: timed ? 'time (UTC)' : 'unit (no timestamps)', type: timed ? 'utc' : 'linear', labelAnchor: 'center', labelArrow: 'none', labelOffset: 36 },
    y: { label: 'score', grid: true, ticks: 3 },
    fy: lanes ? { domain: [...lanes], label: laneField, tickFormat: (v: string) => (v.length > 18 ? `${v.slice(0, 17)}…` : v) } : undefined,
    color: { legend: true, domain: kinds, range: kinds.map((k) => LABEL_COLORS[k]) },
    marks: [
      Plot.dot(other, { ...base, r: 1.8, fillOpacity: 0.55 }),
      // Thousands of flagged units would hide the rest at full size.
      Plot.dot(flagged, { ...base, r: flagged.length > 1000 ? 2.4 : 3.2, stroke: 'currentColor', strokeWidth: flagged.length > 1000 ? 0.6 : 1, tip: true }),
      Plot.ruleY(threshold === null ? [] : [threshold], { stroke: 'currentColor', strokeDasharray: '4 3', strokeOpacity: 0.6 }),
    ],
  };
}

/**
 * Top-k agreement of every pair of runs as a heatmap: the share of their top
 * k units in common (diagonal 1). Each cell's aria-label reads `a × b: 0.42`.
 */
export function agreementSpec(runs: readonly string[], overlap: readonly (readonly number[])[], k: number): Plot.PlotOptions {
  const cells = runs.flatMap((a, i) => runs.map((b, j) => ({ a, b, v: overlap[i][j] })));
  const say = (d: { a: string; b: string; v: number }) => `${d.a} × ${d.b}: ${d.v.toFixed(2)}`;
  const size = Math.max(44, Math.min(80, 420 / runs.length));
  return {
    width: 130 + size * runs.length,
    height: 70 + size * runs.length,
    marginLeft: 110,
    marginTop: 40,
    x: { domain: [...runs], label: null, axis: 'top', tickFormat: (v: string) => (v.length > 12 ? `${v.slice(0, 11)}…` : v) },
    y: { domain: [...runs], label: null, tickFormat: (v: string) => (v.length > 16 ? `${v.slice(0, 15)}…` : v) },
    color: { domain: [0, 1], scheme: 'blues', legend: true, label: `share of the top ${k} in common` },
    marks: [
      Plot.cell(cells, { x: 'a', y: 'b', fill: 'v', inset: 1, ariaLabel: say, title: (d) => `${say(d)} (${Math.round(d.v * k)} of the top ${k} units in common)` }),
      Plot.text(cells, { x: 'a', y: 'b', text: (d) => d.v.toFixed(2), fill: (d) => (d.v > 0.6 ? 'white' : 'black'), pointerEvents: 'none' }),
    ],
  };
}

export interface ProjectedPoint {
  x: number;
  y: number;
  score: number;
  flagged: boolean;
  label: LabelKind;
  unit: string;
}

/** The 2-D PCA projection coloured by score (quantiles), flagged units outlined. */
export function projectionSpec(points: readonly ProjectedPoint[], ratio: readonly [number, number]): Plot.PlotOptions {
  const pc = (i: 0 | 1) => `PC${i + 1} (${(ratio[i] * 100).toFixed(0)} % of variance)`;
  const base = { x: 'x', y: 'y', fill: 'score', channels: { unit: 'unit', label: 'label' } } as const;
  return {
    width: 460,
    height: 400,
    x: { label: pc(0) },
    y: { label: pc(1), grid: true },
    color: { type: 'quantile', n: 6, scheme: 'ylorrd', legend: true, label: 'score (quantiles)', tickFormat: '.3~g' },
    marks: [
      Plot.dot(points.filter((p) => !p.flagged), { ...base, r: 2.2, fillOpacity: 0.8 }),
      Plot.dot(points.filter((p) => p.flagged), { ...base, r: 3.6, stroke: 'currentColor', strokeWidth: 1.1, tip: true }),
    ],
  };
}
