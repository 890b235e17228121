import { readLogs, sourceFromText } from '../../core/ingest/read-logs.ts';
import type { SourceBatch, WatchSource } from './source.ts';
import { fetchJsonRetrying } from './http-poll.ts';
import { sleep } from '../sleep.ts';

/** Where polling Loki stands: the newest entry time handed on (ns, as text) and the entries at exactly that time. */
export interface LokiPosition {
  ns: string | null;
  /** `labels + line` of the entries at `ns` already handed on (a poll from `ns` returns them again). */
  seen: string[];
}

interface Streams {
  status?: string;
  data?: { resultType?: string; result?: { stream: Record<string, string>; values: [string, string][] }[] };
}

export interface LokiSourceOptions {
  url: string;
  query: string;
  everyMs: number;
  /** Entries per request (Loki's `limit`), default 5000. */
  limit?: number;
  /** Where the first poll starts, ms since the epoch (default an hour ago). */
  startMs?: number;
  onEvent?: (level: 'info' | 'warn', message: string) => void;
}

/**
 * Grafana Loki's `GET /loki/api/v1/query_range`, polled with a LogQL query
 * every `everyMs`, forward from the newest entry seen: each poll asks from
 * that entry's time on (Loki's `start` is inclusive), and the entries at
 * exactly that time that were already handed on are dropped, so no entry is
 * scored twice and none between polls is missed. A full page is followed at
 * once by the next. Entries are read as `law` reads a Loki export: stream
 * labels and logfmt pairs become fields.
 */
export class LokiSource implements WatchSource {
  readonly name: string;

  constructor(private readonly o: LokiSourceOptions) {
    this.name = `loki ${o.query}`;
  }

  async *batches(position: unknown | null, signal: AbortSignal): AsyncGenerator<SourceBatch> {
    let { ns, seen } = (position as LokiPosition | null) ?? { ns: null, seen: [] };
    const limit = this.o.limit ?? 5000;
    while (!signal.aborted) {
      const start = ns ?? String(BigInt(Math.floor(this.o.startMs ?? Date.now() - 3_600_000)) * 1_000_000n);
      const params = new URLSearchParams({ query: this.o.query, start, end: String(BigInt(Date.now()) * 1_000_000n), limit: String(limit), direction: 'forward' });
      const body = (await fetchJsonRetrying(`${this.o.url.replace(/\/$/, '')}/loki/api/v1/query_range?${params}`, {}, signal,
        (m, wait) => this.o.onEvent?.('warn', `loki: ${m}; retrying in ${wait} ms`), () => this.o.onEvent?.('info', `loki: reading again`))) as Streams | null;
      if (!body) return;
      const result = body.data?.result ?? [];
      const entries = result.flatMap((s) => s.values.map(([t, line]) => ({ stream: s.stream, t, line, key: `${JSON.stringify(s.stream)}\u0000${line}` })));
      const before = new Set(seen);
      const fresh = entries.filter((e) => ns === null || BigInt(e.t) > BigInt(ns) || (e.t === ns && !before.has(e.key)));
      if (fresh.length) {
        const newest = fresh.reduce((m, e) => (BigInt(e.t) > BigInt(m) ? e.t : m), fresh[0].t);
        seen = [...(newest === ns ? seen : []), ...fresh.filter((e) => e.t === newest).map((e) => e.key)];
        ns = newest;
        const streams = new Map<string, { stream: Record<string, string>; values: [string, string][] }>();
        for (const e of fresh) {
          const k = JSON.stringify(e.stream);
          (streams.get(k) ?? streams.set(k, { stream: e.stream, values: [] }).get(k)!).values.push([e.t, e.line]);
        }
        const doc = JSON.stringify({ status: 'success', data: { resultType: 'streams', result: [...streams.values()] } });
        const data = await readLogs([sourceFromText(this.name, doc)], { format: 'loki' });
        yield { data, position: { ns, seen } satisfies LokiPosition };
      }
      // A full page is followed at once, unless it held nothing new (entries all at one instant: Loki cannot page past it).
      if (entries.length < limit || fresh.length === 0) await sleep(this.o.everyMs, signal);
    }
  }
}
