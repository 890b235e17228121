// Log text comes from attackers: no line may make reading or parsing slow.
// Every built-in reader, mask and field parser runs on crafted lines of 10^4,
// 10^5 and 10^6 characters, always 2·10^6 characters in all (200, 20 or 2
// lines). Linear work costs the same at every size; work quadratic in a
// line's length costs 100× more at 10^6 than at 10^4 (a line of 1 MiB of `<`
// took 8 s in the template miner). The test fails when time grows faster
// than linearly: a test of growth, not of absolute time.
import { describe, expect, it } from 'vitest';
import type { Format } from '../../../app/core/ingest/sniff-format.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import { parseLines } from '../../../app/core/parse/line-fields.ts';

const TOTAL = 2_000_000;
const SIZES = [10_000, 100_000, 1_000_000];
/** Largest allowed ratio of the time at 10^6 to the time at 10^4 (linear: 1; quadratic: 100). */
const MAX_GROWTH = 6;

/** Message bodies, each a unit repeated to the line's length: the shapes that made scanners rescan. */
const BODIES: Record<string, string> = {
  'angle brackets': '<',
  'placeholders': '<a',
  'angles and spaces': '< ',
  'open quotes': '"',
  'key="': 'a="',
  "key='": "a='",
  'key=': 'a=',
  'key=value,': ',a=1',
  'slashes': '/',
  'backslashes': '\\',
  'emails': 'a@',
  'dotted numbers': '1.',
  'dashes': '-',
  'digits': '1',
  'words': 'a ',
  'HTTP status': 'HTTP/1.1" ',
  'prose latency': 'in 1',
  'dates': 'Jan 1 ',
  'units': '1 KB ',
  'hex': 'deadbeef',
  'booleans': 'true ',
  'colons': ':',
  'braces': '{',
  'brackets': '[',
  'parens': '(a',
  'level words': 'ERROR ',
  'ips and ports': '10.0.0.1:80 ',
  'mixed': '<a="/x@y.z 1.2.3.4:80 ',
};

interface Reader {
  format: Format;
  header?: string;
  /** The line (or document) holding a body. */
  wrap: (body: string) => string;
  /** Documents hold every row in one text. */
  document?: (bodies: string[]) => string;
}

const csvQuote = (s: string) => `"${s.replaceAll('"', '""')}"`;
const READERS: Record<string, Reader> = {
  text: { format: 'text', wrap: (b) => b },
  jsonl: { format: 'jsonl', wrap: (b) => JSON.stringify({ level: 'info', message: b, status: 200, latency_ms: b.slice(0, 1000) }) },
  csv: { format: 'csv', header: 'message,n', wrap: (b) => `${csvQuote(b)},1` },
  tsv: { format: 'tsv', header: 'message\tn', wrap: (b) => `${b.replaceAll('\t', ' ')}\t1` },
  logfmt: { format: 'logfmt', wrap: (b) => `level=info msg=${JSON.stringify(b)} status=200` },
  syslog: { format: 'syslog', wrap: (b) => `<134>Mar  2 10:15:23 host app[1]: ${b}` },
  clf: { format: 'clf', wrap: (b) => `1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET /${b.replaceAll('"', '%22')} HTTP/1.1" 200 12` },
  'loghub-structured': {
    format: 'loghub-structured',
    header: 'LineId,Date,Time,Pid,Level,Component,Content,EventId,EventTemplate',
    wrap: (b) => `1,081109,203615,148,INFO,dfs.DataNode,${csvQuote(b)},E1,x`,
  },
  'loghub-sessions': { format: 'loghub-sessions', header: 'BlockId,Label,EventTemplateSequence', wrap: (b) => `blk_1,Normal,${b} || ${b}` },
  mongodb: { format: 'mongodb', wrap: (b) => JSON.stringify({ _id: { $oid: '65f0c0ffee0000000000abcd' }, message: b, hostname: 'h', received_at: { $date: '2024-03-02T10:00:00Z' } }) },
  loki: {
    format: 'loki',
    wrap: (b) => b,
    document: (bodies) => JSON.stringify({
      status: 'success',
      data: { resultType: 'streams', result: [{ stream: { job: 'x' }, values: bodies.map((b, i) => [`${1.7e18 + i}`, b]) }] },
    }),
  },
  elasticsearch: {
    format: 'elasticsearch',
    wrap: (b) => b,
    document: (bodies) => JSON.stringify({ hits: { hits: bodies.map((b, i) => ({ _id: String(i), _source: { '@timestamp': '2024-03-02T10:00:00Z', message: b } })) } }),
  },
};

/** Bodies for the structure of each reader: every body for the readers of plain messages, fewer for the rest. */
const STRUCTURAL = ['open quotes', 'backslashes', 'braces', 'brackets', 'key=', 'colons', 'words', 'angle brackets'];
const bodiesFor = (reader: string) => (reader === 'text' || reader === 'jsonl' ? Object.keys(BODIES) : STRUCTURAL);

function fileText(reader: Reader, unit: string, length: number): string {
  const body = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  const bodies = Array.from({ length: TOTAL / length }, () => body);
  if (reader.document) return reader.document(bodies);
  const line = reader.wrap(body);
  return (reader.header ? reader.header + '\n' : '') + bodies.map(() => line).join('\n') + '\n';
}

/** Milliseconds to read and parse the text: the best of `runs`. */
async function readAndParse(reader: Reader, text: string, runs: number): Promise<number> {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const data = await readLogs([sourceFromText('crafted.log', text)], { format: reader.format, maxLineLength: 1 << 23 });
    parseLines(data);
    best = Math.min(best, performance.now() - t0);
    expect(data.line.length).toBeGreaterThan(0);
  }
  return best;
}

async function growth(reader: Reader, unit: string): Promise<{ ratio: number; ms: number[] }> {
  const texts = SIZES.map((n) => fileText(reader, unit, n));
  await readAndParse(reader, texts[0], 1); // warm the JIT
  const ms: number[] = [];
  for (const t of texts) ms.push(await readAndParse(reader, t, 2));
  // Below 1 ms per million characters timer noise dominates the ratio.
  return { ratio: ms[2] / Math.max(ms[0], 2), ms };
}

describe('reading and parsing time grows linearly with the length of a line', () => {
  for (const [name, reader] of Object.entries(READERS)) {
    it(`${name}: every crafted body at 10^4, 10^5 and 10^6 characters`, { timeout: 240_000 }, async () => {
      const slow: string[] = [];
      for (const body of bodiesFor(name)) {
        let g = await growth(reader, BODIES[body]);
        // A busy machine can slow one size: a case fails only if it grows too fast three times running.
        for (let retry = 0; retry < 2 && g.ratio > MAX_GROWTH; retry++) g = await growth(reader, BODIES[body]);
        if (process.env.LAW_GROWTH_DEBUG) console.log(name, body, g.ms.map((t) => t.toFixed(0)).join(" / "), g.ratio.toFixed(1));
        if (g.ratio > MAX_GROWTH) slow.push(`${body}: ${g.ms.map((t) => t.toFixed(0)).join(' / ')} ms (×${g.ratio.toFixed(1)})`);
      }
      expect(slow).toEqual([]);
    });
  }
});
