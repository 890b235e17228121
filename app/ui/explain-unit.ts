import type { RowExplanation } from '../core/explain/feature-contributions.ts';
import { ENSEMBLE_TYPE } from '../core/experiment/run-ensemble.ts';
import type { DetectorRun } from '../core/experiment/run-experiment.ts';
import type { Matrix } from '../core/matrix.ts';
import type { ExplainApi } from '../workers/explain.worker.ts';
import { startWorkerJob, type WorkerJob } from './worker-job.ts';

const createExplainWorker = () => new Worker(new URL('../workers/explain.worker.ts', import.meta.url), { type: 'module' });

/** The detector type `explainRow` has no branch for: it ranks by |z-score|. */
const FALLBACK = 'z-score';

/** Features shown in the panel. */
export const TOP_FEATURES = 10;

/**
 * Explains one unit of a run in a worker. Detectors explain themselves
 * (autoencoder: per-feature error, Isolation Forest: path usage, LOF:
 * neighbours, PCA: residual); an ensemble or a per-group run has no one model
 * to ask, so the features are ranked by |z-score| and the note says so.
 */
export function explainUnit(run: DetectorRun, matrix: Matrix, unit: number): WorkerJob<RowExplanation> {
  const perGroup = (run.model as { type?: unknown } | null)?.type === 'per-group';
  const own = run.detector !== ENSEMBLE_TYPE && !perGroup;
  const type = own ? run.detector : FALLBACK;
  // The autoencoder and the forest only look at the row itself: send one row, not the matrix.
  const oneRow = own && (type === 'autoencoder' || type === 'isolation-forest');
  const x: Matrix = oneRow ? { rows: 1, cols: matrix.cols, names: matrix.names, data: matrix.data.slice(unit * matrix.cols, (unit + 1) * matrix.cols) } : matrix;
  const row = oneRow ? 0 : unit;
  const job = startWorkerJob<ExplainApi, RowExplanation>(createExplainWorker, (api) => api.explain(type, own ? run.model : null, x, row, { top: TOP_FEATURES }));
  if (own) return job;
  const why = perGroup
    ? `${run.id} fits one model per group, so no one model explains it`
    : `${run.id} is an ensemble of ${((run.params.runs as string[]) ?? []).join(', ')}, with no model of its own`;
  return {
    cancel: job.cancel,
    result: job.result.then((e) => ({ ...e, note: `${why}: features are ranked by |z-score| against the column means and standard deviations (a fallback, not what the detector used)` })),
  };
}
