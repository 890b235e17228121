import type { Notebook } from './notebook.svelte.ts';
import type { RunRow } from './parts/run-rows.ts';

/**
 * Frozen copies of runs' table rows, kept when the features change so that
 * runs over different feature sets stand side by side. Page-only: pins are
 * not saved with the notebook and do not go into the spec.
 */
export class PinnedRuns {
  list = $state.raw<RunRow[]>([]);
  /** Which run each pin was taken from, so that one run is pinned once. */
  private readonly from = new WeakMap<object, string>();
  private count = 0;

  /** Pins a copy of `row`; `source` is the run it shows (pinned once). */
  pin(row: RunRow, source: object): void {
    if (this.isPinned(source)) return;
    const key = `${row.id}#${++this.count}`;
    this.from.set(source, key);
    this.list = [...this.list, { ...($state.snapshot(row) as RunRow), key, pinned: true }];
  }

  unpin(key: string): void {
    this.list = this.list.filter((r) => r.key !== key);
  }

  isPinned(source: object | undefined): boolean {
    // The list is read first, whatever the source: that is what makes a caller re-run on a pin.
    const list = this.list;
    const key = source && this.from.get(source);
    return !!key && list.some((r) => r.key === key);
  }
}

const byNotebook = new WeakMap<Notebook, PinnedRuns>();

/** The notebook's pins, shared by the cells that show them. */
export function pinnedRuns(nb: Notebook): PinnedRuns {
  let pins = byNotebook.get(nb);
  if (!pins) byNotebook.set(nb, (pins = new PinnedRuns()));
  return pins;
}
