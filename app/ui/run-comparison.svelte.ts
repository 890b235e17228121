// The Compare cell's state: the runs compared, what the curves, distributions
// and agreement plots draw, and the threshold the plots follow. The
// timeline's and the projection's state sit in classes of their own
// (score-timeline.svelte.ts, feature-projection.svelte.ts); the cell's panels
// (cells/compare/*.svelte) only render these and dispatch the person's choices.
import { untrack } from 'svelte';
import type { Notebook } from './notebook.svelte.ts';
import type { DetectorRun } from '../core/experiment/run-experiment.ts';
import {
  precisionRecallCurveFromRanking, rocCurveFromRanking, runAgreement, thresholdCurve, thresholdCurveFromRanking, topK,
  type Ranking, type ThresholdCurve,
} from '../core/evaluate/index.ts';
import { countsAt, perRun, readableHistogram, thinCurve, type Curve } from './parts/compare-data.ts';
import type { RunCurve, RunDistribution } from './parts/compare-plots.ts';
import { MAX_FLAGGED } from './parts/scatter-limits.ts';
import { ScoreTimeline } from './score-timeline.svelte.ts';
import { FeatureProjection } from './feature-projection.svelte.ts';

/** How long the threshold must rest before the plots follow it (ms). */
const THRESHOLD_REST_MS = 150;

export interface RunCurves {
  run: string;
  ranking: Ranking;
  roc: Curve;
  pr: Curve;
}

/**
 * Create during a component's set-up: it keeps effects (the threshold's rest,
 * the projection's own task). Fields read the notebook inside `$derived.by`
 * because it is set after the field initialisers run; a derived runs only
 * once read.
 */
export class RunComparison {
  readonly timeline: ScoreTimeline;
  readonly projection: FeatureProjection;

  // Derived once per run (memoised on the run object), however often the page re-renders.
  private readonly rocOf = perRun<Curve | null>();
  private readonly prOf = perRun<Curve | null>();
  private readonly binsOf = perRun<ReturnType<typeof readableHistogram>>();
  private readonly curveOf = perRun<ThresholdCurve>();
  private readonly topOf = perRun<number[]>();

  /** The runs of the detector cells, in the cells' order. */
  readonly runs: DetectorRun[] = $derived.by(() => this.nb.settings.detectors.map((d) => this.nb.runs[d.id]).filter((r): r is DetectorRun => !!r));
  readonly ids = $derived(this.runs.map((r) => r.id));
  /** Labels of the judged units (with review marks), or null. */
  readonly labels = $derived.by(() => this.nb.judgedLabels);
  readonly judgedCount = $derived.by(() => this.runs.length ? (this.nb.judged[this.runs[0].id]?.length ?? 0) : 0);
  readonly split = $derived.by(() => this.nb.prepared?.split ?? null);
  /** Every unit is judged (no split). */
  readonly whole = $derived(!this.split || this.split.train === this.split.test);
  /** What the units are called: "lines", "sessions", "windows". */
  readonly unitName = $derived.by(() => this.nb.prepared?.units ? `${this.nb.prepared.units.kind}s` : 'units');

  /**
   * The thresholds plots draw, a moment behind the slider: plots redraw when
   * it rests rather than at every step of a drag.
   */
  private thresholds = $state.raw<Record<string, number>>({});

  /** ROC and PR curves of every run the judged labels can rank. */
  readonly curves: RunCurves[] = $derived(
    this.runs.flatMap((r) => {
      const ranking = this.nb.rankings[r.id];
      if (!ranking) return [];
      const roc = this.rocOf(r, this.nb.judging, () => {
        const c = rocCurveFromRanking(ranking);
        return c && thinCurve(c.fpr, c.tpr);
      });
      const pr = this.prOf(r, this.nb.judging, () => {
        const c = precisionRecallCurveFromRanking(ranking);
        return c && thinCurve(c.recall, c.precision);
      });
      return roc && pr ? [{ run: r.id, ranking, roc, pr }] : [];
    }),
  );
  /** The share of anomalies among the ranked units: a random ranking's precision. */
  readonly prevalence = $derived(
    this.curves.length ? this.curves[0].ranking.positives / Math.max(1, this.curves[0].ranking.positives + this.curves[0].ranking.negatives) : null,
  );

  /** Each run's score histogram, with the threshold it draws. */
  readonly distributions: RunDistribution[] = $derived(
    this.runs
      .filter((r) => this.nb.judged[r.id] && this.nb.sorted[r.id])
      .map((r) => ({
        run: r.id,
        ...this.binsOf(r, this.labels, () => readableHistogram(this.nb.judged[r.id], this.nb.sorted[r.id], this.labels, 40)),
        threshold: this.thresholdOf(r.id),
      })),
  );

  /** The run the Threshold cell shows, while it has judged scores. */
  readonly shown: DetectorRun | null = $derived.by(() => this.nb.run && this.nb.judged[this.nb.run.id]?.length ? this.nb.run : null);
  /** Precision, recall and F1 (or the share flagged) against threshold of the shown run. */
  readonly shownCurve: ThresholdCurve | null = $derived.by(() => {
    const run = this.shown;
    if (!run) return null;
    const scores = this.nb.judged[run.id];
    const ranking = this.nb.rankings[run.id];
    const labels = this.labels;
    // The notebook's ranking saves a sort when it covers every judged unit (with labels, it does).
    return this.curveOf(run, labels, () =>
      labels && ranking && ranking.positives + ranking.negatives === scores.length
        ? thresholdCurveFromRanking(ranking, true, 200)
        : thresholdCurve(scores, labels, 200),
    );
  });

  /** Labelled anomalies among the judged units (0 without labels). */
  readonly anomalies = $derived(this.curves[0]?.ranking.positives ?? 0);
  /** The k the agreement heatmap offers: the labelled anomalies (R-precision's k) and round numbers. */
  readonly kOptions = $derived(
    [...new Set([...(this.anomalies ? [this.anomalies] : []), 10, 50, 100, 500, 1000])].filter((k) => k <= this.judgedCount).sort((a, b) => a - b),
  );
  /** The person's k, or null for the default. */
  kChoice = $state<number | null>(null);
  readonly k = $derived(
    this.kChoice !== null && this.kOptions.includes(this.kChoice) ? this.kChoice : this.anomalies || Math.min(100, this.judgedCount) || 1,
  );
  /** Top-k overlap of every pair of runs, or null with fewer than two comparable runs. */
  readonly agreement = $derived.by(() => {
    const { runs, judgedCount, nb } = this;
    if (runs.length < 2 || judgedCount === 0 || !runs.every((r) => nb.judged[r.id]?.length === judgedCount && nb.sorted[r.id])) return null;
    return runAgreement(runs.map((r) => nb.judged[r.id]), this.k, runs.map((r) => nb.sorted[r.id]));
  });

  constructor(readonly nb: Notebook) {
    this.thresholds = untrack(() => nb.thresholds);
    $effect(() => {
      const t = nb.thresholds;
      const timer = setTimeout(() => (this.thresholds = t), THRESHOLD_REST_MS);
      return () => clearTimeout(timer);
    });
    this.timeline = new ScoreTimeline(this);
    this.projection = new FeatureProjection(this);
  }

  /** A run's threshold as the plots draw it, or null. */
  thresholdOf(id: string): number | null {
    return this.thresholds[id] ?? this.nb.thresholds[id] ?? null;
  }

  /** Judged position → unit index. */
  unitAt(p: number): number {
    const split = this.split;
    return this.whole || !split ? p : split.test[p];
  }

  /** The judged positions of a run's `MAX_FLAGGED` top scores, highest first (memoised per run). */
  top(run: DetectorRun): number[] {
    return this.topOf(run, null, () => topK(this.nb.judged[run.id], this.nb.sorted[run.id], MAX_FLAGGED));
  }

  /** Every run's ROC or PR curve, with the point its threshold sits at. */
  overlay(kind: 'roc' | 'pr'): RunCurve[] {
    return this.curves.map((c) => {
      const t = this.thresholdOf(c.run);
      const { positives: p, negatives: n } = c.ranking;
      const at = t === null ? null : countsAt(c.ranking, t);
      const point = !at ? null
        : kind === 'roc' ? { x: at.fp / Math.max(1, n), y: at.tp / Math.max(1, p) }
        : at.tp + at.fp > 0 ? { x: at.tp / Math.max(1, p), y: at.tp / (at.tp + at.fp) } : null;
      return { run: c.run, curve: kind === 'roc' ? c.roc : c.pr, point };
    });
  }
}
