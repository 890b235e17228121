import { dirname, resolve } from 'node:path';
import { sourceReaderOptions, type Spec } from '../core/experiment/spec.ts';
import { fieldColumn, type LogData } from '../core/ingest/log-data.ts';
import { Scorer, type ScoredUnit } from '../core/score/scorer.ts';
import { StreamScorer } from '../core/score/stream-scorer.ts';
import type { LiveSessionsState } from '../core/score/live-sessions.ts';
import type { LiveWindowsState } from '../core/score/live-windows.ts';
import { AlertPolicy, type Alert, type AlertPolicyState, type FlaggedUnit } from '../core/watch/alert-policy.ts';
import type { DeploySpec } from '../core/experiment/deploy-spec.ts';
import { parseDuration } from '../core/features/duration.ts';
import { ModelStore } from './model-store.ts';
import type { ServiceLog } from './service-log.ts';
import { createSinks } from './sinks/registry.ts';
import type { SinkBatch, WatchRecord, WatchSink } from './sinks/sink.ts';
import { WebhookSink } from './sinks/webhook-sink.ts';
import { createSource } from './sources/registry.ts';
import { StateDir } from './state-dir.ts';
import { startStatusServer, type Health } from './status-server.ts';
import { WatchMetrics } from './watch-metrics.ts';
import { RollingBaseline } from '../core/watch/rolling-baseline.ts';
import { Retrainer } from './retrainer.ts';
import { TriagePicker } from '../core/watch/triage-picker.ts';
import { triageAlert } from './triage-client.ts';
import { closeNatsConnections } from './nats/connection.ts';
import { openSharedModels, startingVersion } from './shared-models.ts';

/** What the service checkpoints after every batch the sinks have (plain JSON). */
interface Checkpoint {
  /** The source position to read again from: before the oldest row still held in an open window or session. */
  position: unknown;
  /** Units handed to the sinks so far: numbers the next one (alert ids stay the same after a restart). */
  emitted: number;
  live: LiveWindowsState | LiveSessionsState | null;
  policy: AlertPolicyState;
  model: number;
  /** Each sink's mark (its file length, its outbox's last entry): a restart rewinds them to it. */
  sinks: unknown[];
}

export interface WatchOptions {
  /** The spec file, for its folder (relative paths) and messages. */
  specPath: string;
  /** A fitted spec with a `deploy` section. */
  spec: Spec & { deploy: DeploySpec };
  log: ServiceLog;
  /** Where a `jsonl` sink with path `-` writes; resolves when written. */
  stdout: (s: string) => Promise<void>;
  /** Stops the service: the batch in hand is finished and checkpointed, sinks are drained. */
  signal: AbortSignal;
  /** How long a shutdown may spend delivering what is queued, ms (default 5 s). */
  drainMs?: number;
}

/**
 * `law watch`: reads the deploy source from its checkpoint, scores with the
 * newest model version, hands every batch to the sinks, and checkpoints only
 * once they all have it — so a stop at any moment, kill -9 included, neither
 * loses nor repeats a unit. Serves `/healthz` and `/metrics`; a source that
 * stays quiet for `watchdog.stall` turns health to 503 and sends a stall
 * alert through the webhook sinks.
 */
export async function runWatch(o: WatchOptions): Promise<void> {
  const { spec, log } = o;
  const deploy = spec.deploy;
  const specDir = dirname(resolve(o.specPath));
  const state = new StateDir(resolve(specDir, deploy.state ?? 'law-state'));
  const models = new ModelStore(state);
  const metrics = new WatchMetrics();

  // With a shared registry (deploy.models) every worker scores with its newest version; else the state folder keeps them.
  const registry = await openSharedModels(deploy);
  let current = registry ? await startingVersion(registry, spec, log) : models.latest();
  // A spec fitted after the newest version kept (deployed anew) becomes the next version; else the state's newest goes on.
  const fittedAt = spec.fitted?.at ?? '';
  if (!current || fittedAt > (current.spec.fitted?.at ?? '')) {
    if (current) log('info', `the spec was fitted (${fittedAt}) after model version ${current.version}: it becomes the next version`);
    current = { version: models.add(spec), spec };
  }
  log('info', `scoring with model version ${current.version}`, { model: current.version, state: state.dir });
  metrics.modelVersion = current.version;

  const trainFormat = current.spec.fitted?.data[0]?.format;
  const format = spec.source?.format && spec.source.format !== 'auto' ? spec.source.format : trainFormat;
  let sourceFailing: string | null = null;
  const source = createSource(deploy.source, { specDir, format, readerOptions: sourceReaderOptions(spec.source), log, failing: (r) => (sourceFailing = r) });
  const saved = state.readJson<Checkpoint>('checkpoint.json');
  // A source whose server keeps its place gives unacknowledged rows again: neither its old position nor held rows are resumed.
  const checkpoint = saved && source.resumesItself ? { ...saved, position: null, live: null } : saved;

  let scorer = new Scorer(current.spec);
  const stream = new StreamScorer(scorer, { onSkip: (m) => { metrics.skipped++; log('warn', m); } });
  stream.restore(checkpoint?.live ?? null);
  // What review in the page marked "not an anomaly" is silenced here too.
  const silence = [...(deploy.alerts?.silence ?? []), ...(spec.review?.silence ?? [])];
  const policy = new AlertPolicy({ ...deploy.alerts, silence });
  if (checkpoint?.policy) policy.restore(checkpoint.policy);
  let emitted = checkpoint?.emitted ?? 0;
  const detector = spec.name ?? 'law';
  const sinks = createSinks(deploy.sinks, { specDir, state, detector, log, stdout: o.stdout, source: deploy.source });
  const webhooks = sinks.filter((s): s is WebhookSink => s instanceof WebhookSink);
  // Units after the checkpoint are scored again: sinks forget what they took of them.
  if (checkpoint?.sinks) sinks.forEach((s, i) => s.rewind?.(checkpoint.sinks[i]));

  const stallMs = deploy.watchdog ? parseDuration(deploy.watchdog.stall) : null;
  let stalled = false;
  let failure: string | null = null;
  const health = (): Health => {
    if (failure) return { status: 'failing', reason: failure };
    if (sourceFailing) return { status: 'failing', reason: `reading ${source.name}: ${sourceFailing}` };
    if (stalled) return { status: 'stalled', reason: `no input for ${deploy.watchdog!.stall}` };
    const failing = webhooks.find((w) => w.failing);
    if (failing) return { status: 'failing', reason: `${failing.name} has failed its last ${failing.failStreak} deliveries` };
    return { status: 'ok' };
  };
  const listMetrics = () => {
    metrics.alertsSent = webhooks.reduce((s, w) => s + w.counts.sent, 0);
    metrics.alertsFailed = webhooks.reduce((s, w) => s + w.counts.failed, 0);
    metrics.outboxPending = webhooks.reduce((s, w) => s + w.pending, 0);
    metrics.silenced = policy.counts.silenced;
    metrics.overBudget = policy.counts.overBudget;
    return metrics.list();
  };
  const port = deploy.metrics?.port;
  const status = port !== undefined ? await startStatusServer(port, deploy.metrics?.host ?? '127.0.0.1', health, listMetrics) : null;
  if (status) log('info', `serving /healthz and /metrics on http://${deploy.metrics?.host ?? '127.0.0.1'}:${status.port}`, { port: status.port });

  // Background delivery (outboxes) stops after the main loop, when its own signal aborts.
  const background = new AbortController();
  const running = sinks.map((s) => s.run?.(background.signal));
  const started = Date.now();
  metrics.lastInputAt = NaN;
  const watchdog = stallMs === null ? null : setInterval(() => {
    const since = Number.isNaN(metrics.lastInputAt) ? started : metrics.lastInputAt;
    if (!stalled && Date.now() - since >= stallMs) {
      stalled = true;
      metrics.stalls++;
      log('warn', `stalled: no input for ${deploy.watchdog!.stall}`, { source: source.name });
      const alert: Alert = {
        id: `stall:${since}`, kind: 'stall', source: source.name, line: null, time: new Date().toISOString(), score: null, threshold: null,
        text: `no input from ${source.name} for ${deploy.watchdog!.stall} (since ${Number.isNaN(metrics.lastInputAt) ? 'the start' : new Date(metrics.lastInputAt).toISOString()})`,
        template: null, count: 0,
      };
      void writeAll(sinks, { records: [], alerts: [alert] }, o.signal).catch((e) => log('error', `stall alert: ${(e as Error).message}`));
    }
  }, Math.min(1000, Math.max(50, stallMs / 4)));

  const toRecords = (units: ScoredUnit[], version: number, keys: Map<number, string | number> | null): WatchRecord[] =>
    units.map((u) => ({
      source: source.name, line: u.line, time: u.time === null ? null : new Date(u.time).toISOString(), score: u.score,
      anomaly: u.anomaly, text: u.text, model: version, pattern: u.pattern, host: u.host, key: keys?.get(u.line) ?? null,
    }));
  /** Each row's source key by its line (a skipped row leaves a gap, so units are matched by line, not position). */
  const keysOf = (data: LogData | null): Map<number, string | number> | null => {
    const col = data && source.keyField ? fieldColumn(data, source.keyField) : undefined;
    if (!data || !col) return null;
    const keys = new Map<number, string | number>();
    for (let i = 0; i < data.line.length; i++) if (col[i] !== null && !Number.isNaN(col[i])) keys.set(data.line[i], col[i] as string | number);
    return keys;
  };
  /** Hands units to the policy and every sink; resolves once all have them. */
  const deliver = async (units: ScoredUnit[], alertsAlso: Alert[] = [], data: LogData | null = null) => {
    const records = toRecords(units, current!.version, keysOf(data));
    const flagged: FlaggedUnit[] = [];
    units.forEach((u, i) => {
      const seq = emitted + i;
      if (u.anomaly) flagged.push({ key: `${detector}:${seq}`, source: source.name, line: u.line, time: u.time, score: u.score, threshold: scorer.threshold, text: u.text, pattern: u.pattern, host: u.host, model: current!.version });
      if (u.time !== null && !(u.time <= metrics.newestUnitTime)) metrics.newestUnitTime = u.time;
    });
    emitted += units.length;
    const alerts = [...policy.push(flagged, metrics.newestUnitTime), ...alertsAlso];
    if (picker && deploy.triage) {
      for (const a of picker.pick(alerts, Date.now())) {
        try {
          a.triage = await triageAlert(deploy.triage, a, contextOf(data, a.line), detector);
          metrics.triaged++;
        } catch (e) {
          log('warn', `triage of ${a.source}:${a.line}: ${(e as Error).message}; the alert goes without it`);
        }
      }
    }
    await writeAll(sinks, { records, alerts }, o.signal);
    metrics.scored += units.length;
    metrics.flagged += flagged.length;
  };

  /** A model version from now on: swapped in between two batches, its scorer built whole before. */
  const useModel = (version: number, next: Spec, nextScorer: Scorer, how: string) => {
    current = { version, spec: next };
    scorer = nextScorer;
    stream.use(scorer);
    metrics.modelVersion = version;
    log('info', `model version ${version} in use (${how})`, { model: version });
  };
  // A version another worker published, ready to be swapped in at the next batch.
  const inbox: { arrived: { version: number; spec: Spec; scorer: Scorer } | null } = { arrived: null };
  const watchingModels = registry?.watch((v) => {
    if (v.version <= current!.version || (inbox.arrived && v.version <= inbox.arrived.version)) return;
    try {
      inbox.arrived = { ...v, scorer: new Scorer(v.spec) };
      log('info', `model version ${v.version} loaded from the registry: in use from the next batch`, { model: v.version });
    } catch (e) {
      log('error', `model version ${v.version} from the registry cannot score (${(e as Error).message}); still scoring with version ${current!.version}`);
    }
  }, background.signal, (level, msg) => log(level, msg));

  // Retraining on a rolling baseline, in a worker thread; the new model is swapped in between two batches.
  // With a shared registry the trainer retrains (law watch --role trainer) and every scorer takes its versions.
  if (registry && deploy.retrain) log('info', 'deploy.retrain is the trainer\'s with a model registry (law watch --role trainer): this scorer takes the versions it publishes');
  const retrain = registry ? undefined : deploy.retrain;
  const baseline = retrain ? new RollingBaseline({ lines: retrain.baseline?.lines, span: retrain.baseline?.span ? parseDuration(retrain.baseline.span) : undefined }) : null;
  const retrainer = retrain ? new Retrainer() : null;
  const everyUnits = retrain && typeof retrain.every === 'number' ? retrain.every : null;
  const everyMs = retrain && typeof retrain.every === 'string' ? parseDuration(retrain.every) : null;
  let unitsSinceRetrain = 0;
  let lastRetrainAt = Date.now();
  let retraining: Promise<void> | null = null;
  const maybeRetrain = (units: number) => {
    if (!baseline || !retrainer) return;
    unitsSinceRetrain += units;
    const due = (everyUnits !== null && unitsSinceRetrain >= everyUnits) || (everyMs !== null && Date.now() - lastRetrainAt >= everyMs);
    if (!due || retrainer.running || baseline.size === 0) return;
    unitsSinceRetrain = 0;
    lastRetrainAt = Date.now();
    const data = baseline.snapshot();
    log('info', `retraining on the last ${data.line.length} rows`, { rows: data.line.length, model: current!.version });
    retraining = retrainer.retrain(current!.spec, data, `${source.name} baseline`, format ?? 'text', current!.spec.fitted?.version ?? '').then((r) => {
      metrics.retrainSeconds = r.ms / 1000;
      if (!r.ok) {
        log('error', `retrain failed, still scoring with model version ${current!.version}: ${r.error}`);
        return;
      }
      metrics.retrains++;
      useModel(models.add(r.spec), r.spec, new Scorer(r.spec), `retrained in ${(r.ms / 1000).toFixed(1)} s`);
    }, (e: Error) => log('error', `retrain failed: ${e.message}`)).finally(() => (retraining = null));
  };

  const picker = deploy.triage ? new TriagePicker(deploy.triage.worst ?? 3, parseDuration(deploy.triage.every ?? '1h')) : null;

  // The position after each batch still needed: a checkpoint names the one before the oldest held row.
  const positions = new Map<number, unknown>([[-1, checkpoint?.position ?? null]]);
  let batchNo = 0;
  const save = () => {
    const oldest = stream.oldestBatch() ?? batchNo;
    for (const k of positions.keys()) if (k < oldest - 1) positions.delete(k);
    const cp: Checkpoint = {
      position: positions.get(oldest - 1) ?? null, emitted, live: stream.state(), policy: policy.state(), model: current!.version,
      sinks: sinks.map((s) => s.mark?.() ?? null),
    };
    state.writeJson('checkpoint.json', cp);
    return cp.position;
  };
  let ended = false;
  try {
    for await (const batch of source.batches(checkpoint?.position ?? null, o.signal)) {
      if (inbox.arrived) {
        useModel(inbox.arrived.version, inbox.arrived.spec, inbox.arrived.scorer, 'published to the model registry');
        inbox.arrived = null;
      }
      const n = batchNo++;
      positions.set(n, batch.position);
      metrics.lastInputAt = Date.now();
      sourceFailing = null;
      metrics.read += batch.data.line.length;
      if (stalled) {
        stalled = false;
        log('info', 'input again: no longer stalled', { source: source.name });
      }
      await deliver(stream.push(batch.data, n), [], batch.data);
      // Saved first, then told to the source: `commit?.(save())` would skip the save where there is no commit.
      const position = save();
      await source.commit?.(position);
      baseline?.add(batch.data);
      maybeRetrain(batch.data.line.length);
    }
    // A finite source (standard input) that ended: its open windows and sessions are scored now.
    ended = !o.signal.aborted;
  } catch (e) {
    failure = (e as Error).message;
    log('error', `source ${source.name}: ${failure}`);
    throw e;
  } finally {
    if (watchdog) clearInterval(watchdog);
    if (ended) {
      await deliver(stream.end(), policy.flush());
      // Saved first, then told to the source: `commit?.(save())` would skip the save where there is no commit.
      const position = save();
      await source.commit?.(position);
    }
    background.abort();
    await Promise.all([...running, watchingModels]);
    registry?.close();
    if (retraining) log('info', 'stopping: a retrain in progress is abandoned (the state keeps the last model)');
    await retrainer?.close();
    const deadline = Date.now() + (o.drainMs ?? 5000);
    for (const s of sinks) await s.close(deadline);
    await closeNatsConnections();
    await new Promise<void>((r) => (status ? status.server.close(() => r()) : r()));
    log('info', 'stopped', { scored: metrics.scored, flagged: metrics.flagged, read: metrics.read });
  }
}

/** The lines around a unit's line in its batch (three each side), for triage; the line alone when the batch does not hold it. */
function contextOf(data: LogData | null, line: number | null): string {
  if (!data || line === null) return '';
  const at = data.line.indexOf(line);
  if (at < 0) return '';
  return data.raw.slice(Math.max(0, at - 3), at + 4).join('\n');
}

/** A batch into every sink, in order; resolves when all have it. */
async function writeAll(sinks: WatchSink[], batch: SinkBatch, signal: AbortSignal): Promise<void> {
  for (const s of sinks) await s.write(batch, signal);
}
