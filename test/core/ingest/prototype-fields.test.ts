/**
 * Object.prototype names in logs are ordinary names: every reader keeps a
 * field named `__proto__`, `constructor`, `toString`… as a field (never a
 * prototype change, never dropped, never a field made of its keys), and a
 * name the data lacks is not found through the prototype.
 */
import { describe, it, expect } from 'vitest';
import { documentsToLogData } from '../../../app/core/ingest/mongodb-reader.ts';
import { fieldColumn, hasField, type LogData } from '../../../app/core/ingest/log-data.ts';
import { parseLabelFile } from '../../../app/core/ingest/label-file.ts';
import { parseLogfmt } from '../../../app/core/ingest/logfmt-reader.ts';
import { unwrapExtendedJson } from '../../../app/core/ingest/extended-json.ts';
import { flatten } from '../../../app/core/ingest/row-readers.ts';
import { concatLogData, selectLogRows } from '../../../app/core/ingest/log-data-rows.ts';
import { applyLabels } from '../../../app/core/ingest/apply-labels.ts';
import { toTable } from '../../../app/core/ingest/to-table.ts';
import { keyValues } from '../../../app/core/parse/key-values.ts';
import { parseLines } from '../../../app/core/parse/line-fields.ts';
import type { Format } from '../../../app/core/ingest/sniff-format.ts';
import { CHUNK_SIZES, read, type Text } from './chunked.ts';

/** Names Object.prototype has; none of them is a field unless the data has it. */
const INHERITED = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__'];

/** A field's values as plain values (numbers for a numeric column). */
const values = (d: LogData, name: string) => {
  const col = fieldColumn(d, name);
  return col ? Array.from(col as ArrayLike<unknown>) : undefined;
};

/** Reads `files` at every chunk size (string and streamed reading alike) and checks each. */
function eachRead(title: string, files: [string, Text][], check: (d: LogData) => void, format?: Format) {
  describe(title, () => {
    for (const size of CHUNK_SIZES) {
      it(`in ${size}-byte chunks`, async () => check(await read(files, size, format ? { format } : undefined)));
    }
  });
}

/** No inherited name is a field, unless listed as one the data has. */
function onlyOwn(d: LogData, present: string[]) {
  for (const name of INHERITED) {
    expect(hasField(d, name), name).toBe(present.includes(name));
    if (!present.includes(name)) expect(fieldColumn(d, name), name).toBeUndefined();
  }
}

describe('readers keep Object.prototype names as fields', () => {
  eachRead('JSON lines: top-level and nested keys, no key turned into a prototype', [['p.jsonl', [
    '{"__proto__":"p1","constructor":"c1","toString":"t1","hasOwnProperty":"h1","valueOf":1,"message":"one"}',
    '{"message":"two","n":{"__proto__":{"constructor":2,"x":3}}}',
    '{"message":"three","__proto__":{"polluted":true}}',
  ].join('\n') + '\n']], (d) => {
    expect(d.files[0].format).toBe('jsonl');
    expect(Object.keys(d.fields)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'message', 'n.__proto__.constructor', 'n.__proto__.x', '__proto__.polluted']);
    expect(values(d, '__proto__')).toEqual(['p1', null, null]);
    expect(values(d, 'constructor')).toEqual(['c1', null, null]);
    expect(values(d, 'toString')).toEqual(['t1', null, null]);
    expect(values(d, 'valueOf')).toEqual([1, NaN, NaN]);
    expect(values(d, 'n.__proto__.constructor')).toEqual([NaN, 2, NaN]);
    expect(values(d, '__proto__.polluted')).toEqual([null, null, 'true']);
    // Nothing leaked out of a `__proto__` object into fields of its own.
    expect(hasField(d, 'polluted')).toBe(false);
    expect(hasField(d, 'x')).toBe(false);
    expect(d.message).toEqual(['one', 'two', 'three']);
    onlyOwn(d, ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  eachRead('CSV: header names', [['p.csv', '__proto__,constructor,toString,message\na,b,c,hi\nd,e,f,yo\n']], (d) => {
    expect(d.files[0].format).toBe('csv');
    expect(Object.keys(d.fields)).toEqual(['__proto__', 'constructor', 'toString', 'message']);
    expect(values(d, '__proto__')).toEqual(['a', 'd']);
    expect(values(d, 'toString')).toEqual(['c', 'f']);
    onlyOwn(d, ['__proto__', 'constructor', 'toString']);
  });

  eachRead('TSV: header names', [['p.tsv', '__proto__\tvalueOf\tmessage\na\t1\thi\nb\t2\tyo\n']], (d) => {
    expect(d.files[0].format).toBe('tsv');
    expect(values(d, '__proto__')).toEqual(['a', 'b']);
    expect(values(d, 'valueOf')).toEqual([1, 2]);
    onlyOwn(d, ['__proto__', 'valueOf']);
  });

  eachRead('logfmt: pair keys', [['p.log', [
    'level=info __proto__=a constructor=b toString=c msg="one"',
    'level=warn __proto__=d constructor=e toString=f msg="two"',
  ].join('\n') + '\n']], (d) => {
    expect(values(d, '__proto__')).toEqual(['a', 'd']);
    expect(values(d, 'constructor')).toEqual(['b', 'e']);
    expect(values(d, 'toString')).toEqual(['c', 'f']);
    expect(d.message).toEqual(['one', 'two']);
    onlyOwn(d, ['__proto__', 'constructor', 'toString']);
  }, 'logfmt');

  const loki = '{"status":"success","data":{"resultType":"streams","result":[{"stream":{"__proto__":"p","constructor":"c","job":"web"},'
    + '"values":[["1709373600000000000","toString=t1 hasOwnProperty=h1 __proto__=x"],["1709373601000000000","plain line",{"valueOf":"m"}]]}]}}';
  eachRead('Loki: stream labels, structured metadata and logfmt pairs', [['p.json', loki]], (d) => {
    expect(d.files[0].format).toBe('loki');
    expect(values(d, '__proto__')).toEqual(['p', 'p']);
    expect(values(d, 'constructor')).toEqual(['c', 'c']);
    expect(values(d, 'job')).toEqual(['web', 'web']);
    expect(values(d, 'toString')).toEqual(['t1', null]);
    expect(values(d, 'hasOwnProperty')).toEqual(['h1', null]);
    // A pair named like a label is `NAME_extracted`, as in Loki.
    expect(values(d, '__proto___extracted')).toEqual(['x', null]);
    expect(values(d, 'valueOf')).toEqual([null, 'm']);
    onlyOwn(d, ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']);
  });

  const es = '{"took":1,"hits":{"total":{"value":2},"hits":['
    + '{"_index":"logs","_id":"1","_source":{"__proto__":"p","constructor":{"name":"c"},"message":"one"}},'
    + '{"_index":"logs","_id":"2","fields":{"__proto__":["f"],"toString":["t"],"message":["two"]}}]}}';
  eachRead('Elasticsearch: _source and fields', [['p.json', es]], (d) => {
    expect(d.files[0].format).toBe('elasticsearch');
    expect(values(d, '__proto__')).toEqual(['p', 'f']);
    expect(values(d, 'constructor.name')).toEqual(['c', null]);
    expect(values(d, 'toString')).toEqual([null, 't']);
    expect(hasField(d, 'name')).toBe(false);
    expect(d.raw[0]).toBe('{"__proto__":"p","constructor":{"name":"c"},"message":"one"}');
    onlyOwn(d, ['__proto__', 'toString']);
  });

  const mongoDoc = (n: number) => `{"_id":{"$oid":"65e2f0a1c2b3d4e5f6a7b8c${n}"},"__proto__":{"x":{"$numberInt":"${n}"}},"constructor":"c${n}","toString":{"$date":"2024-03-02T10:00:0${n}Z"},"message":"m${n}"}`;
  eachRead('MongoDB, one document per line: Extended JSON unwrapped under __proto__ too', [['p.json', `${mongoDoc(1)}\n${mongoDoc(2)}\n`]], (d) => {
    expect(d.files[0].format).toBe('mongodb');
    expect(values(d, '__proto__.x')).toEqual([1, 2]);
    expect(values(d, 'constructor')).toEqual(['c1', 'c2']);
    expect(values(d, 'toString')).toEqual(['2024-03-02T10:00:01Z', '2024-03-02T10:00:02Z']);
    expect(hasField(d, 'x')).toBe(false);
    onlyOwn(d, ['constructor', 'toString']);
  });

  eachRead('MongoDB, a JSON array of documents', [['p.json', `[${mongoDoc(1)},\n${mongoDoc(2)}]\n`]], (d) => {
    expect(d.files[0].format).toBe('mongodb');
    expect(values(d, '__proto__.x')).toEqual([1, 2]);
    expect(values(d, 'constructor')).toEqual(['c1', 'c2']);
    expect(d.raw[0]).toContain('"__proto__":{"x":{"$numberInt":"1"}}');
    onlyOwn(d, ['constructor', 'toString']);
  });

  eachRead('RFC 5424 syslog: structured data named like Object.prototype', [['p.log', '<165>1 2024-03-02T10:00:00Z web-1 app 42 ID47 [x __proto__="a" constructor="b"] hello\n']], (d) => {
    expect(values(d, 'x.__proto__')).toEqual(['a']);
    expect(values(d, 'x.constructor')).toEqual(['b']);
    onlyOwn(d, []);
  }, 'syslog');

  it('database documents (law watch\'s MongoDB and SQL sources): own keys, __proto__ included', () => {
    const docs = [JSON.parse('{"__proto__":"p","constructor":"c","message":"one","n":{"__proto__":{"y":1}}}'), { message: 'two', toString: 't' }];
    const d = documentsToLogData('coll', docs);
    expect(values(d, '__proto__')).toEqual(['p', null]);
    expect(values(d, 'constructor')).toEqual(['c', null]);
    expect(values(d, 'toString')).toEqual([null, 't']);
    expect(values(d, 'n.__proto__.y')).toEqual([1, NaN]);
    onlyOwn(d, ['__proto__', 'constructor', 'toString']);
  });
});

describe('the parts readers are built of', () => {
  it('flatten, unwrapExtendedJson and parseLogfmt give own keys and nothing inherited', () => {
    const f = flatten(JSON.parse('{"__proto__":{"a":1},"constructor":2}'));
    expect(Object.keys(f)).toEqual(['__proto__.a', 'constructor']);
    const u = unwrapExtendedJson(JSON.parse('{"__proto__":{"$oid":"abc"},"k":[{"__proto__":1}]}')) as Record<string, unknown>;
    expect(Object.keys(u)).toEqual(['__proto__', 'k']);
    expect(Object.hasOwn(u, '__proto__') && u.__proto__).toBe('abc');
    expect(Object.keys((u.k as Record<string, unknown>[])[0])).toEqual(['__proto__']);
    const p = parseLogfmt('__proto__=a toString=b').pairs;
    expect(Object.keys(p)).toEqual(['__proto__', 'toString']);
    expect(p.constructor).toBeUndefined();
  });

  it('key=value pairs: __proto__ and constructor are pairs; an absent key is undefined', () => {
    const kv = keyValues('__proto__=1 constructor=x toString="a b"');
    expect(Object.keys(kv)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(kv.toString).toBe('a b');
    expect(keyValues('a=1').constructor).toBeUndefined();
    expect(keyValues('no pairs').valueOf).toBeUndefined();
  });

  it('parsed numbers: a key=value number named __proto__ is a number; inherited names are not', async () => {
    const d = await read([['p.log', 'x __proto__=5 valueOf=2\ny __proto__=7 valueOf=3\n']], 1 << 16);
    const parsed = parseLines(d);
    expect(Object.keys(parsed.numbers).sort()).toEqual(['__proto__', 'valueOf']);
    expect(Array.from(parsed.numbers.__proto__)).toEqual([5, 7]);
    expect(Object.hasOwn(parsed.numbers, 'constructor')).toBe(false);
  });

  it('a label file with a column named __proto__', () => {
    const rows = parseLabelFile('__proto__,constructor\nblk_1,Anomaly\nblk_2,Normal\n', 'labels.csv');
    expect(rows.map((r) => Object.keys(r))).toEqual([['__proto__', 'constructor'], ['__proto__', 'constructor']]);
    expect(rows.map((r) => r.__proto__)).toEqual(['blk_1', 'blk_2']);
  });

  it('selecting, concatenating and un-labelling rows keeps a __proto__ field', async () => {
    const d = await read([['p.jsonl', '{"__proto__":"a","label":"n","message":"m1"}\n{"__proto__":"b","label":"x","message":"m2"}\n']], 1 << 16);
    expect(values(selectLogRows(d, [1]), '__proto__')).toEqual(['b']);
    expect(values(concatLogData([selectLogRows(d, [0]), selectLogRows(d, [1])]), '__proto__')).toEqual(['a', 'b']);
    const { data, labels } = applyLabels(d, { column: 'label', normal: ['n'] });
    expect(Object.keys(data.fields)).toEqual(['__proto__', 'message']);
    expect(Array.from(labels!)).toEqual([0, 1]);
    // A field named `constructor` is not there, so it is no label column.
    expect(() => applyLabels(d, { column: 'constructor', normal: ['n'] })).toThrow('labels.column: no field "constructor" in p.jsonl (fields: __proto__, label, message)');
    // A structured clone (a worker's answer) has Object.prototype again: still own keys only.
    const cloned = structuredClone(d);
    expect(values(cloned, '__proto__')).toEqual(['a', 'b']);
    expect(fieldColumn(cloned, 'constructor')).toBeUndefined();
  });

  it('the Arquero table keeps a __proto__ field, prefixed as Arquero cannot name a column so', async () => {
    const d = await read([['p.jsonl', '{"__proto__":"a","constructor":"c","message":"m1"}\n']], 1 << 16);
    const t = toTable(d);
    expect(t.columnNames()).toEqual(['file', 'line', 'raw', 'timestamp', 'field.__proto__', 'constructor', 'message']);
    expect(t.objects()[0]).toMatchObject({ 'field.__proto__': 'a', constructor: 'c', message: 'm1' });
  });
});
