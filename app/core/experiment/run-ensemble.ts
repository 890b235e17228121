import { combineScores, ENSEMBLE_DECLARATION, type CombineMethod, type NormalizeMethod } from '../detect/ensemble.ts';
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

export const ENSEMBLE_DEFAULTS: Omit<EnsembleParams, 'runs'> = { normalize: ENSEMBLE_DECLARATION.defaults.normalize, combine: ENSEMBLE_DECLARATION.defaults.combine };

/**
 * What an ensemble learns: each run's scores on the training units, sorted,
 * against which every later score is normalised (its rank among them, or
 * their mean and spread, or their range), so new units land on the training
 * scale whatever else is scored with them. Plain JSON, in a fitted spec.
 */
export interface EnsembleModel {
  type: 'ensemble';
  version: 1;
  /** Per combined run: its training scores, ascending (at most `MAX_REFERENCES`). */
  references: Record<string, number[]>;
  /** Per combined run: how many training scores there were (more than kept when over the cap). */
  trainingUnits: number;
}

/**
 * The most reference scores kept per run. Up to this many training units the
 * references are every training score, so the ensemble is exact; above, they
 * are this many evenly spaced order statistics (minimum and maximum
 * included), which moves a rank by at most 1 / MAX_REFERENCES and keeps a
 * fitted spec small.
 */
export const MAX_REFERENCES = 100_000;

/** Fills defaults and checks an ensemble's params; errors name the field. */
export function normalizeEnsembleParams(params: Record<string, unknown> = {}): EnsembleParams {
  const runs = params.runs;
  if (!Array.isArray(runs) || runs.length < 2 || !runs.every((r) => typeof r === 'string')) {
    throw new Error(`invalid runs: ${JSON.stringify(runs)} (expected the ids of at least two runs)`);
  }
  const declared = ENSEMBLE_DECLARATION.params;
  const normalize = (params.normalize ?? ENSEMBLE_DEFAULTS.normalize) as NormalizeMethod;
  if (!declared.normalize.choices!.includes(normalize)) throw new Error(`invalid normalize: ${JSON.stringify(normalize)} (expected ${listOr(declared.normalize.choices!)})`);
  const combine = (params.combine ?? ENSEMBLE_DEFAULTS.combine) as CombineMethod;
  if (!declared.combine.choices!.includes(combine)) throw new Error(`invalid combine: ${JSON.stringify(combine)} (expected ${listOr(declared.combine.choices!)})`);
  const names = Object.keys(declared);
  for (const key of Object.keys(params)) {
    if (!names.includes(key)) throw new Error(`unknown ensemble parameter: ${key} (expected ${names.join(', ')})`);
  }
  return { runs: runs as string[], normalize, combine };
}

/**
 * Learns an ensemble's references from the scores of the runs it combines.
 * @param scoresOf per combined run id, its scores on every unit
 * @param trainUnits the training units; all units when omitted
 */
export function fitEnsemble(params: EnsembleParams, scoresOf: (id: string) => Float64Array, trainUnits?: ArrayLike<number>): EnsembleModel {
  const references: Record<string, number[]> = {};
  let trainingUnits = 0;
  for (const id of params.runs) {
    const all = scoresOf(id);
    const train = trainUnits ? Float64Array.from(trainUnits, (u) => all[u]) : Float64Array.from(all);
    train.sort();
    trainingUnits = train.length;
    references[id] = orderStatistics(train, MAX_REFERENCES);
  }
  return { type: 'ensemble', version: 1, references, trainingUnits };
}

/** Combines the runs' scores on some units, each normalised against its references. */
export function scoreEnsemble(params: EnsembleParams, model: EnsembleModel, scoresOf: (id: string) => Float64Array): Float64Array {
  const refs = params.runs.map((id) => {
    const r = model.references[id];
    if (!r) throw new Error(`the ensemble model has no reference scores for run "${id}"`);
    return r;
  });
  return combineScores(params.runs.map(scoresOf), { normalize: params.normalize, combine: params.combine, references: refs });
}

/** At most `max` values of an ascending array: all of them, or evenly spaced ones with both ends. */
function orderStatistics(sorted: Float64Array, max: number): number[] {
  const n = sorted.length;
  if (n <= max) return Array.from(sorted);
  return Array.from({ length: max }, (_, i) => sorted[Math.round((i * (n - 1)) / (max - 1))]);
}

/**
 * The ensemble's run from the runs it names: its references fitted on the
 * training units (`trainUnits`, else all), then every unit's scores
 * normalised against them and combined by mean or max. Judged units never
 * shape the scale, as they never shape features or models; and `law score`
 * gets the same numbers from the fitted model.
 * @throws naming a run that is missing
 */
export function runEnsemble(
  spec: DetectorSpec,
  runs: ReadonlyMap<string, DetectorRun> | Record<string, DetectorRun>,
  trainUnits?: ArrayLike<number>,
): DetectorRun {
  const params = normalizeEnsembleParams(spec.params);
  const get = (id: string) => (runs instanceof Map ? runs.get(id) : (runs as Record<string, DetectorRun>)[id]);
  const scoresOf = (id: string) => {
    const run = get(id);
    if (!run) throw new Error(`${spec.id}: the ensemble needs run "${id}", which has no scores`);
    return run.scores;
  };
  const t0 = performance.now();
  const model = fitEnsemble(params, scoresOf, trainUnits);
  const t1 = performance.now();
  const scores = scoreEnsemble(params, model, scoresOf);
  return {
    id: spec.id,
    detector: ENSEMBLE_TYPE,
    params: params as unknown as Record<string, unknown>,
    scores,
    model,
    timing: { fitMs: t1 - t0, scoreMs: performance.now() - t1 },
  };
}

/** `a, b or c` */
function listOr(words: readonly string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}` : words.join('');
}
