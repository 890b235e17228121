// law watch workers on NATS JetStream, against a real nats-server -js: two
// workers share one durable pull consumer on a stream of webapp log lines;
// one is killed with SIGKILL in the middle and started again. Every line is
// scored, as law score scores it; the output stream (the nats sink) holds
// each line's unit once, redeliveries dropped by message id; both workers
// took part.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsMsg } from 'nats';
import { law, tempFolder } from './cli-helpers.ts';
import { ROOT, startWatch, until } from './watch-helpers.ts';
import { NATS_SERVER, startNats, type NatsServer } from '../servers/nats.ts';
import { generateWebappLog } from '../../datasets/webapp/generate.ts';

const { dir, write } = tempFolder();
const have = existsSync(NATS_SERVER);
if (!have) console.log(`SKIPPED law watch on NATS: ${NATS_SERVER} is not installed (apt-get install nats-server; npm test installs it as root)`);

let nats: NatsServer;
let fitted: Record<string, unknown>;
beforeAll(async () => {
  if (!have) return;
  nats = await startNats();
  const jsm = await nats.nc.jetstreamManager();
  await jsm.streams.add({ name: 'LOGS', subjects: ['logs.>'] });
  // The output: a stream capturing the sink's subjects, with a duplicate window longer than the source's ack wait.
  await jsm.streams.add({ name: 'UNITS', subjects: ['law.out.units'], duplicate_window: 120 * 1e9 });
  await jsm.streams.add({ name: 'ALERTS', subjects: ['law.out.alerts'], duplicate_window: 120 * 1e9 });
  const out = join(dir, 'fitted.json');
  const r = await law('fit', join(ROOT, 'experiments/webapp-isolation-forest.json'), '--out', out);
  expect(r.code, r.err.join('\n')).toBe(0);
  fitted = JSON.parse(readFileSync(out, 'utf8'));
}, 120_000);
afterAll(async () => {
  await nats?.stop();
}, 30_000);

/**
 * A worker's spec: the one fitted model, the shared consumer, the nats sink,
 * and a state folder and jsonl file of its own; with `stdout`, also every
 * unit to standard output, which blocks the worker once the pipe is full and
 * nobody reads it — after the nats sink has its batch, before the ack.
 */
function workerSpec(name: string, stdout = false): string {
  return write(`${name}.json`, {
    ...fitted,
    deploy: {
      source: { kind: 'nats', url: nats.url, stream: 'LOGS', subject: 'logs.>', durable: 'scorers', batch: 200, ackWait: '2s' },
      sinks: [{ kind: 'nats', subject: 'law.out' }, { kind: 'jsonl', path: join(dir, `${name}.jsonl`), all: true }, ...(stdout ? [{ kind: 'jsonl', path: '-', all: true }] : [])],
      state: join(dir, `${name}-state`),
    },
  });
}

/** Every message of a stream, in order (an ordered consumer from the start). */
async function allMessages(stream: string): Promise<JsMsg[]> {
  const js = nats.nc.jetstream();
  const want = await stored(stream);
  const c = await js.consumers.get(stream);
  const out: JsMsg[] = [];
  while (out.length < want) {
    const batch = await c.fetch({ max_messages: 1000, expires: 1000 });
    let got = 0;
    for await (const m of batch) (out.push(m), got++);
    if (got === 0) break;
  }
  return out;
}

const stored = async (stream: string) => (await (await nats.nc.jetstreamManager()).streams.info(stream)).state.messages;
const unitsStored = () => stored('UNITS');

describe.runIf(have)('law watch workers on one JetStream durable consumer', () => {
  it('scores every line once across two workers, one killed with SIGKILL and restarted, as law score does', async () => {
    const lines = generateWebappLog({ lines: 10_000, seed: 11 }).split('\n').filter(Boolean);
    const js = nats.nc.jetstream();
    // Lines keep coming while a worker is killed and started again (50 every 20 ms), as from a busy producer.
    let published = 0;
    const producing = (async () => {
      while (published < lines.length) {
        for (const l of lines.slice(published, published + 50)) await js.publish('logs.web', l);
        published = Math.min(lines.length, published + 50);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const a = workerSpec('a', true);
    const b = workerSpec('b');
    // Worker a's standard output is not read: it stalls mid-batch, its units published but not acknowledged.
    let first = startWatch(a, dir);
    const second = startWatch(b, dir);
    // Mid-stream: some units are out, and lines are still being published.
    await until('a part of the stream scored', async () => (await unitsStored()) >= 400, 60_000);
    // Stalled: this side's buffer of its pipe is full, and its jsonl file has stopped growing.
    await until('worker a filled its pipe', () => first.child.stdout!.readableLength >= first.child.stdout!.readableHighWaterMark, 60_000);
    const size = () => readFileSync(join(dir, 'a.jsonl'), 'utf8').length;
    for (let last = -1; last !== size(); ) {
      last = size();
      await new Promise((r) => setTimeout(r, 700));
    }
    process.kill(first.child.pid!, 'SIGKILL');
    const publishedAtKill = published;
    expect(await first.exited).toBeNull();
    expect(publishedAtKill).toBeLessThan(lines.length);
    await until('more lines published while it was down', () => published >= Math.min(lines.length, publishedAtKill + 500), 60_000);
    first = startWatch(a, dir);
    first.child.stdout!.resume();
    await producing;
    await until('every line scored', async () => (await unitsStored()) >= lines.length, 90_000);

    const units = (await allMessages('UNITS')).map((m) => JSON.parse(new TextDecoder().decode(m.data)) as { line: number; score: number; anomaly: boolean });
    const seqs = units.map((u) => u.line).sort((x, y) => x - y);
    // The flagged units' alerts went to their own subject, once each too.
    const alerts = (await allMessages('ALERTS')).map((m) => JSON.parse(new TextDecoder().decode(m.data)) as { kind: string; line: number });
    const flaggedLines = units.filter((u) => u.anomaly).map((u) => u.line).sort((x, y) => x - y);
    expect(flaggedLines.length).toBeGreaterThan(0);
    expect(alerts.filter((a) => a.kind === 'anomaly').map((a) => a.line).sort((x, y) => x - y)).toEqual(flaggedLines);
    // Each line's unit once: the stream sequences 1 … 10,000, none twice.
    expect(seqs).toEqual(Array.from({ length: lines.length }, (_, i) => i + 1));

    const consumer = await (await nats.nc.jetstreamManager()).consumers.info('LOGS', 'scorers');
    const jsonlLines = ['a', 'b'].map((n) => readFileSync(join(dir, `${n}.jsonl`), 'utf8').split('\n').filter(Boolean).length);
    process.kill(first.child.pid!, 'SIGTERM');
    process.kill(second.child.pid!, 'SIGTERM');
    expect(await first.exited).toBe(0);
    expect(await second.exited).toBe(0);
    // Worker a was killed holding messages already in the output stream: they came again, and the stream kept them once.
    const again = [first, second].map((w) => Number(/"msg":"nats:law\.out: (\d+) messages were in the stream already/.exec(w.log())?.[1] ?? 0));
    expect(again[0] + again[1]).toBeGreaterThan(0);
    console.log(`law watch on NATS: ${lines.length} lines, killed at ${publishedAtKill} published; ${again[0] + again[1]} units scored again after a redelivery and dropped by the output stream; ${consumer.num_pending} pending; jsonl lines a ${jsonlLines[0]}, b ${jsonlLines[1]}; the output stream holds ${seqs.length}, each once`);
    // Both workers scored (each keeps its own jsonl of what it scored).
    const scoredBy = (name: string) => readFileSync(join(dir, `${name}.jsonl`), 'utf8').split('\n').filter(Boolean).length;
    expect(scoredBy('a')).toBeGreaterThan(0);
    expect(scoredBy('b')).toBeGreaterThan(0);

    // The same scores law score gives the same lines, in publish order (stream sequence i is line i).
    const file = write('published.log', lines.join('\n') + '\n');
    const expected = (await law('score', '--config', join(dir, 'fitted.json'), file)).out.filter(Boolean).map((l) => JSON.parse(l) as { score: number; anomaly: boolean });
    expect(expected).toHaveLength(lines.length);
    const bySeq = new Map(units.map((u) => [u.line, u]));
    for (let i = 0; i < lines.length; i++) {
      expect(bySeq.get(i + 1)!.score, `line ${i + 1}`).toBeCloseTo(expected[i].score, 12);
      expect(bySeq.get(i + 1)!.anomaly).toBe(expected[i].anomaly);
    }

  }, 240_000);
});
