// The trainer and the model registry, against a real nats-server -js: one
// `law watch --role trainer` keeps a rolling baseline of the stream and
// publishes a retrained version; two scorers on one durable consumer take it
// between two batches. Every unit is scored by a whole model — its scores are
// those law score gives with the version it names — and every line that came
// after both scorers had the new version is scored by it.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { law, tempFolder } from './cli-helpers.ts';
import { ROOT, startWatch, until, type Watching } from './watch-helpers.ts';
import { HAVE_NATS, natsFixture, stored, streamRecords } from './nats-helpers.ts';
import { NatsModelRegistry, specObjectName } from '../../app/serve/nats/model-registry.ts';
import { generateWebappLog } from '../../datasets/webapp/generate.ts';

const { dir, write } = tempFolder();
// The README's example, fitted once as its steps say (every worker starts from this one model).
const f = natsFixture('the NATS trainer', dir, { name: 'LOGS', subjects: ['logs.>'] }, join(ROOT, 'experiments/watch/app-nats-workers.json'));

/** The example's deploy section pointed at the test's server, with a state folder per worker and smaller batches; `edit` changes the rest. */
function spec(name: string, edit: Record<string, unknown> = {}): string {
  const deploy = f.fitted.deploy as Record<string, Record<string, unknown>>;
  return write(`${name}.json`, {
    ...f.fitted,
    deploy: { ...deploy, source: { ...deploy.source, url: f.nats.url, batch: 100, ackWait: '5s' }, state: join(dir, `${name}-state`), metrics: undefined, ...edit },
  });
}

const logged = (w: Watching, text: string) => w.log().split('\n').some((l) => l.includes(text));

describe.runIf(HAVE_NATS)('law watch --role trainer with a NATS model registry', () => {
  it('publishes a retrained version that both scorers take between two batches, each unit scored by a whole model', async () => {
    const lines = generateWebappLog({ lines: 5000, seed: 23 }).split('\n').filter(Boolean);
    const js = f.nats.nc.jetstream();
    const publish = async (part: string[]) => {
      for (const l of part) await js.publish('logs.web', l);
    };
    const trainer = startWatch(spec('trainer', { retrain: { every: 2000, baseline: { lines: 2000 } } }), dir, ['--role', 'trainer']);
    const scorers = [startWatch(spec('s1'), dir), startWatch(spec('s2'), dir)];
    await until('the trainer started', () => logged(trainer, 'training from model version 1'), 60_000).catch((e) => {
      throw new Error(`${(e as Error).message}; the trainer's log:\n${trainer.log()}`);
    });
    await until('both scorers started', () => scorers.every((s) => logged(s, 'scoring with model version 1')), 60_000);

    // The first lines: scored by version 1, and the trainer's baseline; at 2,000 it retrains and publishes version 2.
    await publish(lines.slice(0, 2500));
    await until('version 2 published', () => logged(trainer, 'published model version 2'), 90_000);
    const registry = await NatsModelRegistry.open(f.nats.nc, 'law-models');
    const v2 = await registry.latest();
    expect(v2?.version).toBe(2);
    await until('both scorers loaded version 2', () => scorers.every((s) => logged(s, 'model version 2 loaded from the registry')), 30_000);
    const at = (w: Watching, text: string) => Date.parse(JSON.parse(w.log().split('\n').find((l) => l.includes(text))!).time);
    const published = at(trainer, 'published model version 2');
    console.log(`version 2 loaded by the scorers ${scorers.map((s) => at(s, 'model version 2 loaded') - published).join(' and ')} ms after the trainer published it`);
    const firstAfter = (await (await f.nats.nc.jetstreamManager()).streams.info('LOGS')).state.last_seq + 1;
    await publish(lines.slice(2500));
    await until('every line scored', async () => (await stored(f.nats, 'UNITS')) >= lines.length, 90_000);

    const units = await streamRecords<{ line: number; score: number; anomaly: boolean; model: number }>(f.nats, 'UNITS');
    expect(units.map((u) => u.line).sort((a, b) => a - b)).toEqual(Array.from({ length: lines.length }, (_, i) => i + 1));
    // Every line after both scorers had version 2 is scored by it (or by a later one: the trainer retrains every 2,000 lines).
    const late = units.filter((u) => u.line >= firstAfter);
    expect(late.length).toBe(lines.length - firstAfter + 1);
    expect(late.every((u) => u.model >= 2)).toBe(true);
    expect(units.some((u) => u.model === 1)).toBe(true);
    expect(scorers.every((s) => logged(s, 'model version 2 in use (published to the model registry)'))).toBe(true);

    // No unit scored by a half-loaded model: each has the score law score gives with the version it names, read back from the registry.
    const file = write('published.log', lines.join('\n') + '\n');
    const specs = await f.nats.nc.jetstream().views.os('law-models-specs');
    const byVersion: Record<number, { score: number }[]> = {};
    for (const version of new Set(units.map((u) => u.model))) {
      const path = join(dir, `v${version}.json`);
      writeFileSync(path, new TextDecoder().decode((await specs.getBlob(specObjectName(version)))!));
      byVersion[version] = (await law('score', '--config', path, file)).out.filter(Boolean).map((l) => JSON.parse(l) as { score: number });
    }
    // The retrained model is another model: the check below could tell them apart.
    expect(byVersion[2].some((s, i) => Math.abs(s.score - byVersion[1][i].score) > 1e-6)).toBe(true);
    for (const u of units) expect(u.score, `line ${u.line}, version ${u.model}`).toBeCloseTo(byVersion[u.model][u.line - 1].score, 12);

    for (const w of [trainer, ...scorers]) process.kill(w.child.pid!, 'SIGTERM');
    for (const w of [trainer, ...scorers]) expect(await w.exited).toBe(0);
    registry.close();
  }, 300_000);

  it('refuses to start a pool from a spec that is not fitted: each worker would train a model of its own', async () => {
    const r = await law('watch', join(ROOT, 'experiments/watch/app-nats-workers.json'));
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toContain('with deploy.models every worker starts from one model, so give a fitted spec (law fit');
  });

  it('a trainer killed and started again reads its baseline back from the stream, up to what it had acknowledged', async () => {
    const jsm = await f.nats.nc.jetstreamManager();
    const last = (await jsm.streams.info('LOGS')).state.last_seq;
    expect(last).toBeGreaterThan(3000);
    // A pool of its own (durable "replay"), so this trainer starts from the stream's first message.
    const deploy = f.fitted.deploy as Record<string, Record<string, unknown>>;
    const path = spec('replay-trainer', { source: { ...deploy.source, url: f.nats.url, durable: 'replay', batch: 100 }, retrain: { every: 1_000_000, baseline: { lines: 3000 } } });
    let trainer = startWatch(path, dir, ['--role', 'trainer']);
    await until('the trainer acknowledged the whole stream', async () => {
      try {
        return (await jsm.consumers.info('LOGS', 'replay-trainer')).ack_floor.stream_seq === last;
      } catch {
        return false;
      }
    }, 60_000);
    process.kill(trainer.child.pid!, 'SIGKILL');
    expect(await trainer.exited).toBeNull();
    trainer = startWatch(path, dir, ['--role', 'trainer']);
    await until('the baseline read back', () => logged(trainer, 'baseline read back from the stream'), 60_000);
    const line = trainer.log().split('\n').find((l) => l.includes('baseline read back'))!;
    // The last 3,000 lines it had: the baseline's bound, not the whole stream, and not nothing.
    expect(JSON.parse(line).rows).toBe(3000);
    process.kill(trainer.child.pid!, 'SIGTERM');
    expect(await trainer.exited).toBe(0);
    // The reading consumer is gone: only the durables are left.
    expect((await jsm.consumers.list('LOGS').next()).map((c) => c.name).sort()).toEqual(['law-scorers', 'law-scorers-trainer', 'replay-trainer']);
  }, 180_000);
});
