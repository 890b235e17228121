import { baselineWithMarks, type ReviewMark } from '../core/evaluate/review-marks.ts';
import { reviewSample, type ReviewSample } from '../core/evaluate/review-sample.ts';
import type { ReviewSpec } from '../core/experiment/spec.ts';
import type { FeatureSpec } from '../core/features/feature-spec.ts';
import { isWholeSplit, type Split } from '../core/features/split.ts';
import { loadReviews, saveReviews, type SavedReview } from './review-persist.ts';

/**
 * Which data a review belongs to: the files' names and what a unit is. A unit
 * index means another thing for other files or another unit, so marks are
 * kept per key and come back with the same files and unit.
 */
export function reviewKey(fileNames: string[], features: Pick<FeatureSpec, 'unit' | 'key' | 'size' | 'step' | 'groupBy'>): string {
  const { unit, key, size, step, groupBy } = features;
  return JSON.stringify([fileNames, unit, key ?? null, size ?? null, step ?? null, groupBy ?? null]);
}

/** A sample drawn for review, from one run's scores on the judged units. */
export interface DrawnSample {
  runId: string;
  /** The review key and unit count it was drawn for: other data or units make it meaningless. */
  key: string;
  unitCount: number;
  /** The run's scores (all units) at the draw: a re-fit replaces them. */
  runScores: Float64Array;
  sample: ReviewSample;
  /** Per item of `sample.items`, its unit index (items count positions among the judged units). */
  units: number[];
}

/** One mark made from the keyboard, to be undone with Backspace. */
interface Step {
  unit: number;
  before: 0 | 1 | undefined;
  position: number;
}

/**
 * Review without labels: a stratified sample, a person's marks on it (or on
 * any unit of the explanation panel), the estimates they give, and the marks
 * as labels (see `core/evaluate/review-marks.ts`). Marks survive a reload,
 * per data and unit (`reviewKey`).
 */
export class Review {
  private saved = $state.raw<Record<string, SavedReview>>(loadReviews());
  private readonly keyOf: () => string;
  key = $derived.by(() => this.keyOf());
  /** Marks of the loaded data, in the order they were made (one per unit). */
  marks: ReviewMark[] = $derived(this.saved[this.key]?.marks ?? []);
  markOf: ReadonlyMap<number, 0 | 1> = $derived(new Map(this.marks.map((m) => [m.unit, m.label])));
  /** Units marked normal join the training part of a time or ratio split. */
  addNormalToBaseline = $derived(this.saved[this.key]?.addNormalToBaseline ?? false);

  /** Sample options. */
  size = $state(20);
  seed = $state(1);
  /** Rank shares of the strata, e.g. `0.01, 0.05, 0.2` (top 1 %, next 4 %, next 15 %, the rest), or a number of equal strata. */
  strata = $state('0.01, 0.05, 0.2');
  sample = $state.raw<DrawnSample | null>(null);
  /** The item shown, 0-based. */
  position = $state(0);
  error = $state<string | null>(null);
  private steps = $state.raw<Step[]>([]);
  /** Per run, the training units it was last fitted on (null: every unit). */
  fittedOn = $state.raw<Record<string, Int32Array | null>>({});

  /** Per sampled item, its mark (null = not marked). */
  sampleMarks: (0 | 1 | null)[] = $derived(this.sample ? this.sample.units.map((u) => this.markOf.get(u) ?? null) : []);
  marked = $derived(this.sampleMarks.filter((m) => m !== null).length);
  canUndo = $derived(this.steps.length > 0);

  constructor(keyOf: () => string) {
    this.keyOf = keyOf;
  }

  /**
   * Draws `size` judged units of a run, stratified by score.
   * @param judged the run's scores on the judged units
   * @param scores the run's scores on every unit
   */
  draw(runId: string, judged: Float64Array, split: Split, scores: Float64Array): void {
    this.error = null;
    let sample: ReviewSample;
    try {
      sample = reviewSample(judged, { size: this.size, seed: this.seed, strata: parseStrata(this.strata) });
    } catch (e) {
      this.error = (e as Error).message;
      return;
    }
    const whole = isWholeSplit(split);
    const units = sample.items.map((it) => (whole ? it.unit : split.test[it.unit]));
    this.sample = { runId, key: this.key, unitCount: scores.length, runScores: scores, sample, units };
    this.steps = [];
    // Start at the first item not marked yet: a second sample of the same data continues.
    const first = this.sampleMarks.findIndex((m) => m === null);
    this.position = first < 0 ? 0 : first;
  }

  /** Marks the shown item and moves on; Backspace (`undo`) takes it back. */
  markShown(label: 0 | 1): void {
    const unit = this.sample?.units[this.position];
    if (unit === undefined) return;
    this.steps = [...this.steps, { unit, before: this.markOf.get(unit), position: this.position }];
    this.setMark(unit, label);
    this.move(1);
  }

  move(by: number): void {
    const n = this.sample?.units.length ?? 0;
    this.position = Math.max(0, Math.min(n - 1, this.position + by));
  }

  undo(): void {
    const step = this.steps.at(-1);
    if (!step) return;
    this.steps = this.steps.slice(0, -1);
    this.setMark(step.unit, step.before ?? null);
    this.position = step.position;
  }

  /** The marks that name one of `units` units (marks saved for a file that changed since may not). */
  marksWithin(units: number): ReviewMark[] {
    return this.marks.filter((m) => Number.isInteger(m.unit) && m.unit >= 0 && m.unit < units && (m.label === 0 || m.label === 1));
  }

  /** Sets or clears (null) the mark of a unit. */
  setMark(unit: number, label: 0 | 1 | null): void {
    const marks = this.marks.filter((m) => m.unit !== unit);
    if (label !== null) marks.push({ unit, label });
    this.write({ marks });
  }

  clearMarks(): void {
    this.write({ marks: [] });
    this.steps = [];
  }

  setAddNormalToBaseline(on: boolean): void {
    this.write({ addNormalToBaseline: on });
  }

  /** Marks from an imported spec, for the data loaded now; a spec without marks keeps the ones made here. */
  restore(review: ReviewSpec | undefined): void {
    if (!review) return;
    this.write({ marks: review.marks.map((m) => ({ unit: m.unit, label: m.label })), addNormalToBaseline: review.addNormalToBaseline ?? false });
    this.sample = null;
    this.steps = [];
  }

  /** The spec's `review`, or nothing without marks. */
  specPart(): { review?: ReviewSpec } {
    if (this.marks.length === 0) return {};
    return { review: { marks: this.marks.map((m) => ({ ...m })), ...(this.addNormalToBaseline ? { addNormalToBaseline: true } : {}) } };
  }

  /**
   * The training units a detector fits on: the split's training part, with
   * the units marked normal when the user asked for it; undefined for a whole
   * split. Remembered per run, so its neighbours can be named later.
   */
  trainUnits(split: Split, runId: string): Int32Array | undefined {
    const units = isWholeSplit(split) ? undefined : this.addNormalToBaseline ? baselineWithMarks(split, this.marks) : split.train;
    this.fittedOn = { ...this.fittedOn, [runId]: units ?? null };
    return units;
  }

  /** True when a re-fit of the run would train on other units than it did: marks changed since. */
  baselineChanged(split: Split, runId: string): boolean {
    if (isWholeSplit(split)) return false;
    const fitted = this.fittedOn[runId] ?? split.train;
    const now = this.addNormalToBaseline ? baselineWithMarks(split, this.marks) : split.train;
    return fitted.length !== now.length || fitted.some((u, i) => u !== now[i]);
  }

  private write(part: Partial<SavedReview>): void {
    const key = this.key;
    const before = this.saved[key] ?? { marks: [], addNormalToBaseline: false };
    this.saved = { ...this.saved, [key]: { ...before, ...part } };
    saveReviews(this.saved);
  }
}

/** The strata box: a whole number of equal strata, or increasing rank shares separated by commas. */
export function parseStrata(text: string): number | number[] {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  const values = parts.map(Number);
  if (parts.length === 0 || values.some((v) => !Number.isFinite(v))) {
    throw new Error(`strata: "${text}" is not a number of strata or a list of rank shares such as 0.01, 0.05, 0.2`);
  }
  return values.length === 1 && values[0] >= 1 ? values[0] : values;
}
