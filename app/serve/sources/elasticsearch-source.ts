import { readLogs, sourceFromText } from '../../core/ingest/read-logs.ts';
import type { SourceBatch, WatchSource } from './source.ts';
import { fetchJsonRetrying } from './http-poll.ts';
import { sleep } from '../sleep.ts';

/** Where polling stands: the `sort` values of the last hit handed on. */
export interface ElasticsearchPosition {
  after: unknown[] | null;
}

export interface ElasticsearchSourceOptions {
  url: string;
  index: string;
  /** The query DSL (default match_all). */
  query?: Record<string, unknown>;
  /** The time field to follow (default @timestamp). */
  time?: string;
  everyMs: number;
  /** Hits per request, default 1000. */
  size?: number;
  onEvent?: (level: 'info' | 'warn', message: string) => void;
}

/**
 * An Elasticsearch or OpenSearch index polled with `_search` and
 * `search_after`: hits sorted by the time field, then `_id` so hits at one
 * instant keep one order, each request after the last hit handed on. A full
 * page is followed at once. Hits are read as `law` reads a `_search`
 * response (the `_source` fields flattened).
 */
export class ElasticsearchSource implements WatchSource {
  readonly name: string;

  constructor(private readonly o: ElasticsearchSourceOptions) {
    this.name = o.index;
  }

  async *batches(position: unknown | null, signal: AbortSignal): AsyncGenerator<SourceBatch> {
    let after = (position as ElasticsearchPosition | null)?.after ?? null;
    const size = this.o.size ?? 1000;
    const time = this.o.time ?? '@timestamp';
    while (!signal.aborted) {
      const request = {
        size,
        query: this.o.query ?? { match_all: {} },
        sort: [{ [time]: 'asc' }, { _id: 'asc' }],
        ...(after ? { search_after: after } : {}),
      };
      const body = (await fetchJsonRetrying(`${this.o.url.replace(/\/$/, '')}/${encodeURIComponent(this.o.index)}/_search`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request),
      }, signal, (m, wait) => this.o.onEvent?.('warn', `elasticsearch: ${m}; retrying in ${wait} ms`), () => this.o.onEvent?.('info', `elasticsearch: reading again`))) as { hits?: { hits?: { sort?: unknown[] }[] } } | null;
      if (!body) return;
      const hits = body.hits?.hits ?? [];
      if (hits.length) {
        after = hits[hits.length - 1].sort ?? null;
        if (!after) throw new Error(`elasticsearch ${this.o.index}: the hits carry no sort values, so search_after cannot page (is ${time} a field of the index?)`);
        const data = await readLogs([sourceFromText(this.name, JSON.stringify(body))], { format: 'elasticsearch' });
        yield { data, position: { after } satisfies ElasticsearchPosition };
      }
      if (hits.length < size) await sleep(this.o.everyMs, signal);
    }
  }
}
