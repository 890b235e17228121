import { parseArgs } from 'node:util';
import { groupsFor, judgedLabels, judgedScores, judgedTimes, prepareExperiment, runDetector, thresholdFor, trainingRows } from '../core/experiment/run-experiment.ts';
import { SpecError } from '../core/experiment/spec-error.ts';
import type { Spec } from '../core/experiment/spec.ts';
import { readData } from './read-data.ts';
import { prepareBackends } from './prepare-backends.ts';
import { HELP } from './help.ts';
import { loadSpec } from './load-spec.ts';
import { fileSource, stdinSource, UsageError } from './node-source.ts';
import { followFile } from './follow-file.ts';
import type { LogData } from '../core/ingest/log-data.ts';
import type { FeatureState } from '../core/features/build-features.ts';
import type { FeatureUnits } from '../core/features/feature-units.ts';

/** A model ready to score new data the way the spec's training did. */
interface Scorer {
  spec: Spec;
  state: FeatureState;
  runId: string;
  model: unknown;
  /** Score at or above which a unit is an anomaly. */
  threshold: number;
}

/** `law score --config SPEC [FILE|-] [--run ID] [--follow]` */
export async function scoreCommand(args: string[], out: (s: string) => void, warn: (s: string) => void = () => {}): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      run: { type: 'string' },
      follow: { type: 'boolean' },
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return out(HELP.score);
  if (!values.config) throw new UsageError('score needs --config SPEC (see law score --help)');
  if (positionals.length > 1) throw new UsageError(`score takes at most one FILE, got ${positionals.length}`);
  const target = positionals[0] ?? '-';
  if (values.follow && target === '-') throw new UsageError('--follow needs a FILE, not standard input');
  const scorer = await trainScorer(values.config, values.data, values.run, warn);
  const unit = scorer.spec.features.unit;
  if (values.follow && (unit === 'session' || unit === 'window')) {
    throw new UsageError(`--follow scores lines as they arrive; a ${unit} unit needs the whole file (score it without --follow)`);
  }

  let row = 0;
  const emit = (data: LogData) => {
    const { scores, units } = scoreData(scorer, data);
    for (let i = 0; i < scores.length; i++) {
      // A session or window is named by its id or span, and placed at its first line.
      const first = units ? units.rows[units.rowStart[i]] : i;
      const text = units ? units.names[i] : data.raw[i];
      out(JSON.stringify({ row: row++, line: data.line[first], score: scores[i], anomaly: scores[i] >= scorer.threshold, text }));
    }
  };
  const format = scorer.spec.source?.format;
  if (values.follow) {
    await followFile(target, { format }, emit);
  } else {
    emit(await readData(target === '-' ? stdinSource() : fileSource(target), format, warn));
  }
}

async function trainScorer(specPath: string, dataOverride: string | undefined, runOverride: string | undefined, warn: (s: string) => void): Promise<Scorer> {
  const { spec, dataPath } = loadSpec(specPath, dataOverride);
  await prepareBackends(spec, warn);
  const runId = runOverride ?? spec.threshold?.run ?? spec.detectors[0].id;
  const detector = spec.detectors.find((d) => d.id === runId);
  if (!detector) throw new UsageError(`--run: no detector "${runId}" in ${specPath} (ids: ${spec.detectors.map((d) => d.id).join(', ')})`);
  const fitted = spec.features.state && detector.model !== undefined;
  const thresholdIsScore = spec.threshold?.run === runId && spec.threshold.method === 'score';
  if (fitted && thresholdIsScore) {
    return { spec, state: spec.features.state!, runId, model: detector.model, threshold: spec.threshold!.value! };
  }
  if (!dataPath) throw new UsageError(`${specPath}: the spec has no source.path to train on; give it with --data PATH`);
  const data = await readData(fileSource(dataPath), spec.source?.format, warn);
  const prepared = prepareExperiment(data, spec);
  const run = runDetector(prepared.features.matrix, detector, {}, groupsFor(prepared, detector), trainingRows(prepared));
  // Every method but score becomes a score here, on the judged units of the training data, as law run reports it.
  const scores = judgedScores(prepared, run.scores);
  const times = spec.threshold?.method === 'alert-budget' ? judgedTimes(prepared.features.units, prepared.data.timestamp, prepared.split) : null;
  let threshold: number;
  try {
    threshold = thresholdFor(scores, runId, spec.threshold, { labels: judgedLabels(prepared), times });
  } catch (e) {
    if (e instanceof SpecError) throw new UsageError(`${specPath}: ${e.message} (in the training data ${dataPath})`, { cause: e });
    throw e;
  }
  return { spec, state: prepared.features.state, runId, model: run.model, threshold };
}

function scoreData(scorer: Scorer, data: LogData): { scores: Float64Array; units: FeatureUnits | null } {
  const { spec } = scorer;
  // A labelled file keeps its label token/column out of the features, as in training.
  const labels = spec.labels && 'column' in spec.labels && !(spec.labels.column in data.fields) ? null : spec.labels;
  const prepared = prepareExperiment(data, { labels, features: { ...spec.features, state: scorer.state } });
  const detector = spec.detectors.find((d) => d.id === scorer.runId)!;
  const { scores } = runDetector(prepared.features.matrix, { ...detector, model: scorer.model }, {}, groupsFor(prepared, detector));
  return { scores, units: prepared.features.units };
}
