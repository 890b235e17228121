/**
 * Progress and cancellation for long work, shared by every core layer that
 * loops over big inputs (readers, feature builders, detectors). It sits at
 * the bottom of core so that ingest and features can report progress without
 * importing the detectors.
 */

/** Progress and cancellation for long work. */
export interface RunOptions {
  /** Called with the share of the work done, in [0, 1]. */
  onProgress?: (fraction: number) => void;
  /** Checked between chunks of work; an aborted signal throws `AbortError`. */
  signal?: AbortSignal;
  /** Iterative detectors (the autoencoder) report each epoch: 1-based epoch, training loss, validation loss or null. */
  onEpoch?: (epoch: number, loss: number, valLoss: number | null) => void;
}

/** Throws an AbortError if the signal was aborted. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new DOMException('cancelled', 'AbortError');
}

/** Calls `onProgress` at most about 25 times, always ending with 1. */
export function progressReporter(onProgress: ((fraction: number) => void) | undefined): (fraction: number) => void {
  let last = -1;
  return (fraction) => {
    if (!onProgress) return;
    if (fraction >= 1 || fraction - last >= 0.04) {
      last = fraction;
      onProgress(Math.min(1, fraction));
    }
  };
}
