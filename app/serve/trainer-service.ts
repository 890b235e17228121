import { dirname, resolve } from 'node:path';
import type { DeploySpec } from '../core/experiment/deploy-spec.ts';
import { sourceReaderOptions, type Spec } from '../core/experiment/spec.ts';
import { parseDuration } from '../core/features/duration.ts';
import { RollingBaseline } from '../core/watch/rolling-baseline.ts';
import { closeNatsConnections, natsConnection } from './nats/connection.ts';
import { replayBaseline } from './nats/replay-baseline.ts';
import { Retrainer } from './retrainer.ts';
import type { ServiceLog } from './service-log.ts';
import { openSharedModels, publishedSpec, startingVersion } from './shared-models.ts';
import { NatsSource } from './sources/nats-source.ts';

export interface TrainerOptions {
  specPath: string;
  spec: Spec & { deploy: DeploySpec };
  log: ServiceLog;
  /** Stops the trainer: a retrain in progress is abandoned (the registry keeps the last version). */
  signal: AbortSignal;
}

/**
 * `law watch --role trainer`: the one worker of a pool that retrains. It
 * reads the lines of `deploy.retrain.subject` (default the source's subject)
 * through a durable consumer of its own (`<durable>-trainer`, so it sees
 * every line the scorers share out), keeps them in a rolling baseline,
 * retrains on `deploy.retrain.every` in a worker thread, and publishes each
 * new version to the model registry (`deploy.models`), from which every
 * scorer takes it between two batches. It writes to no sink.
 */
export async function runTrainer(o: TrainerOptions): Promise<void> {
  const { spec, log } = o;
  const deploy = spec.deploy;
  const src = deploy.source;
  if (src.kind !== 'nats') throw new Error(`deploy.source.kind: the trainer reads a nats source, not ${JSON.stringify(src.kind)}`);
  const retrain = deploy.retrain;
  if (!retrain) throw new Error('deploy.retrain: the trainer needs to know how often to retrain (every) and on what (baseline)');
  const registry = await openSharedModels(deploy);
  if (!registry) throw new Error('deploy.models: the trainer publishes to a model registry; name its bucket');
  let current = await startingVersion(registry, spec, log);
  log('info', `training from model version ${current.version}`, { model: current.version, spec: resolve(o.specPath), dir: dirname(resolve(o.specPath)) });

  const format = spec.source?.format && spec.source.format !== 'auto' ? spec.source.format : current.spec.fitted?.data[0]?.format;
  const source = new NatsSource({
    url: src.url, stream: src.stream, subject: retrain.subject ?? src.subject, durable: `${src.durable}-trainer`, batch: src.batch,
    ackWaitMs: src.ackWait ? parseDuration(src.ackWait) : undefined, format: src.format ?? format, readerOptions: sourceReaderOptions(spec.source),
    onEvent: (level, msg) => log(level, msg),
  });
  const spanMs = retrain.baseline?.span ? parseDuration(retrain.baseline.span) : undefined;
  const baseline = new RollingBaseline({ lines: retrain.baseline?.lines, span: spanMs });
  // Restarted: the baseline is read back from the stream, up to what the trainer's consumer acknowledged.
  const replayed = await replayBaseline(await natsConnection(src.url), baseline, {
    stream: src.stream, subject: retrain.subject ?? src.subject, durable: `${src.durable}-trainer`, lines: retrain.baseline?.lines, spanMs,
    format: src.format ?? format, readerOptions: sourceReaderOptions(spec.source), batch: src.batch,
  }, source.name);
  if (replayed > 0) log('info', `baseline read back from the stream: ${baseline.size} rows`, { rows: baseline.size });
  const retrainer = new Retrainer();
  const everyUnits = typeof retrain.every === 'number' ? retrain.every : null;
  const everyMs = typeof retrain.every === 'string' ? parseDuration(retrain.every) : null;
  let since = 0;
  let lastAt = Date.now();
  let retraining: Promise<void> | null = null;
  const start = () => {
    since = 0;
    lastAt = Date.now();
    const data = baseline.snapshot();
    log('info', `retraining on the last ${data.line.length} rows`, { rows: data.line.length, model: current.version });
    retraining = retrainer.retrain(current.spec, data, `${source.name} baseline`, format ?? 'text', current.spec.fitted?.version ?? '').then(async (r) => {
      if (!r.ok) return log('error', `retrain failed, version ${current.version} stays the newest: ${r.error}`);
      const model = publishedSpec(r.spec);
      const version = await registry.publish(model);
      current = { version, spec: model };
      log('info', `published model version ${version} (retrained in ${(r.ms / 1000).toFixed(1)} s)`, { model: version, seconds: r.ms / 1000 });
    }).catch((e: Error) => log('error', `retrain or publish failed: ${e.message}`)).finally(() => (retraining = null));
  };
  try {
    for await (const batch of source.batches(null, o.signal)) {
      baseline.add(batch.data);
      // Acknowledged once in the baseline: a restarted trainer reads these back from the stream (replayBaseline).
      await source.commit(batch.position);
      since += batch.data.line.length;
      const due = (everyUnits !== null && since >= everyUnits) || (everyMs !== null && Date.now() - lastAt >= everyMs);
      if (due && !retrainer.running && baseline.size > 0) start();
    }
  } finally {
    if (retraining) log('info', 'stopping: a retrain in progress is abandoned (the registry keeps the last version)');
    await retrainer.close();
    registry.close();
    await closeNatsConnections();
    log('info', 'stopped', { model: current.version });
  }
}
