import { FieldError } from '../core/field-error.ts';
import { describeSpecProblem } from '../core/experiment/spec-problem.ts';
import type { LoadedSpec } from './load-spec.ts';
import { fitSpec, type FitResult } from '../core/score/fit-spec.ts';
import { fileSource, UsageError } from './node-source.ts';
import { prepareBackends } from '../serve/prepare-backends.ts';
import { readData } from './read-data.ts';
import { warnThresholdNotes } from './format-report.ts';
import { describeTrainingFile, workbenchVersion } from './training-file.ts';

/**
 * Trains a spec on its data file the one way `law fit` and `law score` (on
 * an unfitted spec) both do, so that scoring after a retrain and scoring with
 * the written fitted spec are the same computation.
 * @param specPath for messages
 * @throws UsageError when the spec has no data or asks what the data cannot give
 */
export async function fitFromFile(specPath: string, loaded: LoadedSpec, warn: (s: string) => void): Promise<FitResult> {
  const { spec, written, dataPath } = loaded;
  if (!dataPath) throw new UsageError(`${specPath}: the spec has no source.path to train on; give it with --data PATH`);
  await prepareBackends(spec, warn);
  const data = await readData(fileSource(dataPath), spec.source ?? {}, warn);
  const file = await describeTrainingFile(dataPath, data.files[0].format);
  try {
    const fit = fitSpec(data, written, { data: [file], version: workbenchVersion() }, { labels: spec.labels ?? null });
    warnThresholdNotes(fit.experiment.report, warn);
    return fit;
  } catch (e) {
    // The spec asks for what this data cannot give (best-f1 without labels, an alert budget without timestamps).
    if (e instanceof FieldError) throw new UsageError(`${describeSpecProblem(specPath, e)} (in the training data ${dataPath})`, { cause: e });
    throw e;
  }
}
