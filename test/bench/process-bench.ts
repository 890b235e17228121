// `law` as users run it, whole processes under GNU time, side by side with the
// script a user would write instead (`npm run bench -- --only process`, or one
// case: `--only law-run-1m`):
// - law-help:     `law --help` (start-up: the CLI build, no TypeScript compiled), best of 5
// - law-parse-1m: `law parse FILE` of 1M raw Loghub-2k lines (the twelve
//                 systems' files repeated in order), output to /dev/null
// - law-run-1m:   `law run experiments/webapp-isolation-forest.json --data FILE`
//                 on the 1M-line webapp log, against peer_webapp_iforest.py
//                 (regex features + scikit-learn's IsolationForest) on the same file
// - law-run-10m:  the same spec on 10M webapp lines (1.5 GB: ten seeds of the
//                 generator, one after the other), past the default read limits
//                 (--max-rows, --max-bytes): the peak of a file far larger than memory
//                 would hold as text. Only with `--only law-run-10m` (minutes, 1.5 GB of disk).
import { createWriteStream, existsSync, readFileSync, renameSync } from 'node:fs';
import { generateWebappLog } from '../../datasets/webapp/generate.ts';
import { join } from 'node:path';
import { once } from 'node:events';
import { LOGHUB_SYSTEMS, loghubDir } from '../core/parse/loghub-samples.ts';
import { benchDir, featureBenchData } from './feature-bench-data.ts';
import type { StreamRow } from './stream-bench.ts';
import { haveGnuTime, root, timed, timedLaw, type Timed } from './timed-process.ts';

const PYTHON = '/usr/bin/python3';

/** A whole-process row: the stream bench's, with the peer beside it. */
export interface ProcessRow extends StreamRow {
  peerSeconds: number | null;
  peerPeakMb: number | null;
  ratio: number | null;
  target: string;
}

/** 1M raw lines of the twelve Loghub-2k systems, each file in log order, repeated; written once. */
async function loghubMixed(lines: number): Promise<string | null> {
  const dir = loghubDir();
  if (!dir) return null;
  const path = join(benchDir(), `loghub-mixed-${lines}.log`);
  if (existsSync(path)) return path;
  const pool = LOGHUB_SYSTEMS.flatMap((s) => readFileSync(`${dir}/${s}/${s}_2k.log`, 'utf8').split(/\r?\n/).filter((l) => l !== ''));
  const out = createWriteStream(path);
  for (let i = 0; i < lines; i += 1000) {
    const batch = [];
    for (let j = i; j < Math.min(lines, i + 1000); j++) batch.push(pool[j % pool.length]);
    if (!out.write(batch.join('\n') + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return path;
}


export async function runProcessBench(only: string[] | null): Promise<ProcessRow[]> {
  const ids = ['law-help', 'law-parse-1m', 'law-run-1m', 'law-run-10m'];
  const wanted = (id: string) => (id === 'law-run-10m' ? !!only?.includes(id) : !only || only.includes('process') || only.includes(id));
  if (!ids.some(wanted) || !haveGnuTime('whole-process cases')) return [];
  const rows: ProcessRow[] = [];
  const add = (id: string, what: string, lines: number, ours: Timed, target: string, peer?: Timed) => {
    const ok = (t: Timed | undefined): t is Extract<Timed, { seconds: number }> => !!t && 'seconds' in t;
    const row: ProcessRow = {
      case: id, what, lines, target,
      seconds: ok(ours) ? ours.seconds : null, peakMb: ok(ours) ? ours.peakMb : null,
      linesPerSecond: ok(ours) && lines > 0 ? lines / ours.seconds : null,
      peerSeconds: ok(peer) ? peer.seconds : null, peerPeakMb: ok(peer) ? peer.peakMb : null,
      ratio: ok(ours) && ok(peer) ? ours.seconds / peer.seconds : null,
      error: !ok(ours) ? ours.error : peer && !ok(peer) ? `peer: ${peer.error}` : undefined,
    };
    rows.push(row);
    const f = (v: number | null, d = 2) => (v === null ? '—' : v.toFixed(d));
    console.log(`${id.padEnd(14)} ${f(row.seconds).padStart(7)} s  ${row.linesPerSecond === null ? '' : `${Math.round(row.linesPerSecond).toLocaleString('en-US')} lines/s  `}peak ${f(row.peakMb, 0)} MB` +
      `${peer ? `  peer ${f(row.peerSeconds)} s, ${f(row.peerPeakMb, 0)} MB, ratio ${f(row.ratio, 3)}` : ''}  ${what}${row.error ? `  [${row.error}]` : ''}`);
  };
  console.log('\nlaw as users run it, whole processes:');
  if (wanted('law-help')) {
    const runs: Timed[] = [];
    for (let i = 0; i < 5; i++) runs.push(await timedLaw(['--help']));
    const best = runs.reduce((a, b) => ('seconds' in a && 'seconds' in b && b.seconds < a.seconds ? b : a));
    add('law-help', 'law --help, best of 5', 0, best, '≤ 0.15 s');
  }
  if (wanted('law-parse-1m')) {
    const file = await loghubMixed(1_000_000);
    if (!file) console.log('law-parse-1m: skipped, ../shared/datasets/loghub-2k is absent');
    else add('law-parse-1m', 'law parse FILE > /dev/null (1M raw Loghub-2k lines)', 1_000_000, await timedLaw(['parse', file]), '≥ 500k lines/s, ≤ 250 MB');
  }
  if (wanted('law-run-1m')) {
    const { log } = await featureBenchData(1_000_000);
    const ours = await timedLaw(['run', join(root, 'experiments/webapp-isolation-forest.json'), '--data', log]);
    const peer = existsSync(PYTHON) ? await timed(PYTHON, [join(root, 'test/bench/peer_webapp_iforest.py'), log], null, true) : undefined;
    add('law-run-1m', 'law run experiments/webapp-isolation-forest.json --data FILE (1M webapp lines)', 1_000_000, ours, '≤ 0.15× the peer, ≤ 400 MB', peer);
  }
  if (wanted('law-run-10m')) {
    const file = await webapp10m();
    add('law-run-10m', 'law run … --data FILE --max-rows 20000000 --max-bytes 4GiB (10M webapp lines, 1.5 GB)', 10_000_000,
      await timedLaw(['run', join(root, 'experiments/webapp-isolation-forest.json'), '--data', file, '--max-rows', '20000000', '--max-bytes', '4GiB']), 'bounded memory');
  }
  return rows;
}

/** 10M webapp lines: the generator's 1M lines for seeds 42…51, concatenated; written once. */
async function webapp10m(): Promise<string> {
  const path = join(benchDir(), 'webapp-10m.log');
  if (existsSync(path)) return path;
  const out = createWriteStream(`${path}.part`);
  for (let seed = 42; seed < 52; seed++) {
    if (!out.write(generateWebappLog({ lines: 1_000_000, seed }))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(`${path}.part`, path);
  return path;
}

/** The README's table of the whole-process cases. */
export function processTable(rows: ProcessRow[]): string {
  const f = (v: number | null, d = 2) => (v === null ? '—' : v.toFixed(d));
  const n = (v: number | null) => (v === null ? '—' : Math.round(v).toLocaleString('en-US'));
  return [
    '| case | command | lines/s | ours (s) | peak MB | peer (s) | peer peak MB | ratio | target |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.case} | ${r.what} | ${n(r.linesPerSecond)} | ${f(r.seconds)} | ${f(r.peakMb, 0)} | ${f(r.peerSeconds)} | ${f(r.peerPeakMb, 0)} | ${f(r.ratio, 3)} | ${r.target} |`),
  ].join('\n');
}
