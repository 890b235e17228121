import { resolve } from 'node:path';
import type { SinkSpec, SourceSpec } from '../../core/experiment/deploy-spec.ts';
import { SqlSink } from './sql-sink.ts';
import { MongodbSink } from './mongodb-sink.ts';
import type { ServiceLog } from '../service-log.ts';
import type { StateDir } from '../state-dir.ts';
import { JsonlSink } from './jsonl-sink.ts';
import type { WatchSink } from './sink.ts';
import { WebhookSink } from './webhook-sink.ts';
import { NatsSink } from './nats-sink.ts';

export interface SinkContext {
  specDir: string;
  state: StateDir;
  /** Names the detector in alerts (the spec's name). */
  detector: string;
  log: ServiceLog;
  stdout: (s: string) => Promise<void>;
  /** Write-back sinks write to the source's rows. */
  source: SourceSpec;
}

/** Every sink kind `law watch` can write: adding one is a file and a line here. */
const SINKS: Record<string, (spec: SinkSpec, index: number, ctx: SinkContext) => WatchSink> = {
  jsonl: (s, _i, ctx) => {
    const { path, all } = s as { path: string; all?: boolean };
    return new JsonlSink(path === '-' ? '-' : resolve(ctx.specDir, path), all ?? false, ctx.stdout);
  },
  sql: (s, _i, ctx) => {
    const src = ctx.source as Extract<SourceSpec, { kind: 'sql' }>;
    const o = s as Extract<SinkSpec, { kind: 'sql' }>;
    return new SqlSink({ url: src.url, table: o.table ?? src.table, id: src.id, aggregate: o.aggregate });
  },
  mongodb: (s, _i, ctx) => {
    const src = ctx.source as Extract<SourceSpec, { kind: 'mongodb' }>;
    const o = s as Extract<SinkSpec, { kind: 'mongodb' }>;
    return new MongodbSink({ url: src.url, db: src.db, collection: o.collection ?? src.collection, aggregate: o.aggregate });
  },
  webhook: (s, i, ctx) => {
    const { url, format } = s as { url: string; format: 'generic' | 'slack' | 'alertmanager' };
    return new WebhookSink(url, format, ctx.state.path(`outbox-${i}-${format}.jsonl`), ctx.detector, ctx.log);
  },
  nats: (s, _i, ctx) => {
    const o = s as Extract<SinkSpec, { kind: 'nats' }>;
    // Without a url of its own it publishes on the NATS source's server (deploy-spec checks there is one).
    const url = o.url ?? (ctx.source as Extract<SourceSpec, { kind: 'nats' }>).url;
    return new NatsSink({ url, subject: o.subject, onEvent: (level, msg) => ctx.log(level, msg) });
  },
};

export function createSinks(specs: SinkSpec[], ctx: SinkContext): WatchSink[] {
  return specs.map((s, i) => {
    const make = SINKS[s.kind];
    if (!make) throw new Error(`deploy.sinks[${i}].kind: "${s.kind}" is not available in this version of law watch (available: ${Object.keys(SINKS).join(', ')})`);
    return make(s, i, ctx);
  });
}
