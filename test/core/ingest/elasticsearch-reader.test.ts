import { describe, it, expect } from 'vitest';
import { looksLikeElasticsearch } from '../../../app/core/ingest/elasticsearch-reader.ts';
import { eachChunkSize, eachChunkSizeFails, fixture, ms } from './chunked.ts';

describe('looksLikeElasticsearch', () => {
  it('knows a search response by its hits', () => {
    expect(looksLikeElasticsearch('{"took":1,"timed_out":false,"hits":{"total":{"value":1}')).toBe(true);
    expect(looksLikeElasticsearch('{"hits":{"max_score":null,"hits":[')).toBe(true);
    expect(looksLikeElasticsearch('{"_scroll_id":"x","hits":[')).toBe(true);
    expect(looksLikeElasticsearch('{"msg":"hits"}')).toBe(false);
  });
});

describe('readLogs: elasticsearch', () => {
  eachChunkSize('_search: a row per hit, _source flattened, _id and _index kept', [['es.json', fixture('es-search.json')]], (d) => {
    expect(d.files[0]).toMatchObject({ format: 'elasticsearch', reason: 'an Elasticsearch/OpenSearch search response (hits.hits)', rows: 3 });
    expect(d.line).toEqual([9, 15, 21]);
    expect(d.messageField).toEqual(['message']);
    expect(d.message).toEqual(['user login ok', 'user login failed', 'disk full']);
    expect(d.timestamp).toEqual([ms('2024-03-02T10:00:00Z'), ms('2024-03-02T10:00:01.500Z'), 1_709_460_000_000]);
    expect(JSON.parse(d.raw[0])).toMatchObject({ message: 'user login ok', host: { name: 'web-1' } });
    expect(d.fields).toEqual({
      '@timestamp': { type: 'string', values: ['2024-03-02T10:00:00.000Z', '2024-03-02T10:00:01.500Z', '1709460000000'] },
      message: { type: 'string', values: ['user login ok', 'user login failed', 'disk full'] },
      'host.name': { type: 'string', values: ['web-1', 'web-2', 'db-1'] },
      'http.status': { type: 'number', values: [200, 401, NaN] },
      'log.level': { type: 'string', values: ['info', 'warn', 'error'] },
      _id: { type: 'string', values: ['a1', 'a2', 'a3'] },
      _index: { type: 'string', values: ['logs-2024.03.02', 'logs-2024.03.02', 'logs-2024.03.03'] },
    });
  });

  const fieldsOnly = JSON.stringify({ hits: { total: { value: 1 }, hits: [{ _index: 'i', _id: 'x', fields: { message: ['m'], tags: ['a', 'b'] } }] } });
  eachChunkSize('a hit without _source takes its fields', [['f.json', fieldsOnly]], (d) => {
    expect(d.message).toEqual(['m']);
    expect(d.fields.tags.values).toEqual(['["a","b"]']);
  });

  eachChunkSizeFails('an error response gives its reason', [['e.json', '{"error":{"type":"index_not_found_exception","reason":"no such index [x]"},"status":404}']], (e) => {
    expect(e.message).toBe('e.json, field "error": an Elasticsearch error response (index_not_found_exception: no such index [x])');
  }, { format: 'elasticsearch' });

  eachChunkSizeFails('no hits', [['e.json', '{"hits":{"total":{"value":0},"hits":[]}}']], (e) => {
    expect(e.message).toBe('e.json, field "hits.hits": the Elasticsearch response holds no hits (hits.hits is empty)');
  });
});
