import { parseDuration } from '../features/duration.ts';
import { FORMATS, type Format } from '../ingest/sniff-format.ts';
import { FieldError } from '../field-error.ts';
import { checkKnownFields, fieldsOf } from './known-fields.ts';

/**
 * The spec's `deploy` section: what `law watch` reads, scores and sends,
 * and how it keeps running (docs/interfaces.md). Durations are strings such
 * as "5m"; relative paths are resolved against the spec's folder.
 */
export interface DeploySpec {
  source: SourceSpec;
  sinks: SinkSpec[];
  /** The state folder: checkpoints, the outbox, model versions (default "law-state"). */
  state?: string;
  retrain?: RetrainSpec;
  alerts?: AlertsSpec;
  watchdog?: { stall: string };
  metrics?: { port: number; host?: string };
  triage?: TriageSpec;
  /** A model registry shared by workers (NATS JetStream): scorers take each new version from it, `law watch --role trainer` publishes them. */
  models?: ModelsSpec;
}

/**
 * Model versions in a JetStream key-value bucket (the newest version's
 * number) and object store (`<bucket>-specs`: each version's fitted spec),
 * on the NATS source's server unless `url` names another.
 */
export interface ModelsSpec {
  bucket: string;
  url?: string;
}

/**
 * Opt-in LLM triage: the `worst` flagged alerts per `every` (default 3 per
 * hour) are sent with their neighbouring lines to an OpenAI-compatible chat
 * endpoint, and the answer rides along in the alert. The API key comes from
 * the environment variable `keyEnv`, never from the spec.
 */
export interface TriageSpec {
  url: string;
  model: string;
  keyEnv?: string;
  worst?: number;
  every?: string;
  /** The prompt template ({line}, {context}, {template}, {score}, {detector}); default the page's. */
  prompt?: string;
}

export type SourceSpec =
  | { kind: 'file'; path: string; format?: Format | 'auto' }
  | { kind: 'stdin'; format?: Format | 'auto' }
  | { kind: 'loki'; url: string; query: string; every: string; limit?: number; start?: string }
  | { kind: 'elasticsearch'; url: string; index: string; query?: Record<string, unknown>; every: string; time?: string; size?: number }
  | { kind: 'sql'; url: string; table: string; id: string; every: string; message?: string; host?: string; time?: string }
  | { kind: 'mongodb'; url: string; db: string; collection: string; every: string; id?: string }
  | { kind: 'nats'; url: string; stream: string; subject: string; durable: string; format?: Format | 'auto'; batch?: number; ackWait?: string };

export type SinkSpec =
  | { kind: 'jsonl'; path: string; all?: boolean }
  | { kind: 'webhook'; url: string; format: 'generic' | 'slack' | 'alertmanager' }
  | { kind: 'sql'; table?: string; aggregate?: string }
  | { kind: 'mongodb'; collection?: string; aggregate?: string }
  | { kind: 'nats'; subject: string; url?: string };

export interface RetrainSpec {
  /** A count of units, or a duration ("1d"). */
  every: number | string;
  baseline?: { lines?: number; span?: string };
  /** With a NATS source: the subject the trainer keeps its baseline from (default the source's). */
  subject?: string;
}

export interface AlertsSpec {
  /** `template`: one alert per template and window. */
  group?: 'template';
  window?: string;
  budget?: { value: number; per: 'hour' | 'day' };
  /** Templates never alerted on (counted instead), e.g. from the page's review marks. */
  silence?: string[];
}

export const SOURCE_KINDS = ['file', 'stdin', 'loki', 'elasticsearch', 'sql', 'mongodb', 'nats'] as const;
export const SINK_KINDS = ['jsonl', 'webhook', 'sql', 'mongodb', 'nats'] as const;
export const WEBHOOK_FORMATS = ['generic', 'slack', 'alertmanager'] as const;

type Json = Record<string, unknown>;

/** What each kind takes: required and optional fields (anything else is refused, naming it and the nearest known one). */
export const SOURCE_FIELDS: Record<string, { required: string[]; optional: string[] }> = {
  file: { required: ['path'], optional: ['format'] },
  stdin: { required: [], optional: ['format'] },
  loki: { required: ['url', 'query', 'every'], optional: ['limit', 'start'] },
  elasticsearch: { required: ['url', 'index', 'every'], optional: ['query', 'time', 'size'] },
  sql: { required: ['url', 'table', 'id', 'every'], optional: ['message', 'host', 'time'] },
  mongodb: { required: ['url', 'db', 'collection', 'every'], optional: ['id'] },
  nats: { required: ['url', 'stream', 'subject', 'durable'], optional: ['format', 'batch', 'ackWait'] },
};
export const SINK_FIELDS: Record<string, { required: string[]; optional: string[] }> = {
  jsonl: { required: ['path'], optional: ['all'] },
  webhook: { required: ['url', 'format'], optional: [] },
  sql: { required: [], optional: ['table', 'aggregate'] },
  mongodb: { required: [], optional: ['collection', 'aggregate'] },
  nats: { required: ['subject'], optional: ['url'] },
};

/** The fields of `deploy` and its parts (sources and sinks: {@link SOURCE_FIELDS}, {@link SINK_FIELDS}). */
export const DEPLOY_FIELDS = Object.freeze({
  deploy: fieldsOf<DeploySpec>()(['source', 'sinks', 'state', 'retrain', 'alerts', 'watchdog', 'metrics', 'triage', 'models']),
  retrain: fieldsOf<RetrainSpec>()(['every', 'baseline', 'subject']),
  models: fieldsOf<ModelsSpec>()(['bucket', 'url']),
  baseline: fieldsOf<NonNullable<RetrainSpec['baseline']>>()(['lines', 'span']),
  alerts: fieldsOf<AlertsSpec>()(['group', 'window', 'budget', 'silence']),
  budget: fieldsOf<NonNullable<AlertsSpec['budget']>>()(['value', 'per']),
  watchdog: fieldsOf<NonNullable<DeploySpec['watchdog']>>()(['stall']),
  metrics: fieldsOf<NonNullable<DeploySpec['metrics']>>()(['port', 'host']),
  triage: fieldsOf<TriageSpec>()(['url', 'model', 'keyEnv', 'worst', 'every', 'prompt']),
});

/**
 * Checks a spec's `deploy` field by field; every error names its path
 * (`deploy.sinks[1].format`). What needs the world (is the URL up, does the
 * table exist) is checked when `law watch` starts.
 * @throws FieldError
 */
export function checkDeploy(value: unknown): void {
  const deploy = object(value, 'deploy');
  checkKnownFields(deploy, 'deploy', DEPLOY_FIELDS.deploy);
  const source = object(deploy.source, 'deploy.source');
  kind(source, 'deploy.source', SOURCE_KINDS, SOURCE_FIELDS);
  if (source.format !== undefined && source.format !== 'auto' && !(FORMATS as readonly unknown[]).includes(source.format)) {
    throw new FieldError('deploy.source.format', `unknown format ${JSON.stringify(source.format)} (known: auto, ${FORMATS.join(', ')})`);
  }
  if (source.every !== undefined) duration(source.every, 'deploy.source.every');
  if (source.limit !== undefined) count(source.limit, 'deploy.source.limit', 1, DEPLOY_LIMITS.lokiLimit);
  if (source.start !== undefined && (typeof source.start !== 'string' || Number.isNaN(Date.parse(source.start)))) {
    throw new FieldError('deploy.source.start', `${JSON.stringify(source.start)} is not an ISO 8601 time (where the first poll starts)`);
  }
  if (source.size !== undefined) count(source.size, 'deploy.source.size', 1, DEPLOY_LIMITS.searchSize);
  if (source.query !== undefined && source.kind === 'elasticsearch') object(source.query, 'deploy.source.query');
  if (source.kind === 'sql' && !/^(mysql|mariadb|postgres|postgresql):\/\//.test(source.url as string)) {
    throw new FieldError('deploy.source.url', `${JSON.stringify(source.url)} is not a mysql://, mariadb:// or postgres:// URL`);
  }
  if (source.kind === 'nats') {
    natsUrl(source.url, 'deploy.source.url');
    for (const key of ['stream', 'durable'] as const) natsName(source[key], `deploy.source.${key}`);
    natsSubject(source.subject, 'deploy.source.subject', true);
    if (source.batch !== undefined) count(source.batch, 'deploy.source.batch', 1, DEPLOY_LIMITS.natsBatch);
    if (source.ackWait !== undefined) duration(source.ackWait, 'deploy.source.ackWait');
  }
  for (const key of ['table', 'id', 'message', 'host', 'time'] as const) {
    if (source.kind === 'sql' && source[key] !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(source[key] as string)) {
      throw new FieldError(`deploy.source.${key}`, `${JSON.stringify(source[key])} is not a plain column or table name (letters, digits, _)`);
    }
  }

  if (!Array.isArray(deploy.sinks) || deploy.sinks.length === 0) throw new FieldError('deploy.sinks', 'expected a non-empty list of sinks');
  deploy.sinks.forEach((s, i) => {
    const at = `deploy.sinks[${i}]`;
    const sink = object(s, at);
    kind(sink, at, SINK_KINDS, SINK_FIELDS);
    if (sink.kind === 'webhook') {
      if (!(WEBHOOK_FORMATS as readonly unknown[]).includes(sink.format)) throw new FieldError(`${at}.format`, `${JSON.stringify(sink.format)} is not known (known: ${WEBHOOK_FORMATS.join(', ')})`);
      if (!/^https?:\/\//.test(sink.url as string)) throw new FieldError(`${at}.url`, `${JSON.stringify(sink.url)} is not an http(s) URL`);
    }
    if (sink.all !== undefined && typeof sink.all !== 'boolean') throw new FieldError(`${at}.all`, 'expected true or false');
    for (const key of ['table', 'aggregate'] as const) {
      if (sink.kind === 'sql' && sink[key] !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(sink[key] as string)) {
        throw new FieldError(`${at}.${key}`, `${JSON.stringify(sink[key])} is not a plain table name (letters, digits, _)`);
      }
    }
    if (sink.kind === 'nats') {
      natsSubject(sink.subject, `${at}.subject`, false);
      if (sink.url !== undefined) natsUrl(sink.url, `${at}.url`);
      else if (source.kind !== 'nats') throw new FieldError(`${at}.url`, 'a nats sink needs the server\'s url when the source is not nats');
    }
    if ((sink.kind === 'sql' || sink.kind === 'mongodb') && source.kind !== sink.kind) {
      throw new FieldError(`${at}.kind`, `a ${sink.kind} write-back writes to the source's rows, and the source is ${JSON.stringify(source.kind)}`);
    }
  });
  if (deploy.state !== undefined && (typeof deploy.state !== 'string' || deploy.state === '')) throw new FieldError('deploy.state', 'expected a folder path');

  if (deploy.retrain !== undefined) {
    const r = object(deploy.retrain, 'deploy.retrain');
    checkKnownFields(r, 'deploy.retrain', DEPLOY_FIELDS.retrain);
    if (typeof r.every === 'number') count(r.every, 'deploy.retrain.every', 1);
    else duration(r.every, 'deploy.retrain.every');
    if (r.baseline !== undefined) {
      const b = object(r.baseline, 'deploy.retrain.baseline');
      checkKnownFields(b, 'deploy.retrain.baseline', DEPLOY_FIELDS.baseline);
      if (b.lines === undefined && b.span === undefined) throw new FieldError('deploy.retrain.baseline', 'give lines, span or both');
      if (b.lines !== undefined) count(b.lines, 'deploy.retrain.baseline.lines', 1, DEPLOY_LIMITS.baselineLines);
      if (b.span !== undefined) duration(b.span, 'deploy.retrain.baseline.span');
    }
    if (r.subject !== undefined) {
      if (source.kind !== 'nats') throw new FieldError('deploy.retrain.subject', 'a subject to train from needs a nats source');
      natsSubject(r.subject, 'deploy.retrain.subject', true);
    }
  }
  if (deploy.models !== undefined) {
    const m = object(deploy.models, 'deploy.models');
    checkKnownFields(m, 'deploy.models', DEPLOY_FIELDS.models);
    natsName(m.bucket, 'deploy.models.bucket');
    if (m.url !== undefined) natsUrl(m.url, 'deploy.models.url');
    else if (source.kind !== 'nats') throw new FieldError('deploy.models.url', 'a model registry needs the NATS server\'s url when the source is not nats');
  }
  if (deploy.alerts !== undefined) {
    const a = object(deploy.alerts, 'deploy.alerts');
    checkKnownFields(a, 'deploy.alerts', DEPLOY_FIELDS.alerts);
    if (a.group !== undefined && a.group !== 'template') throw new FieldError('deploy.alerts.group', `${JSON.stringify(a.group)} is not known (known: template)`);
    if (a.window !== undefined) duration(a.window, 'deploy.alerts.window');
    if (a.group !== undefined && a.window === undefined) throw new FieldError('deploy.alerts.window', 'grouping needs a window, e.g. "5m"');
    if (a.budget !== undefined) {
      const b = object(a.budget, 'deploy.alerts.budget');
      checkKnownFields(b, 'deploy.alerts.budget', DEPLOY_FIELDS.budget);
      count(b.value, 'deploy.alerts.budget.value', 0);
      if (b.per !== 'hour' && b.per !== 'day') throw new FieldError('deploy.alerts.budget.per', `${JSON.stringify(b.per)} is not a period (known: hour, day)`);
    }
    if (a.silence !== undefined && !(Array.isArray(a.silence) && a.silence.every((t) => typeof t === 'string'))) {
      throw new FieldError('deploy.alerts.silence', 'expected a list of templates');
    }
  }
  if (deploy.watchdog !== undefined) {
    const w = object(deploy.watchdog, 'deploy.watchdog');
    checkKnownFields(w, 'deploy.watchdog', DEPLOY_FIELDS.watchdog);
    duration(w.stall, 'deploy.watchdog.stall');
  }
  if (deploy.triage !== undefined) {
    const t = object(deploy.triage, 'deploy.triage');
    checkKnownFields(t, 'deploy.triage', DEPLOY_FIELDS.triage);
    if (typeof t.url !== 'string' || !/^https?:\/\//.test(t.url)) throw new FieldError('deploy.triage.url', `${JSON.stringify(t.url)} is not an http(s) URL of an OpenAI-compatible endpoint`);
    if (typeof t.model !== 'string' || t.model === '') throw new FieldError('deploy.triage.model', 'expected the model name the endpoint expects');
    if (t.keyEnv !== undefined && (typeof t.keyEnv !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(t.keyEnv))) throw new FieldError('deploy.triage.keyEnv', 'expected the name of an environment variable');
    if (t.worst !== undefined) count(t.worst, 'deploy.triage.worst', 1, DEPLOY_LIMITS.triageWorst);
    if (t.every !== undefined) duration(t.every, 'deploy.triage.every');
    if (t.prompt !== undefined && (typeof t.prompt !== 'string' || t.prompt.trim() === '')) throw new FieldError('deploy.triage.prompt', 'expected a prompt template');
  }
  if (deploy.metrics !== undefined) {
    const m = object(deploy.metrics, 'deploy.metrics');
    checkKnownFields(m, 'deploy.metrics', DEPLOY_FIELDS.metrics);
    if (!(Number.isInteger(m.port) && (m.port as number) >= 0 && (m.port as number) <= 65535)) throw new FieldError('deploy.metrics.port', `${JSON.stringify(m.port)} is not a port (0–65535)`);
    if (m.host !== undefined && typeof m.host !== 'string') throw new FieldError('deploy.metrics.host', 'expected an address to bind, e.g. "127.0.0.1"');
  }
}

function kind(o: Json, at: string, kinds: readonly string[], fields: Record<string, { required: string[]; optional: string[] }>): void {
  if (!kinds.includes(o.kind as string)) {
    // No kind at all: a typo of `kind` (or of a field any kind takes) says so first.
    if (o.kind === undefined) checkKnownFields(o, at, ['kind', ...new Set(Object.values(fields).flatMap((f) => [...f.required, ...f.optional]))]);
    throw new FieldError(`${at}.kind`, `${JSON.stringify(o.kind)} is not known (known: ${kinds.join(', ')})`);
  }
  const f = fields[o.kind as string];
  checkKnownFields(o, at, ['kind', ...f.required, ...f.optional]);
  for (const key of f.required) {
    if (o[key] === undefined) throw new FieldError(`${at}.${key}`, `a ${o.kind} ${at.includes('sinks') ? 'sink' : 'source'} needs ${key}`);
    if (typeof o[key] !== 'string' && key !== 'every') throw new FieldError(`${at}.${key}`, 'expected a string');
  }
}

function duration(v: unknown, at: string): number {
  if (typeof v !== 'string') throw new FieldError(at, `expected a duration such as "5m", got ${JSON.stringify(v)}`);
  let ms: number;
  try {
    ms = parseDuration(v);
  } catch (e) {
    throw new FieldError(at, (e as Error).message, { cause: e });
  }
  if (!(ms > 0)) throw new FieldError(at, `${JSON.stringify(v)} is not longer than 0`);
  return ms;
}

function count(v: unknown, at: string, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!(Number.isSafeInteger(v) && (v as number) >= min)) throw new FieldError(at, `${JSON.stringify(v)} is not a whole number ≥ ${min}`);
  if ((v as number) > max) throw new FieldError(at, `${v} is above the limit ${max}`);
}

/**
 * Upper bounds of the deploy section's counts: what one poll may ask of a
 * server (Loki refuses more than 5,000 entries per query by default,
 * Elasticsearch more than 10,000 hits), the lines a rolling baseline holds in
 * memory (as many as a file read whole), and the triage requests per period.
 */
export const DEPLOY_LIMITS = Object.freeze({ lokiLimit: 5_000, searchSize: 10_000, baselineLines: 5_000_000, triageWorst: 100, natsBatch: 10_000 });

function object(v: unknown, path: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new FieldError(path, `expected an object, got ${v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v}`);
  return v as Json;
}

function natsUrl(v: unknown, at: string): void {
  if (typeof v !== 'string' || !/^(nats|tls):\/\/[^\s]+$/.test(v)) throw new FieldError(at, `${JSON.stringify(v)} is not a nats:// or tls:// URL`);
}

/** Stream, consumer and bucket names: JetStream refuses spaces, dots, `*`, `>` and path separators in them. */
function natsName(v: unknown, at: string): void {
  if (typeof v !== 'string' || !/^[A-Za-z0-9_-]+$/.test(v)) throw new FieldError(at, `${JSON.stringify(v)} is not a JetStream name (letters, digits, - and _)`);
}

/** Dot-separated tokens; `*` and a last `>` only where a filter is meant (what a consumer reads), not where messages are published. */
function natsSubject(v: unknown, at: string, wildcards: boolean): void {
  const tokens = typeof v === 'string' ? v.split('.') : [];
  const ok = tokens.length > 0 && tokens.every((t, i) => /^[A-Za-z0-9_-]+$/.test(t) || (wildcards && (t === '*' || (t === '>' && i === tokens.length - 1))));
  if (!ok) throw new FieldError(at, `${JSON.stringify(v)} is not a NATS subject${wildcards ? '' : ' to publish to (no wildcards)'}, e.g. "logs.web"`);
}
