// Template-miner throughput:
//   npx tsx test/bench/template-miner-bench.ts [lines] [--shuffle]
// Builds 1,000,000 message contents (default) by repeating the twelve
// Loghub-2k samples (24,000 lines, each system's lines in log order, one
// system after the other); with --shuffle, the lines are shuffled with a
// seeded generator, which interleaves the systems line by line (harder on
// CPU caches, less like a real log). Times TemplateMiner.learn() over all of
// them in a fresh miner, best of three runs after a warm-up.
// Reads ../shared/datasets/loghub-2k; exits with a message when it is absent.
import { createRandom } from '../../app/core/random.ts';
import { TemplateMiner } from '../../app/core/parse/template-miner.ts';
import { LOGHUB_SYSTEMS, loadLoghub, loghubDir } from '../core/parse/loghub-samples.ts';

const args = process.argv.slice(2);
const shuffle = args.includes('--shuffle');
const total = Number(args.find((a) => !a.startsWith('--')) ?? 1_000_000);
const dir = loghubDir();
if (!dir) {
  console.warn('template-miner-bench: ../shared/datasets/loghub-2k is absent; nothing to measure');
  process.exit(0);
}

const pool = LOGHUB_SYSTEMS.flatMap((s) => loadLoghub(dir, s).content);
const lines = new Array<string>(total);
for (let i = 0; i < total; i++) lines[i] = pool[i % pool.length];
const rnd = createRandom(7);
for (let i = shuffle ? total - 1 : 0; i > 0; i--) {
  const j = rnd.int(i + 1);
  const t = lines[i];
  lines[i] = lines[j];
  lines[j] = t;
}
const chars = lines.reduce((n, l) => n + l.length, 0);

function run(): { seconds: number; templates: number } {
  const miner = new TemplateMiner();
  const t0 = performance.now();
  for (let i = 0; i < total; i++) miner.learn(lines[i]);
  const seconds = (performance.now() - t0) / 1000;
  const live = new Set<number>();
  for (let id = 0; id < miner.size; id++) live.add(miner.canonical(id));
  return { seconds, templates: live.size };
}

run(); // warm-up: lets V8 optimise the hot path before the timed run
const runs = [run(), run(), run()];
const best = runs.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
const rate = (r: { seconds: number }): string => `${Math.round(total / r.seconds).toLocaleString('en-US')} lines/s`;
console.log(`Node ${process.version}; ${total.toLocaleString('en-US')} lines (${(chars / 1e6).toFixed(1)} M chars) from ${pool.length.toLocaleString('en-US')} Loghub-2k contents, ${shuffle ? 'shuffled (seed 7)' : 'repeated in order'}`);
console.log(`TemplateMiner.learn(): best ${best.seconds.toFixed(3)} s = ${rate(best)}; runs: ${runs.map(rate).join(', ')}; ${best.templates} templates`);
