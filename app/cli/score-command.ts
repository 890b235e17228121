import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseDuration } from '../core/features/duration.ts';
import { sourceReaderOptions, type Spec } from '../core/experiment/spec.ts';
import { Scorer, scoredUnits, type ScoredUnit } from '../core/score/scorer.ts';
import { fitFromFile } from './fit-training.ts';
import { followFile } from './follow-file.ts';
import { HELP } from './help.ts';
import { loadSpec } from './load-spec.ts';
import { describeFsError, fileSource, stdinSource, UsageError } from './node-source.ts';
import { prepareBackends } from '../serve/prepare-backends.ts';
import { readData } from './read-data.ts';
import { bytesOf, scoreStream } from './score-stream.ts';
import { maybeGunzip } from '../core/ingest/gunzip.ts';
import { untilAborted } from '../serve/until-aborted.ts';

/** Waits until the output can take more (a slow reader of a pipe); resolves at once in tests. */
export type Drain = () => Promise<void>;

/** Units per write of a scored file. */
const PRINT_BATCH = 10_000;

/** `law score --config SPEC [FILE|-] [--run ID] [--follow] [--data PATH] [--lateness D] [--idle D]` */
export async function scoreCommand(args: string[], out: (s: string) => void, warn: (s: string) => void = () => {}, drain: Drain = async () => {}): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      run: { type: 'string' },
      follow: { type: 'boolean' },
      data: { type: 'string' },
      lateness: { type: 'string' },
      idle: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return out(HELP.score);
  if (!values.config) throw new UsageError('score needs --config SPEC (see law score --help)');
  if (positionals.length > 1) throw new UsageError(`score takes at most one FILE, got ${positionals.length}`);
  const target = positionals[0] ?? '-';
  if (values.follow && target === '-') throw new UsageError('--follow needs a FILE, not standard input (which is always read as it comes)');
  const lateness = durationOption(values.lateness, 'lateness', true);
  const idle = durationOption(values.idle, 'idle', false);

  const scorer = await scorerFor(values.config, values.data, values.run, warn);
  const unit = scorer.unit;
  if (lateness !== undefined && unit !== 'window') throw new UsageError(`--lateness: only window units wait for late lines; this spec scores ${unit}s`);
  if (idle !== undefined && unit !== 'session') throw new UsageError(`--idle: only session units end after a quiet time; this spec scores ${unit}s`);

  let row = 0;
  const print = async (units: ScoredUnit[]) => {
    // One write per batch: a line each would cost a system call per unit at high rates.
    out(units.map((u) => JSON.stringify({ row: row++, line: u.line, time: u.time === null ? null : new Date(u.time).toISOString(), score: u.score, anomaly: u.anomaly, text: u.text })).join('\n'));
    await drain();
  };
  const spec = scorer.spec;
  if (target !== '-' && !values.follow) {
    // A whole file: sniffed like any (a spec trained on logfmt scores a Loki export too), its units cut as training cut them.
    const batch = scorer.score(await readData(fileSource(target), spec.source ?? {}, warn));
    for (const note of batch.notes) warn(`warning: ${note}`);
    // Printed in batches that wait for the reader: the units of a million lines at once, as objects and then as one string, held gigabytes.
    for (let from = 0; from < batch.scores.length; from += PRINT_BATCH) await print(scoredUnits(batch, from, Math.min(batch.scores.length, from + PRINT_BATCH)));
    return;
  }
  // A stream is read as the training data was read, so no line waits for enough lines to sniff the format.
  const trained = spec.fitted?.data[0]?.format;
  const format = spec.source?.format && spec.source.format !== 'auto' ? spec.source.format : trained ?? spec.source?.format;
  const live = { lateness, idle, format, readerOptions: sourceReaderOptions(spec.source), warn, emit: print };
  await untilInterrupted(async (signal) => {
    if (values.follow) {
      try {
        if (statSync(target).isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
      } catch (e) {
        throw new Error(`cannot read ${target}: ${describeFsError(e)}`, { cause: e });
      }
      await scoreStream(followFile(target, { signal }), scorer, { ...live, name: target.split('/').pop()! });
    } else {
      const source = stdinSource();
      const chunks = maybeGunzip(untilAborted(source.chunks, signal), source.name, () => {});
      await scoreStream(bytesOf(chunks), scorer, { ...live, name: source.name });
    }
  });
}

/** The spec's scorer: from its fitted models, or trained right now when the spec is not fitted. */
async function scorerFor(specPath: string, dataOverride: string | undefined, runId: string | undefined, warn: (s: string) => void): Promise<Scorer> {
  const loaded = loadSpec(specPath, dataOverride, { labelFile: false });
  let spec: Spec = loaded.spec;
  // Refused before any training, so a typo costs nothing and prints only its message.
  const ids = spec.detectors.map((d) => d.id);
  if (runId !== undefined && !ids.includes(runId)) throw new UsageError(`--run: no detector ${JSON.stringify(runId)} in ${specPath} (ids: ${ids.join(', ')})`);
  if (!spec.fitted || dataOverride !== undefined) {
    // Not fitted (or --data asks for a retrain): train the way law fit does; labels may be needed for the threshold.
    spec = (await fitFromFile(specPath, loadSpec(specPath, dataOverride), warn)).spec;
  } else {
    await prepareBackends(spec, warn);
  }
  try {
    return new Scorer(spec, runId);
  } catch (e) {
    // An unknown --run was refused above, naming the spec; what is left is the fitted spec's own problem.
    throw new UsageError((e as Error).message, { cause: e });
  }
}

function durationOption(text: string | undefined, name: string, zeroAllowed: boolean): number | undefined {
  if (text === undefined) return undefined;
  let ms: number;
  try {
    ms = parseDuration(text);
  } catch (e) {
    throw new UsageError(`--${name}: ${(e as Error).message}`);
  }
  if (zeroAllowed ? !(ms >= 0) : !(ms > 0)) throw new UsageError(`--${name}: "${text}" is not longer than 0`);
  return ms;
}

/**
 * Runs a stream until it ends or SIGINT/SIGTERM arrives; a signal stops the
 * reading, and what is open (windows, sessions) is scored and printed before
 * the process exits 0.
 */
async function untilInterrupted(work: (signal: AbortSignal) => Promise<void>): Promise<void> {
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await work(stop.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
