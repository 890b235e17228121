import { isBaselineKind } from '../core/detect/registry.ts';
import type { ExplainContext } from '../core/explain/baseline-kinds.ts';
import type { RowExplanation } from '../core/explain/feature-contributions.ts';
import { ENSEMBLE_TYPE } from '../core/experiment/run-ensemble.ts';
import type { DetectorRun } from '../core/experiment/run-experiment.ts';
import type { Matrix } from '../core/matrix.ts';
import type { ExplainApi } from '../workers/explain.worker.ts';
import type { PreparedView } from '../core/experiment/prepared-view.ts';
import { unitRows } from './unit-text.ts';
import { startWorkerJob, type WorkerJob } from './worker-job.ts';

const createExplainWorker = () => new Worker(new URL('../workers/explain.worker.ts', import.meta.url), { type: 'module' });

/** The detector type `explainRow` has no branch for: it ranks by |z-score|. */
const FALLBACK = 'z-score';

/** Features shown in the panel. */
export const TOP_FEATURES = 10;

/** Most lines of a session or window sent along with its explanation. */
const CONTEXT_LINES = 10_000;

/**
 * What a detector judging against the baseline needs besides the matrix to
 * name a line's template: the line (of a session or window, the lines that
 * matched no template of the baseline) as parsing saw it, and for
 * `variable-range` the templates and variable ranges the features learned.
 * Undefined for every other detector, which needs none of it.
 */
export function explainContext(
  run: DetectorRun,
  prepared: Pick<PreparedView, 'units' | 'templateId' | 'templates' | 'state'>,
  data: { readonly message: Readonly<Record<number, string>> },
  unit: number,
): ExplainContext | undefined {
  if (!needsContext(run)) return undefined;
  const lines = contextRows(run, prepared, unit).map((r) => {
    const templateId = prepared.templateId?.[r] ?? -1;
    return { message: data.message[r], templateId, template: templateId >= 0 ? (prepared.templates?.[templateId] ?? null) : null };
  });
  if (run.detector !== 'variable-range') return { lines };
  return { lines, state: { templates: prepared.state.templates, variableRanges: prepared.state.variableRanges } };
}

function needsContext(run: DetectorRun): boolean {
  return isBaselineKind(run.detector) && run.detector !== 'template-share' && run.detector !== 'template-rate';
}

/** The rows whose messages `explainContext` reads (none for a detector that needs no context): the page asks for their text first. */
export function contextRows(run: DetectorRun, prepared: Pick<PreparedView, 'units' | 'templateId'>, unit: number): number[] {
  if (!needsContext(run)) return [];
  return unitRows(prepared, unit).filter((r) => !prepared.units || (prepared.templateId?.[r] ?? -1) < 0).slice(0, CONTEXT_LINES);
}

/**
 * Explains one unit of a run in a worker. Detectors explain themselves
 * (autoencoder: per-feature error, Isolation Forest: path usage, LOF:
 * neighbours, PCA: residual; the baseline kinds: the template against the
 * baseline, named from `context`); an ensemble or a per-group run has no one
 * model to ask, so the features are ranked by |z-score| and the note says so.
 */
export function explainUnit(run: DetectorRun, matrix: Matrix, unit: number, context?: ExplainContext): WorkerJob<RowExplanation> {
  const perGroup = (run.model as { type?: unknown } | null)?.type === 'per-group';
  const own = run.detector !== ENSEMBLE_TYPE && !perGroup;
  const type = own ? run.detector : FALLBACK;
  // The autoencoder, the forest and the baseline kinds only look at the row itself: send one row, not the matrix.
  const oneRow = own && (type === 'autoencoder' || type === 'isolation-forest' || isBaselineKind(type));
  const x: Matrix = oneRow ? { rows: 1, cols: matrix.cols, names: matrix.names, data: matrix.data.slice(unit * matrix.cols, (unit + 1) * matrix.cols) } : matrix;
  const row = oneRow ? 0 : unit;
  const job = startWorkerJob<ExplainApi, RowExplanation>(createExplainWorker, (api) => api.explain(type, own ? run.model : null, x, row, { top: TOP_FEATURES, ...(own && context ? { context } : {}) }));
  if (own) return job;
  const why = perGroup
    ? `${run.id} fits one model per group, so no one model explains it`
    : `${run.id} is an ensemble of ${((run.params.runs as string[]) ?? []).join(', ')}, with no model of its own`;
  return {
    cancel: job.cancel,
    result: job.result.then((e) => ({ ...e, note: `${why}: features are ranked by |z-score| against the column means and standard deviations (a fallback, not what the detector used)` })),
  };
}
