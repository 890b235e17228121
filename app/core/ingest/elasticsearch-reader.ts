import { IngestError } from './ingest-error.ts';
import { jsonText } from './json-text.ts';
import { ownRecord } from './own-record.ts';
import { parseJsonDocument, valueLines } from './whole-json.ts';
import { flatten, MESSAGE_FIELDS, timestampOf, type ReaderContext } from './row-readers.ts';

/** True when the start of a document is an Elasticsearch/OpenSearch search response (`"hits":{"total"…`, `"hits":[`). */
export function looksLikeElasticsearch(head: string): boolean {
  return /^\s*\{/.test(head) && /"hits"\s*:\s*(\{\s*"(total|max_score)"|\[)/.test(head);
}

/**
 * An Elasticsearch or OpenSearch `_search` (or scroll) response: one row per
 * `hits.hits[]`. Fields are the hit's `_source` flattened with dots as in
 * JSON lines, plus `_id` and `_index`; a hit without `_source` (a query with
 * `"_source": false` and `fields`) takes its `fields`, one-element lists
 * unwrapped. Raw is the document as JSON; the message is the first of
 * `MESSAGE_FIELDS` the first hit has; the time comes from `@timestamp` or the
 * other usual names. Hits keep the response's order (the query's sort).
 */
export function readElasticsearchDocument(ctx: ReaderContext, text: string): void {
  const doc = parseJsonDocument(text, ctx.fileName, 'an Elasticsearch response') as Record<string, unknown> | null;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new IngestError(ctx.fileName, 'not an Elasticsearch response: expected a JSON object');
  if (doc.error) {
    const e = doc.error as { type?: unknown; reason?: unknown } | string;
    const why = typeof e === 'string' ? e : [e.type, e.reason].filter(Boolean).join(': ');
    throw new IngestError(ctx.fileName, `an Elasticsearch error response (${why || 'no reason given'})`, { field: 'error' });
  }
  const hits = (doc.hits as { hits?: unknown } | undefined)?.hits;
  if (!Array.isArray(hits)) throw new IngestError(ctx.fileName, 'not an Elasticsearch search response: no hits.hits list', { field: 'hits.hits' });
  if (hits.length === 0) throw new IngestError(ctx.fileName, 'the Elasticsearch response holds no hits (hits.hits is empty)', { field: 'hits.hits' });
  const lines = valueLines(text, ['hits', 'hits', '*']);
  let messageField: string | null | undefined;
  hits.forEach((hit, k) => {
    const line = lines[k] ?? 1;
    if (hit === null || typeof hit !== 'object' || Array.isArray(hit)) {
      ctx.warnings.add('es-bad-hit', line, () => `${ctx.fileName}, line ${line}: a hit that is not an object; skipped`);
      return;
    }
    const h = hit as Record<string, unknown>;
    const source = sourceOf(h);
    const fields = flatten(source);
    if (h._id !== undefined) fields._id = h._id;
    if (h._index !== undefined) fields._index = h._index;
    if (messageField === undefined) {
      messageField = MESSAGE_FIELDS.find((f) => typeof fields[f] === 'string') ?? null;
      ctx.builder.setMessageField(ctx.fileIndex, messageField);
    }
    const raw = jsonText(source)!;
    const message = messageField && typeof fields[messageField] === 'string' ? (fields[messageField] as string) : raw;
    ctx.builder.addRow(ctx.fileIndex, line, raw, message, timestampOf(fields), fields);
  });
}

function sourceOf(hit: Record<string, unknown>): Record<string, unknown> {
  const source = hit._source;
  if (source && typeof source === 'object' && !Array.isArray(source)) return source as Record<string, unknown>;
  const out = ownRecord<unknown>();
  const fields = hit.fields;
  if (fields && typeof fields === 'object') {
    for (const [k, v] of Object.entries(fields)) out[k] = Array.isArray(v) && v.length === 1 ? v[0] : v;
  }
  return out;
}
