// The Compare cell's timeline: a uniform draw of the judged units and every
// flagged one (up to a cap) of the shown run, placed by time, in swimlanes per
// value of a text field the person picks.
import { bisectLeft } from '../core/bisect.ts';
import { capLanes, defaultLane, laneFields, laneOf, pickShown, uniformSample } from './parts/compare-data.ts';
import { labelKind, type TimelinePoint } from './parts/compare-plots.ts';
import { MAX_FLAGGED, MAX_POINTS } from './parts/scatter-limits.ts';
import { unitRow } from './unit-text.ts';
import type { RunComparison } from './run-comparison.svelte.ts';

/** What the timeline draws, and the counts its note reports. */
export interface TimelineView {
  points: TimelinePoint[];
  /** The swimlanes (capped), or null for one lane. */
  lanes: string[] | null;
  /** x is a time; false: the units' positions (the data has no times). */
  timed: boolean;
  /** Drawn units without a time, left out. */
  untimed: number;
  /** Units at or above the threshold, among all judged units. */
  flaggedCount: number;
  /** Flagged units drawn. */
  shownFlagged: number;
  threshold: number;
}

export class ScoreTimeline {
  /** A uniform draw of judged positions, the same for every run. */
  readonly sample = $derived.by(() => uniformSample(this.cmp.judgedCount, MAX_POINTS, 1));
  /** The data's text fields: the candidates for swimlanes. */
  private readonly textFields = $derived.by(() => {
    const data = this.cmp.nb.data;
    return data ? Object.keys(data.fieldKinds).filter((n) => data.fieldKinds[n] === 'text') : [];
  });
  /** Fields worth a swimlane per value, among the sampled units' rows. */
  readonly lanes: string[] = $derived.by(() => {
    const rows = Array.from(this.sample, (p) => this.rowOf(this.cmp.unitAt(p)));
    const columns = this.cmp.nb.data ? this.columnsAt(rows) : null;
    return columns ? laneFields(columns, rows) : [];
  });
  /** The person's swimlane field: undefined = not chosen yet (a host-like field), '' = none. */
  laneChoice = $state<string | undefined>(undefined);
  /** The swimlane field drawn, or null for one lane. */
  readonly lane = $derived(this.laneChoice === undefined ? defaultLane(this.lanes) : this.lanes.includes(this.laneChoice) ? this.laneChoice : null);

  /** What the timeline draws; null while there is no shown run, or its lanes' text is still on its way. */
  readonly view: TimelineView | null = $derived.by(() => this.build());

  constructor(private readonly cmp: RunComparison) {}

  /** The data row standing for a unit (a session's or window's first row). */
  private rowOf(u: number): number {
    const prepared = this.cmp.nb.prepared;
    return prepared ? unitRow(prepared, u) : u;
  }

  /** The text fields' values at these rows, as sparse columns; null until their text has come from the data worker. */
  private columnsAt(rows: number[]): Record<string, (string | null)[]> | null {
    const columns: Record<string, (string | null)[]> = Object.create(null);
    if (!this.textFields.length) return columns;
    const records = this.cmp.nb.rows?.all(rows);
    if (!records) return null;
    for (const n of this.textFields) columns[n] = [];
    for (const r of records) for (const n of this.textFields) columns[n][r.row] = r.fields[n] as string | null;
    return columns;
  }

  private build(): TimelineView | null {
    const { cmp } = this;
    const { nb, labels } = cmp;
    const run = cmp.shown;
    const data = nb.data;
    const times = nb.judgedTimes;
    if (!run || !data) return null;
    const scores = nb.judged[run.id];
    const sorted = nb.sorted[run.id];
    const t = cmp.thresholdOf(run.id);
    if (!scores || !sorted || t === null) return null;
    const flaggedCount = scores.length - bisectLeft(sorted, t);
    const pick = pickShown(scores, cmp.top(run), this.sample, t, { max: MAX_POINTS, maxFlagged: MAX_FLAGGED, flaggedCount });
    const timed = !!times && pick.other.concat(pick.flagged).some((p) => Number.isFinite(times[p]));
    const lane = this.lane;
    const laneColumns = lane ? this.columnsAt(pick.other.concat(pick.flagged).map((p) => this.rowOf(cmp.unitAt(p)))) : null;
    if (lane && !laneColumns) return null;
    const column = lane ? (laneColumns?.[lane] ?? null) : null;
    const units = nb.prepared?.units;
    const points: TimelinePoint[] = [];
    let untimed = 0;
    for (const [list, flagged] of [[pick.other, false], [pick.flagged, true]] as const) {
      for (const p of list) {
        const x = timed ? times![p] : p;
        if (!Number.isFinite(x)) {
          untimed++;
          continue;
        }
        const u = cmp.unitAt(p);
        points.push({
          x,
          score: scores[p],
          label: labelKind(labels ? labels[p] : -1),
          flagged,
          lane: column ? laneOf(column, this.rowOf(u)) : '',
          unit: units ? units.names[u] : `line ${data.line[u]}`,
        });
      }
    }
    const capped = column ? capLanes(points.map((p) => p.lane)) : null;
    if (capped) for (const p of points) p.lane = capped.map(p.lane);
    return { points, lanes: capped?.lanes ?? null, timed, untimed, flaggedCount, shownFlagged: pick.flagged.length, threshold: t };
  }
}
