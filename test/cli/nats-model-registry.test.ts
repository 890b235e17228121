// The shared model registry of `law watch` workers, on a real nats-server
// with JetStream (test/servers/nats.ts; test/setup/programs.mjs installs it):
// fitted specs go through the object store whole, the KV pointer only names
// versions written in full, and racing publishers get distinct numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startNats, type NatsServer } from '../servers/nats.ts';
import { KEPT_VERSIONS, NatsModelRegistry, specObjectName, type RegistryVersion } from '../../app/serve/nats/model-registry.ts';
import { loadSpec } from '../../app/cli/load-spec.ts';
import { fitFromFile } from '../../app/cli/fit-training.ts';
import { stringifyFitted } from '../../app/core/score/stringify-fitted.ts';
import type { Spec } from '../../app/core/experiment/spec.ts';
import { ROOT, until } from './watch-helpers.ts';

const SPEC_PATH = join(ROOT, 'experiments/webapp-isolation-forest.json');
const MB = 1024 * 1024;

let server: NatsServer;
let small: Spec;
let big: Spec;

/** Fits the example spec as `law fit` does, with `trees` trees. */
async function fitted(trees: number): Promise<Spec> {
  const loaded = loadSpec(SPEC_PATH);
  const withTrees = (s: Spec): Spec => ({ ...s, detectors: s.detectors.map((d) => ({ ...d, params: { ...d.params, trees } })) });
  return (await fitFromFile(SPEC_PATH, { ...loaded, spec: withTrees(loaded.spec), written: withTrees(loaded.written) }, () => {})).spec;
}

/** What a spec is once written and read back (the registry stores JSON). */
const asStored = (spec: Spec): unknown => JSON.parse(stringifyFitted(spec));

beforeAll(async () => {
  // startNats throws "… is missing: apt-get install nats-server" without the server: the suite fails, it does not skip.
  server = await startNats();
  small = await fitted(100);
  big = await fitted(1000);
}, 120_000);

afterAll(async () => {
  await server?.stop();
}, 20_000);

describe('NatsModelRegistry', () => {
  it('is empty until a version is published, then gives that spec back as version 1', async () => {
    const registry = await NatsModelRegistry.open(server.nc, 'models-first');
    expect(await registry.latest()).toBeNull();
    expect(await registry.publish(small)).toBe(1);
    const got = await registry.latest();
    expect(got?.version).toBe(1);
    expect(got?.spec.detectors.map((d) => d.model)).toEqual(small.detectors.map((d) => d.model));
    expect(got?.spec.threshold).toEqual(small.threshold);
    expect(got?.spec).toEqual(asStored(small));
    // Another worker opening the same bucket sees the same version.
    const other = await NatsModelRegistry.open(server.nc, 'models-first');
    expect((await other.latest())?.spec).toEqual(asStored(small));
  });

  it('carries a spec above NATS\'s 1 MB payload through the object store in chunks', async () => {
    const bytes = Buffer.byteLength(stringifyFitted(big));
    expect(bytes).toBeGreaterThan(MB);
    expect(bytes).toBeGreaterThan(server.nc.info!.max_payload);
    const registry = await NatsModelRegistry.open(server.nc, 'models-big');
    expect(await registry.publish(big)).toBe(1);
    const info = await (await server.nc.jetstream().views.os('models-big-specs')).info(specObjectName(1));
    expect(info!.chunks).toBeGreaterThan(1);
    const got = await registry.latest();
    expect(got?.spec.detectors[0].params).toMatchObject({ trees: 1000 });
    expect(got?.spec).toEqual(asStored(big));
  });

  it('tells a watcher of a version published after it started, with the whole spec', async () => {
    const registry = await NatsModelRegistry.open(server.nc, 'models-watch');
    await registry.publish(small);
    const seen: RegistryVersion[] = [];
    const stop = new AbortController();
    const watching = registry.watch((v) => seen.push(v), stop.signal);
    await until('the watcher has version 1', () => seen.length === 1, 10_000);
    expect(await registry.publish(big)).toBe(2);
    await until('the watcher has version 2', () => seen.length === 2, 10_000);
    stop.abort();
    await watching;
    expect(seen.map((v) => v.version)).toEqual([1, 2]);
    expect(seen[0].spec).toEqual(asStored(small));
    expect(seen[1].spec).toEqual(asStored(big));
  });

  it('gives two concurrent publishers distinct versions, and latest names the higher with its own spec', async () => {
    const registry = await NatsModelRegistry.open(server.nc, 'models-race');
    await registry.publish(small);
    const a = { ...small, name: 'trainer-a' };
    const b = { ...small, name: 'trainer-b' };
    const [va, vb] = await Promise.all([
      registry.publish(a),
      (await NatsModelRegistry.open(server.nc, 'models-race')).publish(b),
    ]);
    expect([va, vb].sort()).toEqual([2, 3]);
    const got = await registry.latest();
    expect(got?.version).toBe(3);
    expect(got?.spec.name).toBe(va === 3 ? 'trainer-a' : 'trainer-b');
  });

  it('keeps the newest 20 versions in the object store and deletes the older ones', async () => {
    const registry = await NatsModelRegistry.open(server.nc, 'models-prune');
    for (let v = 1; v <= KEPT_VERSIONS + 3; v++) expect(await registry.publish(small)).toBe(v);
    const os = await server.nc.jetstream().views.os('models-prune-specs');
    const names = (await os.list()).map((o) => o.name).sort();
    expect(names).toEqual(Array.from({ length: KEPT_VERSIONS }, (_, i) => specObjectName(i + 4)));
    expect((await registry.latest())?.version).toBe(KEPT_VERSIONS + 3);
    registry.close();
  });

  it('lets one caller claim a name for the whole pool, from any connection, once', async () => {
    const registry = await NatsModelRegistry.open(server.nc, 'models-claim');
    const other = await NatsModelRegistry.open(server.nc, 'models-claim');
    const claims = await Promise.all([registry.claim('fitted.2026-12-04T19:00:00.000Z'), other.claim('fitted.2026-12-04T19:00:00.000Z')]);
    expect(claims.sort()).toEqual([false, true]);
    expect(await registry.claim('fitted.2026-12-04T19:00:00.000Z')).toBe(false);
    expect(await registry.claim('fitted.2026-12-05T08:00:00.000Z')).toBe(true);
    registry.close();
    other.close();
  });

  it('never overwrites a stored version: an object left by a publisher that died before moving the pointer is stepped over', async () => {
    const registry = await NatsModelRegistry.open(server.nc, 'models-orphan');
    await registry.publish(small);
    const os = await server.nc.jetstream().views.os('models-orphan-specs');
    await os.putBlob({ name: specObjectName(2) }, new TextEncoder().encode('{"left": "by a trainer that died"}'));
    expect(await registry.publish({ ...small, name: 'after' })).toBe(3);
    expect((await registry.latest())?.spec.name).toBe('after');
    expect(new TextDecoder().decode((await os.getBlob(specObjectName(2)))!)).toBe('{"left": "by a trainer that died"}');
  });

  it('names the bucket and version when the pointer names a missing object; a watcher logs it and takes the next version', async () => {
    const registry = await NatsModelRegistry.open(server.nc, 'models-broken');
    const kv = await server.nc.jetstream().views.kv('models-broken');
    await kv.put('latest', '7');
    await expect(registry.latest()).rejects.toThrow('model registry models-broken: version 7 (models-broken-specs/v000007.json): "latest" names it but the object is missing');
    const seen: number[] = [];
    const logged: string[] = [];
    const stop = new AbortController();
    const watching = registry.watch((v) => seen.push(v.version), stop.signal, (level, msg) => logged.push(`${level}: ${msg}`));
    await until('the missing object is logged', () => logged.length > 0, 10_000);
    expect(logged[0]).toMatch(/^warn: model registry models-broken: version 7 .* the object is missing; watching again in \d+ ms$/);
    expect(await registry.publish(small)).toBe(8);
    await until('the watcher has version 8', () => seen.length === 1, 10_000);
    stop.abort();
    await watching;
    expect(seen).toEqual([8]);
  });

  it('resolves a watch when the registry is closed', async () => {
    const registry = await NatsModelRegistry.open(server.nc, 'models-close');
    await registry.publish(small);
    const seen: number[] = [];
    const watching = registry.watch((v) => seen.push(v.version), new AbortController().signal);
    await until('the watcher has version 1', () => seen.length === 1, 10_000);
    registry.close();
    await watching;
    expect(seen).toEqual([1]);
  });
});
