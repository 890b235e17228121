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

/** A worker's spec: the one fitted model, the shared consumer, the nats sink, and a state folder and jsonl file of its own. */
function workerSpec(name: string): string {
  return write(`${name}.json`, {
    ...fitted,
    deploy: {
      source: { kind: 'nats', url: nats.url, stream: 'LOGS', subject: 'logs.>', durable: 'scorers', batch: 200, ackWait: '2s' },
      sinks: [{ kind: 'nats', subject: 'law.out' }, { kind: 'jsonl', path: join(dir, `${name}.jsonl`), all: true }],
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
    const lines = generateWebappLog({ lines: 4000, seed: 11 }).split('\n').filter(Boolean);
    const js = nats.nc.jetstream();
    const publish = async (part: string[]) => {
      for (const l of part) await js.publish('logs.web', l);
    };
    await publish(lines.slice(0, 2000));
    const a = workerSpec('a');
    const b = workerSpec('b');
    let first = startWatch(a, dir);
    const second = startWatch(b, dir);
    // Mid-stream: some units are out, not all.
    await until('a part of the stream scored', async () => (await unitsStored()) >= 400, 60_000);
    process.kill(first.child.pid!, 'SIGKILL');
    expect(await first.exited).toBeNull();
    expect(await unitsStored()).toBeLessThan(2000);
    await publish(lines.slice(2000));
    first = startWatch(a, dir);
    await until('every line scored', async () => (await unitsStored()) >= lines.length, 90_000);

    const units = (await allMessages('UNITS')).map((m) => JSON.parse(new TextDecoder().decode(m.data)) as { line: number; score: number; anomaly: boolean });
    const seqs = units.map((u) => u.line).sort((x, y) => x - y);
    // The flagged units' alerts went to their own subject, once each too.
    const alerts = (await allMessages('ALERTS')).map((m) => JSON.parse(new TextDecoder().decode(m.data)) as { kind: string; line: number });
    const flaggedLines = units.filter((u) => u.anomaly).map((u) => u.line).sort((x, y) => x - y);
    expect(flaggedLines.length).toBeGreaterThan(0);
    expect(alerts.filter((a) => a.kind === 'anomaly').map((a) => a.line).sort((x, y) => x - y)).toEqual(flaggedLines);
    // Each line's unit once: the stream sequences 1 … 4000, none twice.
    expect(seqs).toEqual(Array.from({ length: lines.length }, (_, i) => i + 1));

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

    process.kill(first.child.pid!, 'SIGTERM');
    process.kill(second.child.pid!, 'SIGTERM');
    expect(await first.exited).toBe(0);
    expect(await second.exited).toBe(0);
  }, 240_000);
});
