// The NATS source and sink of law watch against a real nats-server -js: what
// the two-worker test relies on, made to happen on purpose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { NatsSource } from '../../app/serve/sources/nats-source.ts';
import { NatsSink } from '../../app/serve/sinks/nats-sink.ts';
import { closeNatsConnections } from '../../app/serve/nats/connection.ts';
import type { SourceBatch } from '../../app/serve/sources/source.ts';
import type { WatchRecord } from '../../app/serve/sinks/sink.ts';
import { NATS_SERVER, startNats, type NatsServer } from '../servers/nats.ts';
import { sleep } from './watch-helpers.ts';

const have = existsSync(NATS_SERVER);
if (!have) console.log(`SKIPPED the NATS source and sink: ${NATS_SERVER} is not installed (apt-get install nats-server; npm test installs it as root)`);

let nats: NatsServer;
beforeAll(async () => {
  if (!have) return;
  nats = await startNats();
  const jsm = await nats.nc.jetstreamManager();
  await jsm.streams.add({ name: 'IN', subjects: ['in.>'] });
  await jsm.streams.add({ name: 'OUT', subjects: ['out.>'], duplicate_window: 60 * 1e9 });
}, 60_000);
afterAll(async () => {
  await closeNatsConnections();
  await nats?.stop();
}, 30_000);

const source = (durable: string, onEvent?: (level: string, msg: string) => void) =>
  new NatsSource({ url: nats.url, stream: 'IN', subject: 'in.>', durable, format: 'text', batch: 50, ackWaitMs: 1000, onEvent });

/** The first batch a source gives (stops it after). */
async function firstBatch(s: NatsSource): Promise<SourceBatch> {
  const stop = new AbortController();
  for await (const b of s.batches(null, stop.signal)) {
    stop.abort();
    return b;
  }
  throw new Error('no batch');
}

describe.runIf(have)('the nats source', () => {
  it('numbers rows by stream sequence; an unacknowledged batch comes again to another reader, a committed one never', async () => {
    const js = nats.nc.jetstream();
    for (let i = 0; i < 30; i++) await js.publish('in.a', `2026-03-02T10:00:00Z INFO line ${i}${i === 3 ? '\n(continued)' : ''}`);
    const one = source('pool');
    const b1 = await firstBatch(one);
    expect(Array.from(b1.data.line)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // A newline inside a message does not make two rows.
    expect(b1.data.raw[3]).toBe('2026-03-02T10:00:00Z INFO line 3 (continued)');
    // Not committed: after the ack wait another worker of the pool gets the same messages.
    await sleep(1300);
    const two = source('pool');
    const b2 = await firstBatch(two);
    expect(Array.from(b2.data.line)).toEqual(Array.from(b1.data.line));
    await two.commit(b2.position);
    await sleep(1300);
    for (let i = 30; i < 35; i++) await js.publish('in.a', `2026-03-02T10:00:01Z INFO line ${i}`);
    const b3 = await firstBatch(source('pool'));
    expect(Array.from(b3.data.line)).toEqual([31, 32, 33, 34, 35]);
  });

  it('drops a message it cannot read, naming its sequence, and reads the rest: one bad message does not stop every worker in turn', async () => {
    const jsm = await nats.nc.jetstreamManager();
    await jsm.streams.add({ name: 'MIXED', subjects: ['mixed.>'] });
    const js = nats.nc.jetstream();
    await js.publish('mixed.a', new Uint8Array(64)); // 64 NUL bytes: binary, not a log line
    for (let i = 0; i < 5; i++) await js.publish('mixed.a', `2026-03-02T10:00:00Z INFO line ${i}`);
    const events: string[] = [];
    const reader = () => new NatsSource({ url: nats.url, stream: 'MIXED', subject: 'mixed.>', durable: 'mixed', format: 'text', batch: 50, ackWaitMs: 1000, onEvent: (_l, m) => events.push(m) });
    const b = await firstBatch(reader());
    expect(Array.from(b.data.line)).toEqual([2, 3, 4, 5, 6]);
    expect(events.filter((e) => !e.includes('made the durable consumer'))).toEqual([expect.stringMatching(/^MIXED:mixed\.>: message 1 cannot be read \(this looks like a binary file, not a text log .*\); it is dropped from the stream's consumer$/)]);
    // Not committed: the readable ones come again after the ack wait, the dropped one never.
    await sleep(1300);
    const again = await firstBatch(reader());
    expect(Array.from(again.data.line)).toEqual([2, 3, 4, 5, 6]);
  });

  it('says which stream is missing and how to make it, and keeps trying', async () => {
    const events: string[] = [];
    const s = new NatsSource({ url: nats.url, stream: 'NOPE', subject: 'nope.>', durable: 'x', format: 'text', onEvent: (_l, m) => events.push(m) });
    const stop = new AbortController();
    const reading = (async () => {
      for await (const _b of s.batches(null, stop.signal)) void _b;
    })();
    while (events.length === 0) await sleep(20);
    stop.abort();
    await reading;
    expect(events[0]).toMatch(/^NOPE:nope\.>: no JetStream stream "NOPE" on nats:\/\/127\.0\.0\.1:\d+ \(create it, e\.g\. nats stream add NOPE --subjects 'nope\.>'\)/);
    expect(events[0]).toMatch(/trying again in \d+\.\d s$/);
  });
});

describe.runIf(have)('the nats sink', () => {
  const record = (line: number, anomaly: boolean): WatchRecord => ({
    source: 'IN:in.>', line, time: null, score: line / 10, anomaly, text: `line ${line}`, model: 1, pattern: '', host: null, key: null,
  });

  it('publishes units and alerts on their own subjects, and a unit scored again is stored once', async () => {
    const sink = new NatsSink({ url: nats.url, subject: 'out' });
    const alert = { id: 'law:1', kind: 'anomaly' as const, source: 'IN:in.>', line: 2, time: null, score: 0.2, threshold: 0.15, text: 'line 2', template: null, count: 1 };
    const batch = { records: [record(1, false), record(2, true)], alerts: [alert] };
    const never = new AbortController().signal;
    await sink.write(batch, never);
    // The same units again (a redelivery after a worker died): JetStream drops them by message id.
    await sink.write({ records: [record(2, true), record(1, false), record(3, false)], alerts: [{ ...alert, id: 'law:7' }] }, never);
    expect(sink.duplicates).toBe(3);
    const jsm = await nats.nc.jetstreamManager();
    const info = await jsm.streams.info('OUT', { subjects_filter: '>' });
    expect(info.state.subjects).toEqual({ 'out.units': 3, 'out.alerts': 1 });
    const first = await jsm.streams.getMessage('OUT', { seq: 1 });
    expect(JSON.parse(first.string())).toEqual({ source: 'IN:in.>', line: 1, time: null, score: 0.1, anomaly: false, text: 'line 1', model: 1 });
  });
});
