import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { prometheusText, type Metric } from '../core/watch/prometheus-text.ts';

/** How the service is, for `/healthz`. */
export interface Health {
  status: 'ok' | 'stalled' | 'failing';
  /** Why, when not ok. */
  reason?: string;
}

/**
 * `/healthz` (200 when healthy, 503 when stalled or failing, with a JSON
 * body saying why) and `/metrics` (Prometheus text), on 127.0.0.1 unless
 * another address is configured: a detector's state is nobody else's.
 */
export async function startStatusServer(
  port: number,
  host: string,
  health: () => Health,
  metrics: () => Metric[],
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      const h = health();
      res.writeHead(h.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(h));
      return;
    }
    if (path === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(prometheusText(metrics()));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz or /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
