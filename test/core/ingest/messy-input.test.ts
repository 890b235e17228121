/**
 * Input as it comes from users: formats mixed in one file, broken lines,
 * enormous lines, binary files. Each is either read with warnings that name
 * the lines, or refused with an error that names the file.
 */
import { describe, it, expect } from 'vitest';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import { eachChunkSize, eachChunkSizeFails } from './chunked.ts';

describe('messy input', () => {
  const half = ['{"msg":"a"}', 'plain one', '{"msg":"b"}', 'plain two', '{"msg":"c"}', 'plain three'].join('\n');
  eachChunkSize('half JSON lines, half text: read as text, each JSON line reported by number', [['mixed.log', half]], (d) => {
    expect(d.files[0]).toMatchObject({
      format: 'text',
      reason: 'a mix: 3 of the first 6 lines are JSON objects, too few for JSON lines (90%), so all are read as text',
    });
    expect(d.raw).toHaveLength(6);
    expect(d.warnings).toEqual([{
      code: 'mixed-json',
      message: 'mixed.log, line 1: a JSON object in a file read as text (too few lines are JSON for JSON lines); kept as a text line — choose the format jsonl to read its fields and skip the other lines',
      count: 3,
      lines: [1, 3, 5],
    }]);
  });

  eachChunkSize('the same file read as jsonl: the text lines are skipped, each reported by number', [['mixed.log', half]], (d) => {
    expect(d.message).toEqual(['a', 'b', 'c']);
    expect(d.warnings.map((w) => [w.code, w.count, w.lines])).toEqual([['jsonl-not-json', 3, [2, 4, 6]]]);
  }, { format: 'jsonl' });

  const mostlyJson = [...Array.from({ length: 19 }, (_, i) => `{"msg":"m${i}"}`), '2026-03-02 stack trace line'];
  mostlyJson.splice(10, 0, 'another text line');
  eachChunkSize('mostly JSON lines: read as jsonl, the others skipped and reported by number', [['app.jsonl', mostlyJson.join('\n')]], (d) => {
    expect(d.files[0].format).toBe('jsonl');
    expect(d.message).toHaveLength(19);
    expect(d.warnings.map((w) => [w.code, w.count, w.lines])).toEqual([['jsonl-not-json', 2, [11, 21]]]);
  });

  eachChunkSize('syslog with a foreign line: kept as text, reported by number', [['s.log', 'Mar  2 10:15:23 h a: x\nMar  2 10:15:24 h a: y\n{"msg":"z"}\nMar  2 10:15:25 h a: w\nMar  2 10:15:26 h a: v\n']], (d) => {
    expect(d.files[0].format).toBe('syslog');
    expect(d.message).toEqual(['x', 'y', '{"msg":"z"}', 'w', 'v']);
    expect(d.warnings.map((w) => [w.code, w.lines])).toEqual([['syslog-no-header', [3]]]);
  });

  eachChunkSize('a JSON line that is not JSON is skipped with a warning naming its line', [['j.jsonl', '{"msg":"a"}\n{"msg": "b",}\n{"msg":"c"}\n']], (d) => {
    expect(d.message).toEqual(['a', 'c']);
    expect(d.warnings[0]).toMatchObject({ code: 'jsonl-not-json', lines: [2] });
    expect(d.warnings[0].message).toMatch(/^j\.jsonl, line 2: not valid JSON/);
  }, { format: 'jsonl' });

  eachChunkSizeFails('an unterminated CSV quote fails at the line where it opened', [['q.csv', 'a,b\n1,2\n3,"open\n4,5\n']], (e) => {
    expect([e.file, e.line]).toEqual(['q.csv', 3]);
  }, { format: 'csv' });

  eachChunkSizeFails('an unterminated quote in a Loghub structured CSV too', [['s.csv', 'LineId,Content\n1,ok\n2,"open\n']], (e) => {
    expect(e.message).toBe('s.csv, line 3: a quoted field opened here is never closed (unterminated quote)');
  });

  it('a 50 MB line is truncated to maxLineLength, with a warning naming it', async () => {
    const line = 'y'.repeat(50 * 1024 * 1024);
    const d = await readLogs([sourceFromText('huge.log', `before\n${line}\nafter\n`)]);
    expect(d.raw.map((r) => r.length)).toEqual([6, 1 << 20, 5]);
    expect(d.warnings).toEqual([{ code: 'long-line', message: 'huge.log, line 2: 50.0 MiB long; kept its first 1.0 MiB', count: 1, lines: [2] }]);
  });

  eachChunkSizeFails('a file of NUL bytes is refused as binary', [['zeros.bin', new Uint8Array(4096)]], (e) => {
    expect(e.file).toBe('zeros.bin');
    expect(e.message).toBe('zeros.bin: this looks like a binary file, not a text log (4096 NUL and 0 other control bytes in the first 4096 bytes)');
  });

  eachChunkSizeFails('a Loki response cut short fails, naming the file', [['cut.json', '{"status":"success","data":{"resultType":"streams","result":[{"stream":{},"values":[["1","a"]']], (e) => {
    expect(e.message).toMatch(/^cut\.json, line 1: not valid JSON, so not a Loki response/);
  });
});
