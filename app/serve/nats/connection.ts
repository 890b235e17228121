// One NATS connection per server URL in a `law watch` process, shared by the
// source, the sink and the model registry: JetStream multiplexes them all
// over it, and a shutdown drains it once.
import type { NatsConnection } from 'nats';

const open = new Map<string, Promise<NatsConnection>>();

/**
 * The process's connection to `url` (made on first use). The client
 * reconnects by itself after a server restart (forever, every 2 s), so a
 * source or sink only sees a request fail and retries it.
 */
export function natsConnection(url: string): Promise<NatsConnection> {
  let c = open.get(url);
  if (!c) {
    // Loaded on first use: the client is for `law watch` on NATS only, not every start of `law`.
    // noAsyncTraces: the client otherwise builds two stack-captured Errors per request (a fifth of a worker's CPU, profiled).
    c = import('nats').then(({ connect }) => connect({ servers: url, name: 'law watch', maxReconnectAttempts: -1, reconnectTimeWait: 2000, timeout: 10_000, noAsyncTraces: true }));
    // A failed first connect is not kept: the next call tries again.
    c.catch(() => open.delete(url));
    open.set(url, c);
  }
  return c;
}

/** Drains every connection made (acks and publishes in flight are sent first). */
export async function closeNatsConnections(): Promise<void> {
  const all = [...open.values()];
  open.clear();
  await Promise.all(all.map(async (c) => (await c.catch(() => null))?.drain().catch(() => {})));
}
