/**
 * JSON nested far deeper than anyone writes (100 000 levels, which
 * `JSON.parse` reads) loads without "Maximum call stack size exceeded":
 * flattened to FLATTEN_LEVELS levels of names, the deeper part kept whole as
 * its JSON text, in the page and in `law parse` alike.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonText } from '../../../app/core/ingest/json-text.ts';
import { unwrapExtendedJson } from '../../../app/core/ingest/extended-json.ts';
import { FLATTEN_LEVELS } from '../../../app/core/ingest/row-readers.ts';
import { fieldColumn } from '../../../app/core/ingest/log-data.ts';
import { read } from './chunked.ts';

const DEPTH = 100_000;
/** `{"a":{"a":…1…}}`, `depth` objects deep. */
const deepObject = (depth: number, inner = '1') => '{"a":'.repeat(depth) + inner + '}'.repeat(depth);
/** The text of what is left `levels` names down: `levels` fewer objects. */
const below = (depth: number, levels: number, inner = '1') => deepObject(depth - levels, inner);

describe('readers on JSON 100 000 levels deep', () => {
  it(`JSON lines: flattened to ${FLATTEN_LEVELS} levels of names, the rest kept as its exact JSON text, next lines read too`, async () => {
    const d = await read([['deep.jsonl', `{"message":"deep","d":${deepObject(DEPTH)}}\n{"message":"next","d":{"a":2}}\n`]], 1 << 16);
    expect(d.message).toEqual(['deep', 'next']);
    expect(Object.keys(d.fields)).toEqual(['message', 'd.a.a.a', 'd.a']);
    const kept = fieldColumn(d, 'd.a.a.a')![0] as string;
    expect(kept).toBe(below(DEPTH, FLATTEN_LEVELS - 1));
    expect(JSON.parse(kept)).toBeTypeOf('object');
    expect(d.warnings).toEqual([]);
  });

  it('JSON lines: a deep array stays whole, as its text', async () => {
    const arr = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
    const d = await read([['deep.jsonl', `{"message":"m","x":${arr}}\n`]], 1 << 16);
    expect(fieldColumn(d, 'x')).toEqual([arr]);
  });

  it('MongoDB (lines and an array) and Elasticsearch documents', async () => {
    const doc = `{"_id":{"$oid":"65e2f0a1c2b3d4e5f6a7b8c1"},"message":"m","d":${deepObject(DEPTH, '{"$numberInt":"7"}')}}`;
    for (const text of [`${doc}\n`, `[${doc}]\n`]) {
      const d = await read([['deep.json', text]], 1 << 16);
      expect(d.files[0].format).toBe('mongodb');
      expect(d.message).toEqual(['m']);
      // Extended JSON is unwrapped all the way down: `{"$numberInt":"7"}` → 7.
      expect(fieldColumn(d, 'd.a.a.a')).toEqual([below(DEPTH, FLATTEN_LEVELS - 1, '7')]);
    }
    const es = `{"hits":{"total":{"value":1},"hits":[{"_id":"1","_source":{"message":"m","d":${deepObject(DEPTH)}}}]}}`;
    const d = await read([['deep.json', es]], 1 << 16);
    expect(d.files[0].format).toBe('elasticsearch');
    expect(fieldColumn(d, 'd.a.a.a')).toEqual([below(DEPTH, FLATTEN_LEVELS - 1)]);
    expect(d.raw[0]).toBe(`{"message":"m","d":${deepObject(DEPTH)}}`);
  });

  it('unwrapExtendedJson walks without recursion', () => {
    const out = unwrapExtendedJson(JSON.parse(deepObject(DEPTH, '{"$oid":"x"}')));
    expect(jsonText(out)).toBe(deepObject(DEPTH, '"x"'));
  });
});

describe('law parse on JSON 100 000 levels deep', () => {
  const dir = mkdtempSync(join(tmpdir(), 'law-depth-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parses every line and exits 0 (it printed "Maximum call stack size exceeded")', () => {
    const file = join(dir, 'deep.jsonl');
    writeFileSync(file, `{"message":"deep one","d":${deepObject(DEPTH)}}\n{"message":"plain two"}\n`);
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const r = spawnSync(process.execPath, ['bin/law.js', 'parse', file], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.error).toBeUndefined();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l).template)).toEqual(['deep one', 'plain two']);
  });
});
