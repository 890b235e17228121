import { describe, it, expect } from 'vitest';
import { availableLineColumns, defaultLineColumns, lineFeatures } from '../../../app/core/features/line-features.ts';
import { parseLines } from '../../../app/core/parse/line-fields.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import type { Matrix } from '../../../app/core/matrix.ts';

const parsedOf = async (text: string) => parseLines(await readLogs([sourceFromText('f.log', text)]));
const rowsOf = (m: Matrix) => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));

const FIXTURE = [
  'INFO GET /a status=200 latency_ms=35',
  'WARN GET /a status=500',
  'boot done',
  'INFO GET /a status=200 latency_ms=12',
].join('\n');

describe('lineFeatures', () => {
  it('builds one row per line, filling a missing level with 2 (INFO) and everything else with 0', async () => {
    const p = await parsedOf(FIXTURE);
    const m = lineFeatures(p, ['level', 'status', 'latency', 'length', 'tokens', 'template']);
    expect([m.rows, m.cols, m.names]).toEqual([4, 6, ['level', 'status', 'latency', 'length', 'tokens', 'template']]);
    expect(rowsOf(m)).toEqual([
      [2, 200, 35, 36, 5, 0.5],
      [3, 500, 0, 22, 4, 0.25],
      [2, 0, 0, 9, 2, 0.25],
      [2, 200, 12, 36, 5, 0.5],
    ]);
  });

  it('keeps the column order asked for', async () => {
    const p = await parsedOf(FIXTURE);
    expect(rowsOf(lineFeatures(p, ['template', 'level']))).toEqual([[0.5, 2], [0.25, 3], [0.25, 2], [0.5, 2]]);
  });

  it('adds a numeric key=value field, 0 where a line lacks it', async () => {
    const p = await parsedOf('a bytes=10\nb bytes=20\nc\n');
    expect(rowsOf(lineFeatures(p, ['field:bytes']))).toEqual([[10], [20], [0]]);
  });

  it('gives a template the training data never had share 0', async () => {
    const p = await parsedOf('user 1 in\nuser 2 in\ndisk 3 gone\n');
    expect(p.templates[p.templateId[0]]).toBe('user <*> in');
    // Shares learned on training data, by template id: only "user <*> in" was seen there.
    expect(rowsOf(lineFeatures(p, ['template'], { [p.templateId[0]]: 0.9 }))).toEqual([[0.9], [0.9], [0]]);
  });

  it('names an unknown column and the known ones', async () => {
    const p = await parsedOf(FIXTURE);
    expect(() => lineFeatures(p, ['severity'])).toThrow(
      'features.columns: unknown line column "severity" (known: level, status, latency, length, tokens, template, variable-range, field:NAME)',
    );
    expect(() => lineFeatures(p, ['field:bytes'])).toThrow(
      'features.columns: no numeric field or key=value number "bytes" in the data (numeric: status, latency_ms)',
    );
  });
});

describe('defaultLineColumns and availableLineColumns', () => {
  // bytes in 2 of 4 lines (50 %), items in 1 of 4 (25 %); status, latency_ms and ts feed other columns.
  const text = [
    'a status=200 latency_ms=3 bytes=10 ts=5',
    'b status=200 bytes=20 items=2',
    'c status=404',
    'd',
  ].join('\n');

  it('default: the parsed columns plus numbers present in at least half the lines', async () => {
    expect(defaultLineColumns(await parsedOf(text))).toEqual(['level', 'status', 'latency', 'length', 'tokens', 'template', 'field:bytes']);
  });

  it('available: also variable-range (never a default) and the numbers present in at least 1 % of the lines, sorted', async () => {
    expect(availableLineColumns(await parsedOf(text))).toEqual([
      'level', 'status', 'latency', 'length', 'tokens', 'template', 'variable-range', 'field:bytes', 'field:items',
    ]);
  });

  it('does not offer a number present in less than 1 % of the lines', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => (i === 0 ? 'x rare=1' : `x n=${i}`));
    const p = await parsedOf(lines.join('\n'));
    expect(availableLineColumns(p)).toEqual(['level', 'status', 'latency', 'length', 'tokens', 'template', 'variable-range', 'field:n']);
    const lines2 = lines.map((l, i) => (i === 1 ? 'x rare=2' : l));
    expect(availableLineColumns(await parsedOf(lines2.join('\n')))).toContain('field:rare');
  });
});
