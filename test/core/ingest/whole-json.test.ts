import { describe, it, expect } from 'vitest';
import { lineAt, parseJsonDocument, valueLines } from '../../../app/core/ingest/whole-json.ts';
import { IngestError } from '../../../app/core/ingest/ingest-error.ts';

describe('valueLines', () => {
  it('finds the line of each value at a path, strings with brackets and escapes skipped', () => {
    const text = '{\n "a": "[{\\"x\\"",\n "hits": {\n  "hits": [\n   {"_id": 1},\n   {"_id": "}]"}, 7,\n   null\n  ]\n }\n}';
    expect(valueLines(text, ['hits', 'hits', '*'])).toEqual([5, 6, 6, 7]);
    expect(valueLines(text, ['a'])).toEqual([2]);
    expect(valueLines('[1,[2,3],{"k":[4]}]', ['*'])).toEqual([1, 1, 1]);
    expect(valueLines('{"x":{"y":1}}', ['y'])).toEqual([]);
  });
});

describe('parseJsonDocument', () => {
  it('names the line where the engine reports a position', () => {
    const e = (() => {
      try {
        parseJsonDocument('{\n"a": 1,\n"b": 2\n"c": 3}', 'r.json', 'a response');
      } catch (x) {
        return x as IngestError;
      }
    })()!;
    expect(e).toBeInstanceOf(IngestError);
    expect([e.file, e.line]).toEqual(['r.json', 4]);
    expect(e.message).toMatch(/^r\.json, line 4: not valid JSON, so not a response \(/);
  });

  it('names the last line of a document that ends early', () => {
    expect(() => parseJsonDocument('{\n"a": [1,\n', 'r.json', 'x')).toThrow(/^r\.json, line 3: /);
  });

  it('lineAt counts newlines before an offset', () => {
    expect([lineAt('a\nb\nc', 0), lineAt('a\nb\nc', 2), lineAt('a\nb\nc', 5)]).toEqual([1, 2, 3]);
  });
});
