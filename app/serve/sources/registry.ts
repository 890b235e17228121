import { resolve } from 'node:path';
import type { SourceSpec } from '../../core/experiment/deploy-spec.ts';
import type { Format } from '../../core/ingest/sniff-format.ts';
import type { ServiceLog } from '../service-log.ts';
import { FileSource } from './file-source.ts';
import type { WatchSource } from './source.ts';
import { StdinSource } from './stdin-source.ts';
import { SqlSource } from './sql-source.ts';
import { LokiSource } from './loki-source.ts';
import { MongodbSource } from './mongodb-source.ts';
import { ElasticsearchSource } from './elasticsearch-source.ts';
import { NatsSource } from './nats-source.ts';
import { parseDuration } from '../../core/features/duration.ts';

export interface SourceContext {
  /** Relative paths are resolved against the spec's folder. */
  specDir: string;
  /** The reader for text sources: the spec's training format unless the source names one. */
  format: Format | 'auto' | undefined;
  /** The spec's reader options (`source.syslogYear`), for text sources. */
  readerOptions?: Record<string, unknown>;
  log: ServiceLog;
  /** Told when reading fails (and is retried), and when it works again (null): `/healthz` says failing meanwhile. */
  failing?: (reason: string | null) => void;
}

/** Every source kind `law watch` can read: adding one is a file and a line here. */
const SOURCES: Record<string, (spec: SourceSpec, ctx: SourceContext) => WatchSource> = {
  file: (s, ctx) => new FileSource(resolve(ctx.specDir, (s as { path: string }).path), {
    format: (s as { format?: Format | 'auto' }).format ?? ctx.format,
    readerOptions: ctx.readerOptions,
    onEvent: (msg, fields) => ctx.log('info', msg, fields),
  }),
  stdin: (s, ctx) => new StdinSource((s as { format?: Format | 'auto' }).format ?? ctx.format, undefined, ctx.readerOptions),
  loki: (s, ctx) => {
    const o = s as Extract<SourceSpec, { kind: 'loki' }>;
    return new LokiSource({ url: o.url, query: o.query, limit: o.limit, startMs: o.start ? Date.parse(o.start) : undefined, everyMs: parseDuration(o.every), onEvent: (level, msg) => ctx.log(level, msg) });
  },
  elasticsearch: (s, ctx) => {
    const o = s as Extract<SourceSpec, { kind: 'elasticsearch' }>;
    return new ElasticsearchSource({ url: o.url, index: o.index, query: o.query, time: o.time, size: o.size, everyMs: parseDuration(o.every), onEvent: (level, msg) => ctx.log(level, msg) });
  },
  mongodb: (s, ctx) => {
    const o = s as Extract<SourceSpec, { kind: 'mongodb' }>;
    return new MongodbSource({ url: o.url, db: o.db, collection: o.collection, id: o.id, everyMs: parseDuration(o.every), onEvent: (level, msg) => ctx.log(level, msg) });
  },
  sql: (s, ctx) => {
    const o = s as Extract<SourceSpec, { kind: 'sql' }>;
    return new SqlSource({ ...o, everyMs: parseDuration(o.every), onEvent: (level, msg, fields) => ctx.log(level, msg, fields) });
  },
  nats: (s, ctx) => {
    const o = s as Extract<SourceSpec, { kind: 'nats' }>;
    return new NatsSource({ url: o.url, stream: o.stream, subject: o.subject, durable: o.durable, batch: o.batch, ackWaitMs: o.ackWait ? parseDuration(o.ackWait) : undefined, format: o.format ?? ctx.format, readerOptions: ctx.readerOptions, onEvent: (level, msg) => ctx.log(level, msg) });
  },
};

export function createSource(spec: SourceSpec, given: SourceContext): WatchSource {
  // A warning from a polling source is a failed request, retried: the service is failing until a batch comes.
  const ctx: SourceContext = { ...given, log: (level, msg, fields) => {
    given.log(level, msg, fields);
    if (level === 'warn' && spec.kind !== 'file') given.failing?.(msg);
    if (level === 'info' && msg.endsWith('reading again')) given.failing?.(null);
  } };
  const make = SOURCES[spec.kind];
  if (!make) throw new Error(`deploy.source.kind: "${spec.kind}" is not available in this version of law watch (available: ${Object.keys(SOURCES).join(', ')})`);
  return make(spec, ctx);
}
