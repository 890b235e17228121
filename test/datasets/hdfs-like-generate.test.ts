import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ANOMALY_KINDS,
  ANOMALY_SHARE,
  BLOCK_ID_RE,
  HDFS_LINE_RE,
  generateHdfsLike,
  generateHdfsLikeDataset,
} from '../../datasets/hdfs-like/generate.ts';
import { readLogs, sourceFromText } from '../../app/core/ingest/read-logs.ts';
import { parseLabelFile } from '../../app/core/ingest/label-file.ts';

const dir = new URL('../../datasets/hdfs-like/', import.meta.url);
const committedLog = fileURLToPath(new URL('hdfs-like.log', dir));
const committedLabels = fileURLToPath(new URL('anomaly_label.csv', dir));

function linesOf(text: string): string[] {
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

/** Lines per block id, in log order. */
function sessions(lines: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const l of lines) {
    for (const id of new Set(l.match(BLOCK_ID_RE) ?? [])) {
      if (!out.has(id)) out.set(id, []);
      out.get(id)!.push(l);
    }
  }
  return out;
}

const countOf = (ls: string[], re: RegExp) => ls.filter((l) => re.test(l)).length;

describe('generateHdfsLikeDataset', () => {
  const ds = generateHdfsLikeDataset({ count: 450, seed: 42 });
  const lines = linesOf(ds.log);
  const bySession = sessions(lines);

  it('reproduces the committed hdfs-like.log and anomaly_label.csv byte for byte', () => {
    expect(ds.log === readFileSync(committedLog, 'utf8')).toBe(true);
    expect(ds.labels === readFileSync(committedLabels, 'utf8')).toBe(true);
    expect(generateHdfsLike({ count: 450, seed: 42 }) === ds.log).toBe(true);
  });

  it('gives the same text for the same seed and a different one for another seed', () => {
    expect(generateHdfsLike({ count: 100, seed: 7 })).toBe(generateHdfsLike({ count: 100, seed: 7 }));
    expect(generateHdfsLike({ count: 100, seed: 8 })).not.toBe(generateHdfsLike({ count: 100, seed: 7 }));
  });

  it('has LF line endings and one session per block', () => {
    expect(ds.log.includes('\r')).toBe(false);
    expect(bySession.size).toBe(450);
    expect(generateHdfsLike({ count: 0, seed: 1 })).toBe('');
    expect(generateHdfsLikeDataset({ count: 0, seed: 1 }).labels).toBe('BlockId,Label\n');
  });

  it('writes every line in the documented format, in time order, each naming one block', () => {
    let prev = '';
    for (const l of lines) {
      const m = HDFS_LINE_RE.exec(l);
      expect(m, l).not.toBeNull();
      // As in the real log, the DataXceiver error line after a failed receive names no block.
      const blocks = new Set(l.match(BLOCK_ID_RE)).size;
      if (/ ERROR dfs\.DataNode\$DataXceiver: [\d.]+:50010:DataXceiver: java\./.test(l)) expect(blocks, l).toBe(0);
      else expect(blocks, l).toBe(1);
      const stamp = `${m![1]} ${m![2]}`;
      expect(stamp >= prev).toBe(true);
      prev = stamp;
    }
    expect(lines[0].startsWith('081109 2035')).toBe(true);
  });

  it('labels exactly 4 % of the blocks anomalous, the kinds in turn, in a Loghub-style label file', () => {
    const rows = parseLabelFile(ds.labels, 'anomaly_label.csv');
    expect(Object.keys(rows[0])).toEqual(['BlockId', 'Label']);
    expect(rows.map((r) => r.BlockId)).toEqual([...bySession.keys()]); // order of first appearance
    const anomalous = rows.filter((r) => r.Label === 'Anomaly');
    expect(anomalous).toHaveLength(Math.round(450 * ANOMALY_SHARE));
    expect(rows.every((r) => r.Label === 'Normal' || r.Label === 'Anomaly')).toBe(true);
    for (const kind of ANOMALY_KINDS) expect(ds.blocks.filter((b) => b.kind === kind).length).toBeGreaterThanOrEqual(4);
    rows.forEach((r, i) => expect(r.Label === 'Anomaly').toBe(ds.blocks[i].kind !== 'normal'));
  });

  it('gives normal blocks the full lifecycle and breaks it in anomalous ones', () => {
    for (const b of ds.blocks) {
      const s = bySession.get(b.id)!;
      expect(s[0]).toMatch(/NameSystem\.allocateBlock: /);
      expect(countOf(s, /NameSystem\.allocateBlock/)).toBe(1);
      expect(countOf(s, /: Receiving block /)).toBe(3);
      const terminating = countOf(s, /PacketResponder \d for block \S+ terminating/);
      const received = countOf(s, /PacketResponder: Received block \S+ of size \d+ from/);
      const stored = countOf(s, /addStoredBlock: blockMap updated/);
      const problems = countOf(s, /Exception|Redundant addStoredBlock|Unexpected error|ask \S+ to replicate/);
      const invalid = countOf(s, /is added to invalidSet/);
      switch (b.kind) {
        case 'normal':
          expect([terminating, received, stored, problems]).toEqual([3, 3, 3, 0]);
          expect([0, 3]).toContain(invalid);
          expect(countOf(s, /Deleting block/)).toBe(invalid);
          break;
        case 'receive_exception':
          expect(countOf(s, /Exception in receiveBlock/)).toBe(1);
          expect([terminating, received]).toEqual([2, 2]);
          break;
        case 'missing_replica':
          expect([terminating, received, stored, problems]).toEqual([2, 2, 2, 0]);
          break;
        case 'redundant_add':
          expect([terminating, received, stored]).toEqual([3, 3, 3]);
          expect(countOf(s, /Redundant addStoredBlock/)).toBeGreaterThanOrEqual(1);
          break;
        case 'delete_error':
          expect(invalid).toBe(3);
          expect(countOf(s, /Unexpected error trying to delete block/)).toBe(1);
          expect(countOf(s, /Deleting block/)).toBe(2);
          break;
      }
    }
  });

  it('is read by the workbench as text with HDFS timestamps', async () => {
    const data = await readLogs([sourceFromText('hdfs-like.log', readFileSync(committedLog, 'utf8'))]);
    expect(data.files[0].format).toBe('text');
    expect(data.files[0].rows).toBe(lines.length);
    expect(Array.from(data.timestamp).some(Number.isNaN)).toBe(false);
    expect(data.timestamp[0]).toBe(Date.parse('2008-11-09T20:35:18Z'));
  });

  it('rejects bad options', () => {
    expect(() => generateHdfsLike({ count: -1, seed: 1 })).toThrow(/count/);
    expect(() => generateHdfsLike({ count: 10, seed: 1, start: 'soon' })).toThrow(/start/);
  });
});
