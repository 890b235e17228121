/**
 * Heavy work on the page's thread, each piece in a task of its own. New runs
 * or new features change many cells at once; computed in the task that
 * brought them, a million units hold the thread for most of a second. Work
 * given its own task (a `setTimeout(0)` each) keeps every task short, and the
 * page answers between them.
 */

/** Units in the loaded matrix (set by the notebook): past `LARGE_UNITS`, heavy work always waits for its own task. */
export const workScale = $state({ units: 0 });

/** From this many units on, a cheap run before says nothing: a million units cost a hundred times the sample's. */
const LARGE_UNITS = 50_000;

/**
 * An effect whose `work` runs in a task of its own after what it reads
 * changes, once it has proved slow (the first run always waits) or when the
 * data is large. Quick work on small data (a slider moving a rule) runs at
 * once. Call during component set-up.
 * @param slowMs work that took longer than this (ms) waits for its own task next time
 */
export function ownTaskEffect(work: () => void, slowMs = 12): void {
  let turn = $state(0);
  /** The turn the work may run in (-1: none granted). */
  let granted = -1;
  let lastCost = Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  $effect(() => {
    const t = turn;
    if (t !== granted && (lastCost > slowMs || workScale.units >= LARGE_UNITS)) {
      // Not run now: only `turn` is read, and the turn given below runs this again, reading what `work` reads.
      clearTimeout(timer);
      timer = setTimeout(() => {
        granted = turn + 1;
        turn = granted;
      }, 0);
      return;
    }
    granted = -1;
    const t0 = performance.now();
    work();
    lastCost = performance.now() - t0;
  });
  $effect(() => () => clearTimeout(timer));
}

/** A value computed by `ownTaskEffect`: null until the first computation has run. */
export class OwnTask<T> {
  current = $state.raw<T | null>(null);

  constructor(compute: () => T, slowMs?: number) {
    ownTaskEffect(() => {
      this.current = compute();
    }, slowMs);
  }
}
