// The Compare cell's projection: the feature matrix on its two leading
// principal axes, coloured by the shown run's score. Computed in a task of its
// own (a million units take ~0.1 s), and for a large matrix only once the
// person asks.
import type { Matrix } from '../core/matrix.ts';
import { projection2d, type Projection2d } from '../core/explain/projection-2d.ts';
import { perRun } from './parts/compare-data.ts';
import { labelKind, type ProjectedPoint } from './parts/compare-plots.ts';
import { OwnTask } from './parts/own-task.svelte.ts';
import { MAX_POINTS } from './parts/scatter-limits.ts';
import type { RunComparison } from './run-comparison.svelte.ts';

/** Top-scored units the projection always shows; the rest of its points are a uniform draw, to show the data around them. */
export const PROJECTION_KEEP = 1500;
/** Projections above this much work (rows × columns, or columns) wait for a click: about 100 ms. */
const CHEAP_CELLS = 10_000_000;
const CHEAP_COLS = 24;

export class FeatureProjection {
  private readonly projectionOf = perRun<Projection2d | Error>();
  /** A projection of a million units takes ~0.1 s: in a task of its own. */
  private readonly task = new OwnTask(() => this.compute());

  readonly matrix: Matrix | null = $derived.by(() => this.cmp.nb.prepared?.matrix ?? null);
  /** Small enough to project without asking. */
  private readonly cheap = $derived(!!this.matrix && this.matrix.rows * this.matrix.cols <= CHEAP_CELLS && this.matrix.cols <= CHEAP_COLS);
  /** The matrix the person asked to project (a big one waits for the button). */
  private askedFor = $state.raw<Matrix | null>(null);
  /** Projecting (or projected): there is a shown run and the matrix is cheap or asked for. */
  readonly projecting = $derived.by(() => !!this.matrix && !!this.cmp.shown && (this.cheap || this.askedFor === this.matrix));
  /** The projection, its error, or null while it is computed. */
  readonly current: Projection2d | Error | null = $derived(this.task.current);
  /** Shown unit → its judged position, to read labels and to leave out training units. */
  private readonly positions = $derived.by(() => {
    const position = new Map<number, number>();
    const { current: projection } = this;
    const { split, whole } = this.cmp;
    if (!projection || projection instanceof Error || !split) return position;
    if (whole) for (const u of projection.rows) position.set(u, u);
    else {
      const wanted = new Set(projection.rows);
      split.test.forEach((u, p) => wanted.has(u) && position.set(u, p));
    }
    return position;
  });
  /** What the plot draws: the judged units among the projected ones, and each axis's share of the variance. */
  readonly view: { points: ProjectedPoint[]; ratio: [number, number] } | null = $derived.by(() => this.build());

  constructor(private readonly cmp: RunComparison) {}

  /** Projects the matrix shown now, however large. */
  ask(): void {
    this.askedFor = this.matrix;
  }

  private compute(): Projection2d | Error | null {
    const { cmp, matrix } = this;
    const { split, whole, nb } = cmp;
    const run = cmp.shown;
    if (!this.projecting || !matrix || !run || !split) return null;
    const scores = nb.judged[run.id];
    const sorted = nb.sorted[run.id];
    if (!scores || !sorted) return null;
    return this.projectionOf(run, null, () => {
      try {
        // The top-scored units always show; with a split, enough rows are
        // drawn that about MAX_POINTS of them are judged ones.
        const keep = cmp.top(run).slice(0, PROJECTION_KEEP).map((p) => cmp.unitAt(p));
        const maxPoints = whole ? MAX_POINTS : Math.min(matrix.rows, Math.ceil((MAX_POINTS * matrix.rows) / split.test.length));
        return projection2d(matrix, { maxPoints, keep });
      } catch (e) {
        return e as Error;
      }
    });
  }

  private build(): { points: ProjectedPoint[]; ratio: [number, number] } | null {
    const projection = this.current;
    const { cmp } = this;
    const run = cmp.shown;
    if (!projection || projection instanceof Error || !run) return null;
    const t = cmp.thresholdOf(run.id) ?? Infinity;
    const { labels, nb } = cmp;
    const units = nb.prepared?.units;
    const position = this.positions;
    const points: ProjectedPoint[] = [];
    projection.rows.forEach((u, i) => {
      const p = position.get(u);
      if (p === undefined) return;
      points.push({
        x: projection.x[i],
        y: projection.y[i],
        score: run.scores[u],
        flagged: run.scores[u] >= t,
        label: labelKind(labels ? labels[p] : -1),
        unit: units ? units.names[u] : `line ${nb.data?.line[u] ?? u + 1}`,
      });
    });
    return { points, ratio: projection.explainedVarianceRatio };
  }
}
