/**
 * A detector run split across workers, for detectors whose score of a row
 * depends on the fitted model and that row alone (Isolation Forest): one
 * worker fits, each of several scores a block of rows with that model, and
 * the blocks joined are the scores `runDetector` gives — exactly, since each
 * row's score is the same sum in the same order. On a million rows the page's
 * two cores then score at once. Pure functions, called by detect.worker.ts.
 */
import { getDetector } from '../core/detect/registry.ts';
import { selectRows } from '../core/detect/per-group.ts';
import { runDetector, type DetectorRun } from '../core/experiment/run-experiment.ts';
import type { DetectorSpec } from '../core/experiment/spec.ts';
import { assertFinite, type Matrix } from '../core/matrix.ts';

/** Detector types whose scores split by rows. */
export const ROW_WISE_TYPES: ReadonlySet<string> = new Set(['isolation-forest']);

/** The model `runDetector` would fit for `spec` on `x` (no groupBy, no fitted model), and how long it took (ms). */
export function fitOnly(x: Matrix, spec: DetectorSpec, trainRows?: Int32Array, onProgress?: (f: number) => void): { model: unknown; fitMs: number } {
  if (!ROW_WISE_TYPES.has(spec.type) || spec.groupBy || spec.model) throw new Error(`${spec.id}: ${spec.type} runs in one worker`);
  const detector = getDetector(spec.type);
  const params = detector.normalize((spec.params ?? {}) as object);
  // The checks runDetector makes on the whole matrix, so that errors name the same row.
  if (x.rows === 0) throw new Error(`${spec.id}: there are no rows to score`);
  if (x.cols === 0) throw new Error(`${spec.id}: the feature matrix has no columns; pick at least one feature`);
  assertFinite(x);
  const t0 = performance.now();
  const model = detector.fit(trainRows ? selectRows(x, Array.from(trainRows)) : x, params, { onProgress });
  return { model, fitMs: performance.now() - t0 };
}

/** Rows `from` to `to` (exclusive) of `x`, sharing its buffer. */
export function rowBlock(x: Matrix, from: number, to: number): Matrix {
  return { rows: to - from, cols: x.cols, names: x.names, data: x.data.subarray(from * x.cols, to * x.cols) };
}

/** Scores a block of rows with a fitted model, through `runDetector` (so params and checks are its own). */
export function scoreBlock(block: Matrix, spec: DetectorSpec, model: unknown, onProgress?: (f: number) => void): DetectorRun {
  return runDetector(block, { ...spec, model }, { onProgress });
}

/** The run of the whole matrix from its blocks' runs, in row order: the scores joined, the fit's model and time. */
export function joinBlocks(spec: DetectorSpec, model: unknown, fitMs: number, blocks: DetectorRun[]): DetectorRun {
  const scores = new Float64Array(blocks.reduce((s, b) => s + b.scores.length, 0));
  let at = 0;
  for (const b of blocks) {
    scores.set(b.scores, at);
    at += b.scores.length;
  }
  const first = blocks[0];
  return { id: spec.id, detector: spec.type, params: first.params, scores, model, timing: { fitMs, scoreMs: Math.max(...blocks.map((b) => b.timing.scoreMs)) } };
}
