// `law parse`: templates per line as JSON lines, or the template table.
import { describe, expect, it } from 'vitest';
import { generateWebappLog } from '../../datasets/webapp/generate.ts';
import { readLogs, sourceFromText } from '../../app/core/ingest/read-logs.ts';
import { parseLines } from '../../app/core/parse/line-fields.ts';
import { law, tempFolder } from './cli-helpers.ts';

const { write } = tempFolder();
const LOG = [
  '081109 203615 148 INFO dfs.DataNode$PacketResponder: Received block blk_-1608999687919862906 of size 91178 from /10.250.10.6',
  '081109 203615 149 INFO dfs.DataNode$PacketResponder: Received block blk_7503483334202473044 of size 233217 from /10.250.19.102',
  '081109 203616 150 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating',
  '081109 203617 151 INFO dfs.DataNode$PacketResponder: Received block blk_-3544583377289625738 of size 67108864 from /10.251.71.16',
].join('\n');

describe('law parse', () => {
  it('prints one JSON line per input line, with the final template of its group', async () => {
    const r = await law('parse', write('hdfs.log', LOG));
    expect(r.code).toBe(0);
    const rows = r.out.map((l) => JSON.parse(l));
    expect(rows.map((x) => x.line)).toEqual([1, 2, 3, 4]);
    expect(rows[0].templateId).toBe(rows[1].templateId);
    expect(rows[0].templateId).toBe(rows[3].templateId);
    expect(rows[2].templateId).not.toBe(rows[0].templateId);
    expect(rows[0].template).toContain('Received block <*> of size <*> from <*>');
  });

  it('--output templates prints the table, most frequent first', async () => {
    const r = await law('parse', write('hdfs2.log', LOG), '--output', 'templates');
    expect(r.out[0]).toMatch(/^\s*count\s+id\s+template$/);
    expect(r.out).toHaveLength(3);
    expect(r.out[1]).toMatch(/^\s+3\s+\d+\s+.*Received block <\*> of size <\*> from <\*>$/);
    expect(r.out[2]).toMatch(/^\s+1\s+\d+\s+.*PacketResponder <\*> for block <\*> terminating$/);
  });

  it('bad options: exit 2 with one line naming them', async () => {
    expect((await law('parse', write('x.log', LOG), '--output', 'xml')).err).toEqual(['law parse: --output: "xml" is not jsonl or templates']);
    const bad = await law('parse', write('y.log', LOG), '--similarity', '7');
    expect(bad.code).toBe(2);
    expect(bad.err[0]).toMatch(/^law parse: .*similarity/);
  });
});

describe('law parse: merged templates have one id (the page\'s parseLines)', () => {
  // Forty names: the miner starts a template per name at first, then merges
  // them once enough differ only there. The raw ids gave five rows and four ids.
  const NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'kim', 'leo', 'mallory', 'nina',
    'oscar', 'peggy', 'quinn', 'rupert', 'sybil', 'trent', 'ursula', 'victor', 'walter', 'xena', 'yves', 'zoe', 'adam', 'beth', 'carl',
    'dora', 'eve', 'fred', 'gina', 'hank', 'iris', 'jack', 'kate', 'liam', 'mona', 'ned'];
  const USERS = NAMES.map((n) => `user ${n} logged in from console`).join('\n') + '\n';

  it('jsonl: all 40 lines carry one id and one template', async () => {
    const r = await law('parse', write('users.log', USERS));
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    const rows = r.out.map((l) => JSON.parse(l));
    expect(rows.map((x) => x.line)).toEqual(NAMES.map((_, i) => i + 1));
    expect(new Set(rows.map((x) => x.templateId))).toEqual(new Set([rows[0].templateId]));
    expect(new Set(rows.map((x) => x.template))).toEqual(new Set(['user <*> logged in from console']));
  });

  it('templates: one row, counted 40, with the id the jsonl lines carry', async () => {
    const path = write('users2.log', USERS);
    const id = JSON.parse((await law('parse', path)).out[0]).templateId;
    const r = await law('parse', path, '--output', 'templates');
    expect(r.code).toBe(0);
    expect(r.out).toEqual([`count     id  template`, `   40  ${String(id).padStart(5)}  user <*> logged in from console`]);
  });
});

describe('law parse mines as it reads, and prints what the page parses', () => {
  it('a 3 MB file (several read chunks): every line as parseLines of the file read whole gives it, byte for byte', async () => {
    const text = generateWebappLog({ lines: 20_000, seed: 5 });
    const path = write('webapp-20k.log', text);
    const r = await law('parse', path);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    const data = await readLogs([sourceFromText('webapp-20k.log', text)]);
    const parsed = parseLines(data);
    const expected = Array.from(parsed.templateId, (id, i) => JSON.stringify({ line: data.line[i], templateId: id, template: parsed.templates[id] }));
    expect(r.out.length).toBe(20_000);
    expect(r.out).toEqual(expected);
    expect(new Set(parsed.templateId).size).toBeGreaterThan(10);
  });
});
