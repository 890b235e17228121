// law watch workers on NATS JetStream, against a real nats-server -js: two
// workers share one durable pull consumer on a stream of webapp log lines;
// one is killed with SIGKILL in the middle and started again. Every line is
// scored, as law score scores it; the output stream (the nats sink) holds
// each line's unit once, redeliveries dropped by message id; both workers
// took part.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { law, tempFolder } from './cli-helpers.ts';
import { ROOT, startWatch, until } from './watch-helpers.ts';
import { HAVE_NATS, natsFixture, stored, streamRecords } from './nats-helpers.ts';
import { generateWebappLog } from '../../datasets/webapp/generate.ts';

const { dir, write } = tempFolder();
const f = natsFixture('law watch on NATS', dir, { name: 'LOGS', subjects: ['logs.>'] }, join(ROOT, 'experiments/webapp-isolation-forest.json'));

/**
 * A worker's spec: the one fitted model, the shared consumer, the nats sink,
 * and a state folder and jsonl file of its own; with `stdout`, also every
 * unit to standard output, which blocks the worker once the pipe is full and
 * nobody reads it — after the nats sink has its batch, before the ack.
 */
function workerSpec(name: string, stdout = false): string {
  return write(`${name}.json`, {
    ...f.fitted,
    deploy: {
      source: { kind: 'nats', url: f.nats.url, stream: 'LOGS', subject: 'logs.>', durable: 'scorers', batch: 200, ackWait: '2s' },
      sinks: [{ kind: 'nats', subject: 'law.out' }, { kind: 'jsonl', path: join(dir, `${name}.jsonl`), all: true }, ...(stdout ? [{ kind: 'jsonl', path: '-', all: true }] : [])],
      state: join(dir, `${name}-state`),
    },
  });
}

const unitsStored = () => stored(f.nats, 'UNITS');

describe.runIf(HAVE_NATS)('law watch workers on one JetStream durable consumer', () => {
  it('scores every line once across two workers, one killed with SIGKILL and restarted, as law score does', async () => {
    const lines = generateWebappLog({ lines: 10_000, seed: 11 }).split('\n').filter(Boolean);
    const js = f.nats.nc.jetstream();
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

    const units = await streamRecords<{ line: number; score: number; anomaly: boolean }>(f.nats, 'UNITS');
    const seqs = units.map((u) => u.line).sort((x, y) => x - y);
    // The flagged units' alerts went to their own subject, once each too.
    const alerts = await streamRecords<{ kind: string; line: number }>(f.nats, 'ALERTS');
    const flaggedLines = units.filter((u) => u.anomaly).map((u) => u.line).sort((x, y) => x - y);
    expect(flaggedLines.length).toBeGreaterThan(0);
    expect(alerts.filter((a) => a.kind === 'anomaly').map((a) => a.line).sort((x, y) => x - y)).toEqual(flaggedLines);
    // Each line's unit once: the stream sequences 1 … 10,000, none twice.
    expect(seqs).toEqual(Array.from({ length: lines.length }, (_, i) => i + 1));

    const consumer = await (await f.nats.nc.jetstreamManager()).consumers.info('LOGS', 'scorers');
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
    const expected = (await law('score', '--config', f.fittedPath, file)).out.filter(Boolean).map((l) => JSON.parse(l) as { score: number; anomaly: boolean });
    expect(expected).toHaveLength(lines.length);
    const bySeq = new Map(units.map((u) => [u.line, u]));
    for (let i = 0; i < lines.length; i++) {
      expect(bySeq.get(i + 1)!.score, `line ${i + 1}`).toBeCloseTo(expected[i].score, 12);
      expect(bySeq.get(i + 1)!.anomaly).toBe(expected[i].anomaly);
    }

  }, 240_000);
});
