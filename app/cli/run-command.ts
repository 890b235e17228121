import { parseArgs } from 'node:util';
import { runExperiment } from '../core/experiment/run-experiment.ts';
import { unfittedSpec } from '../core/score/fit-spec.ts';
import { FieldError } from '../core/field-error.ts';
import { describeSpecProblem } from '../core/experiment/spec-problem.ts';
import { streamLines, whyNotStreamed, type StreamedLines } from '../core/experiment/streamed-lines.ts';
import { sourceReaderOptions, type Spec } from '../core/experiment/spec.ts';
import { describeWarning } from '../core/ingest/warnings.ts';
import { explainReadLimit, readData } from './read-data.ts';
import { readLimits } from './read-limits.ts';
import { prepareBackends } from '../serve/prepare-backends.ts';
import { formatReportTable, warnThresholdNotes } from './format-report.ts';
import { HELP } from './help.ts';
import { loadSpec } from './load-spec.ts';
import { fileSource, UsageError } from './node-source.ts';

/** `law run SPEC [--data PATH] [--format table|json]` */
export async function runCommand(args: string[], out: (s: string) => void, warn: (s: string) => void = () => {}): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { data: { type: 'string' }, format: { type: 'string', default: 'table' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return out(HELP.run);
  if (positionals.length !== 1) throw new UsageError(`run takes one SPEC file, got ${positionals.length} (see law run --help)`);
  if (values.format !== 'table' && values.format !== 'json') throw new UsageError(`--format: "${values.format}" is not table or json`);
  const { spec, dataPath } = loadSpec(positionals[0], values.data);
  if (!dataPath) throw new UsageError(`${positionals[0]}: the spec has no source.path; give the data with --data PATH`);
  await prepareBackends(spec, warn);
  // The experiment is the training: a fitted spec's models and state are for scoring, not for this.
  const unfitted = unfittedSpec(spec);
  const streamed = await readStreamed(dataPath, unfitted, warn);
  const data = streamed?.data ?? (await readData(fileSource(dataPath), spec.source ?? {}, warn));
  let report;
  try {
    ({ report } = runExperiment(data, unfitted, { streamed: streamed ?? undefined }));
  } catch (e) {
    // The spec asks for what this data cannot give (best-f1 without labels, an alert budget without timestamps).
    if (e instanceof FieldError) throw new UsageError(describeSpecProblem(positionals[0], e), { cause: e });
    throw e;
  }
  warnThresholdNotes(report, warn);
  out(values.format === 'json' ? JSON.stringify(report) : formatReportTable(report));
}

/**
 * A line-unit spec on a plain-text file is parsed as it is read, without
 * keeping the text (`streamLines`); null when the spec or the file needs the
 * file read whole, which is then done from the start.
 */
async function readStreamed(path: string, spec: Spec, warn: (s: string) => void): Promise<StreamedLines | null> {
  if (whyNotStreamed(spec)) return null;
  let streamed: StreamedLines | null;
  try {
    streamed = await streamLines(fileSource(path), spec, { format: spec.source?.format, readerOptions: sourceReaderOptions(spec.source), ...readLimits() });
  } catch (e) {
    throw explainReadLimit(e);
  }
  for (const w of streamed?.warnings ?? []) warn(`warning: ${describeWarning(w)}`);
  return streamed;
}
