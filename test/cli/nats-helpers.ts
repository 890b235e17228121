// What the law watch tests on NATS share: a real nats-server -js with the
// input stream and the output streams the nats sink publishes to, one spec
// fitted for every worker, and reading a stream back.
import { afterAll, beforeAll, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsMsg } from 'nats';
import { law } from './cli-helpers.ts';
import { NATS_SERVER, startNats, type NatsServer } from '../servers/nats.ts';

export const HAVE_NATS = existsSync(NATS_SERVER);

export interface NatsFixture {
  nats: NatsServer;
  /** The fitted spec every worker starts from (also written to `fittedPath`). */
  fitted: Record<string, unknown>;
  fittedPath: string;
}

/**
 * Starts a server before the file's tests (stopped after): an input stream
 * `input` on `subjects`, the output streams UNITS (`law.out.units`, with a
 * duplicate window longer than any ack wait) and ALERTS (`law.out.alerts`),
 * and `specPath` fitted once into `dir` as `law fit` does.
 */
export function natsFixture(what: string, dir: string, input: { name: string; subjects: string[] }, specPath: string): NatsFixture {
  const f = {} as NatsFixture;
  if (!HAVE_NATS) console.log(`SKIPPED ${what}: ${NATS_SERVER} is not installed (apt-get install nats-server; npm test installs it as root)`);
  beforeAll(async () => {
    if (!HAVE_NATS) return;
    f.nats = await startNats();
    const jsm = await f.nats.nc.jetstreamManager();
    await jsm.streams.add(input);
    await jsm.streams.add({ name: 'UNITS', subjects: ['law.out.units'], duplicate_window: 120 * 1e9 });
    await jsm.streams.add({ name: 'ALERTS', subjects: ['law.out.alerts'], duplicate_window: 120 * 1e9 });
    f.fittedPath = join(dir, 'fitted.json');
    const r = await law('fit', specPath, '--out', f.fittedPath);
    expect(r.code, r.err.join('\n')).toBe(0);
    f.fitted = JSON.parse(readFileSync(f.fittedPath, 'utf8'));
  }, 180_000);
  afterAll(async () => {
    await f.nats?.stop();
  }, 30_000);
  return f;
}

/** How many messages a stream holds. */
export async function stored(nats: NatsServer, stream: string): Promise<number> {
  return (await (await nats.nc.jetstreamManager()).streams.info(stream)).state.messages;
}

/** Every message of a stream, in order, as JSON (an ordered consumer from the start). */
export async function streamRecords<T>(nats: NatsServer, stream: string): Promise<T[]> {
  const want = await stored(nats, stream);
  const c = await nats.nc.jetstream().consumers.get(stream);
  const out: T[] = [];
  while (out.length < want) {
    let got = 0;
    for await (const m of (await c.fetch({ max_messages: 1000, expires: 1000 })) as AsyncIterable<JsMsg>) (out.push(JSON.parse(new TextDecoder().decode(m.data)) as T), got++);
    if (got === 0) break;
  }
  return out;
}
