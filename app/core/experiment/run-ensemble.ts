import { combineScores, type CombineMethod, type NormalizeMethod } from '../detect/ensemble.ts';
import type { DetectorRun } from './run-experiment.ts';
import type { DetectorSpec } from './spec.ts';

/** `type: "ensemble"` in a spec: combines other runs' scores, fits nothing. */
export const ENSEMBLE_TYPE = 'ensemble';

export interface EnsembleParams {
  /** Ids of the runs to combine. */
  runs: string[];
  normalize: NormalizeMethod;
  combine: CombineMethod;
}

export const ENSEMBLE_DEFAULTS: Omit<EnsembleParams, 'runs'> = { normalize: 'rank', combine: 'mean' };

/** Fills defaults and checks an ensemble's params; errors name the field. */
export function normalizeEnsembleParams(params: Record<string, unknown> = {}): EnsembleParams {
  const runs = params.runs;
  if (!Array.isArray(runs) || runs.length < 2 || !runs.every((r) => typeof r === 'string')) {
    throw new Error(`invalid runs: ${JSON.stringify(runs)} (expected the ids of at least two runs)`);
  }
  const normalize = (params.normalize ?? ENSEMBLE_DEFAULTS.normalize) as NormalizeMethod;
  if (!['rank', 'zscore', 'minmax'].includes(normalize)) throw new Error(`invalid normalize: ${JSON.stringify(normalize)} (expected rank, zscore or minmax)`);
  const combine = (params.combine ?? ENSEMBLE_DEFAULTS.combine) as CombineMethod;
  if (!['mean', 'max'].includes(combine)) throw new Error(`invalid combine: ${JSON.stringify(combine)} (expected mean or max)`);
  for (const key of Object.keys(params)) {
    if (!['runs', 'normalize', 'combine'].includes(key)) throw new Error(`unknown ensemble parameter: ${key} (expected runs, normalize, combine)`);
  }
  return { runs: runs as string[], normalize, combine };
}

/**
 * The ensemble's run from the runs it names: scores normalised per run
 * (rank, z-score or min-max) and combined by mean or max.
 * @throws naming a run that is missing
 */
export function runEnsemble(spec: DetectorSpec, runs: ReadonlyMap<string, DetectorRun> | Record<string, DetectorRun>): DetectorRun {
  const params = normalizeEnsembleParams(spec.params);
  const get = (id: string) => (runs instanceof Map ? runs.get(id) : (runs as Record<string, DetectorRun>)[id]);
  const inputs = params.runs.map((id) => {
    const run = get(id);
    if (!run) throw new Error(`${spec.id}: the ensemble needs run "${id}", which has no scores`);
    return run.scores;
  });
  const t0 = performance.now();
  const scores = combineScores(inputs, { normalize: params.normalize, combine: params.combine });
  return {
    id: spec.id,
    detector: ENSEMBLE_TYPE,
    params: params as unknown as Record<string, unknown>,
    scores,
    model: null,
    timing: { fitMs: 0, scoreMs: performance.now() - t0 },
  };
}
