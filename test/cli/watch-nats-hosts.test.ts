// Per-host models with any number of scorers, against a real nats-server -js:
// the multi-host syslog example (one LOF + autoencoder ensemble per host over
// averaged word vectors), its documents published one JSON document per
// message and shared out by two workers on one durable consumer. Each worker
// holds every host's model, so every document is scored as law score scores
// it, whichever worker got it.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { law, tempFolder } from './cli-helpers.ts';
import { ROOT, startWatch, until } from './watch-helpers.ts';
import { HAVE_NATS, natsFixture, stored, streamRecords } from './nats-helpers.ts';
import { generateSyslogHosts } from '../../datasets/syslog-hosts/generate.ts';

const { dir, write } = tempFolder();
// The multi-host example without its SQL deploy section, fitted once on its sample.
const example = JSON.parse(readFileSync(join(ROOT, 'experiments/watch/syslog-mariadb.json'), 'utf8'));
const { deploy: _deploy, ...experiment } = example;
const specPath = write('syslog.json', { ...experiment, source: { ...experiment.source, path: join(ROOT, 'experiments/watch', experiment.source.path) } });
const f = natsFixture('per-host models on NATS', dir, { name: 'SYSLOG', subjects: ['syslog.>'] }, specPath);

/** New syslog documents (another seed than the training file), as mongoexport writes them, without their labels. */
function newDocs(count: number, seed: number): string[] {
  return generateSyslogHosts({ count, seed }).split('\n').filter(Boolean).map((l) => {
    const { label: _label, ...doc } = JSON.parse(l);
    return JSON.stringify(doc);
  });
}

describe.runIf(HAVE_NATS)('per-host models with two scorers on one JetStream consumer', () => {
  it('scores every document with its host\'s model as law score does, whichever worker got it', async () => {
    const docs = newDocs(1500, 9);
    const js = f.nats.nc.jetstream();
    for (const d of docs) await js.publish(`syslog.${JSON.parse(d).hostname}`, d);
    const worker = (name: string) => write(`${name}.json`, {
      ...f.fitted,
      deploy: {
        source: { kind: 'nats', url: f.nats.url, stream: 'SYSLOG', subject: 'syslog.>', durable: 'hosts', batch: 100 },
        sinks: [{ kind: 'nats', subject: 'law.out' }, { kind: 'jsonl', path: join(dir, `${name}.jsonl`), all: true }],
        state: join(dir, `${name}-state`),
      },
    });
    const workers = [startWatch(worker('w1'), dir), startWatch(worker('w2'), dir)];
    await until('every document scored', async () => (await stored(f.nats, 'UNITS')) >= docs.length, 150_000);
    for (const w of workers) process.kill(w.child.pid!, 'SIGTERM');
    for (const w of workers) expect(await w.exited).toBe(0);

    const units = await streamRecords<{ line: number; score: number; anomaly: boolean }>(f.nats, 'UNITS');
    expect(units.map((u) => u.line).sort((a, b) => a - b)).toEqual(Array.from({ length: docs.length }, (_, i) => i + 1));
    // Both workers scored documents of the same hosts: any worker holds every host's model.
    const hostsOf = (name: string) => new Set(readFileSync(join(dir, `${name}.jsonl`), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(docs[JSON.parse(l).line - 1]).hostname));
    const [h1, h2] = [hostsOf('w1'), hostsOf('w2')];
    expect([...h1].filter((h) => h2.has(h)).length).toBeGreaterThan(1);

    const expected = (await law('score', '--config', f.fittedPath, write('docs.jsonl', docs.join('\n') + '\n'))).out.filter(Boolean).map((l) => JSON.parse(l) as { score: number; anomaly: boolean });
    expect(expected).toHaveLength(docs.length);
    let worst = 0;
    for (const u of units) worst = Math.max(worst, Math.abs(u.score - expected[u.line - 1].score));
    expect(worst).toBeLessThanOrEqual(1e-12);
    expect(units.every((u) => u.anomaly === expected[u.line - 1].anomaly)).toBe(true);
    console.log(`per-host on NATS: ${docs.length} documents of ${new Set(docs.map((d) => JSON.parse(d).hostname)).size} hosts; worker 1 scored hosts ${[...h1].sort().join(', ')}, worker 2 ${[...h2].sort().join(', ')}; largest difference from law score ${worst}`);
  }, 300_000);
});
