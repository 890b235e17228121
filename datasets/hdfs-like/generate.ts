/**
 * A deterministic, seeded generator of an HDFS-style raw log (the layout of
 * Loghub's HDFS_v1) with block sessions, and its label file
 * `anomaly_label.csv` (`BlockId,Label`, `Normal`/`Anomaly`), for the
 * researcher flow: sessions by `blk_-?\d+`, labels joined from the file.
 *
 *   081109 203615 148 INFO dfs.DataNode$PacketResponder: Received block blk_-1608999687919862906 of size 91178 from /10.250.10.6
 *
 * Normal blocks follow the write lifecycle (allocateBlock → Receiving ×3 →
 * PacketResponder terminating / Received / addStoredBlock ×3, and for many
 * a later delete); anomalous blocks break it (an exception in receiveBlock,
 * a missing replica, a redundant addStoredBlock, a failed delete). See
 * datasets/hdfs-like/README.md.
 *
 * All randomness goes through `createRandom(seed)`, so the same options give
 * the same text byte for byte on every platform.
 *
 *   npx tsx datasets/hdfs-like/generate.ts [--count BLOCKS] [--seed S] [--start ISO] [--out PATH] [--labels-out PATH]
 *
 * Without options it rewrites datasets/hdfs-like/hdfs-like.log and
 * datasets/hdfs-like/anomaly_label.csv (450 blocks, seed 42).
 */
import { createRandom, type Random } from '../../app/core/random.ts';
import { runWhenMain } from '../generator-cli.ts';
import { Sampler } from '../sampler.ts';

export interface HdfsLikeOptions {
  /** Number of blocks (sessions), a non-negative integer. */
  count: number;
  /** Seed for `createRandom`. */
  seed: number;
  /** ISO-8601 time of the first block; default 2008-11-09T20:35:18.000Z (like Loghub's HDFS_v1). */
  start?: string;
}

export const DEFAULT_START = '2008-11-09T20:35:18.000Z';

/** The ways an anomalous block breaks its lifecycle (the label file only says `Anomaly`). */
export const ANOMALY_KINDS = ['receive_exception', 'missing_replica', 'redundant_add', 'delete_error'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/** Share of anomalous blocks: exactly `Math.round(count * ANOMALY_SHARE)`, the kinds in turn. */
export const ANOMALY_SHARE = 0.04;

/** Every log line: date (yymmdd), time (hhmmss), thread id, level, component, message. */
export const HDFS_LINE_RE = /^(\d{6}) (\d{6}) (\d+) (INFO|WARN|ERROR) (dfs\.[A-Za-z$]+): (.+)$/;
/** A block id, as the researcher flow finds sessions. */
export const BLOCK_ID_RE = /blk_-?\d+/g;

export interface HdfsBlock {
  id: string;
  kind: 'normal' | AnomalyKind;
}

export interface HdfsLikeDataset {
  /** The raw log, LF line endings, final newline. */
  log: string;
  /** `anomaly_label.csv`: header `BlockId,Label`, one row per block in order of first appearance. */
  labels: string;
  /** The blocks in order of first appearance, with how each was made. */
  blocks: HdfsBlock[];
}

/** Mean gap between block allocations (ms). */
const MEAN_GAP_MS = 1200;
/** Share of normal blocks deleted (job cleanup) later in the log. */
const DELETE_SHARE = 0.55;

interface Event {
  t: number;
  seq: number;
  pid: number;
  level: 'INFO' | 'WARN' | 'ERROR';
  component: string;
  message: string;
}

const NN = 'dfs.FSNamesystem';
const XCEIVER = 'dfs.DataNode$DataXceiver';
const RESPONDER = 'dfs.DataNode$PacketResponder';

const two = (x: number): string => String(x).padStart(2, '0');
function hdfsTime(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getUTCFullYear() % 100)}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} ${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
}

/** Generate the log, its label file and the blocks' kinds. */
export function generateHdfsLikeDataset(options: HdfsLikeOptions): HdfsLikeDataset {
  const { count: n, seed } = options;
  if (!Number.isInteger(n) || n < 0) throw new Error(`invalid count: ${n} (expected a non-negative integer)`);
  const start = options.start ?? DEFAULT_START;
  const startMs = Date.parse(start);
  if (!Number.isFinite(startMs)) throw new Error(`invalid start: ${start} (expected an ISO-8601 time)`);

  const g = new Sampler(createRandom(seed));
  const r = g.r;

  // 40 DataNodes in 10.250/16 and 10.251/16, each with a few busy threads.
  const nodeSet = new Set<string>();
  while (nodeSet.size < 40) nodeSet.add(`10.25${r.int(2)}.${r.int(20)}.${1 + r.int(254)}`);
  const nodes = [...nodeSet];
  const nnThreads = [26, 27, 28, 29, 30, 31, 32, 33, 34, 35];
  const dnPid = (): number => 13 + r.int(3000);

  // Which blocks are anomalous, and how: a partial Fisher-Yates shuffle.
  const anomalies = Math.round(n * ANOMALY_SHARE);
  const order = Array.from({ length: n }, (_, i) => i);
  const kindOf = new Map<number, AnomalyKind>();
  for (let k = 0; k < anomalies; k++) {
    const j = k + r.int(n - k);
    [order[k], order[j]] = [order[j], order[k]];
    kindOf.set(order[k], ANOMALY_KINDS[k % ANOMALY_KINDS.length]);
  }

  const ids = new Set<string>();
  const blockId = (): string => {
    for (;;) {
      const hi = r.int(2 ** 31);
      const lo = r.int(2 ** 32);
      const id = `blk_${r.next() < 0.5 ? '-' : ''}${((BigInt(hi) << 32n) | BigInt(lo)).toString()}`;
      if (!ids.has(id)) {
        ids.add(id);
        return id;
      }
    }
  };
  const jobs = [
    { dir: 'rand', job: '0001', kind: 'm' },
    { dir: 'sortrand', job: '0002', kind: 'r' },
    { dir: 'randtxt', job: '0003', kind: 'm' },
  ];

  const events: Event[] = [];
  let seq = 0;
  const emit = (t: number, pid: number, level: Event['level'], component: string, message: string): void => {
    events.push({ t, seq: seq++, pid, level, component, message });
  };

  const blocks: HdfsBlock[] = [];
  let t0 = 0;
  for (let b = 0; b < n; b++) {
    t0 += g.exponential(MEAN_GAP_MS);
    const kind = kindOf.get(b) ?? 'normal';
    const blk = blockId();
    blocks.push({ id: blk, kind });
    const job = g.pick(jobs);
    const task = String(r.int(job.kind === 'm' ? 1200 : 40)).padStart(6, '0');
    const path = `/user/root/${job.dir}/_temporary/_task_200811092030_${job.job}_${job.kind}_${task}_0/part-${task.slice(1)}`;
    const size = r.next() < 0.45 ? 67108864 : Math.round(Math.exp(r.uniform(Math.log(2000), Math.log(67108864))));

    // The pipeline: three distinct DataNodes; the writer is a task on some node.
    const pipe: string[] = [];
    while (pipe.length < 3) {
      const x = g.pick(nodes);
      if (!pipe.includes(x)) pipe.push(x);
    }
    const writer = r.next() < 0.7 ? pipe[0] : g.pick(nodes);
    const srcs = [writer, pipe[0], pipe[1]];
    const pids = pipe.map(() => dnPid());

    emit(t0, g.pick(nnThreads), 'INFO', NN, `BLOCK* NameSystem.allocateBlock: ${path}. ${blk}`);
    let t = t0;
    for (let i = 0; i < 3; i++) {
      t += r.uniform(1, 300);
      emit(t, pids[i], 'INFO', XCEIVER, `Receiving block ${blk} src: /${srcs[i]}:${40000 + r.int(20000)} dest: /${pipe[i]}:50010`);
    }
    const failing = kind === 'receive_exception' || kind === 'missing_replica' ? r.int(3) : -1;
    let tEnd = t + 50 + (size / r.uniform(20, 60)) * 1e-3; // bytes per ms at 20-60 MB/s
    // Acks flow back up the pipeline: the last DataNode finishes first.
    for (let i = 2; i >= 0; i--) {
      tEnd += r.uniform(1, 400);
      if (i === failing) {
        if (kind === 'receive_exception') {
          const cause = g.pick(['java.io.IOException: Connection reset by peer', 'java.io.EOFException', 'java.io.InterruptedIOException: Interruped while waiting for IO on channel java.nio.channels.SocketChannel']);
          emit(tEnd, pids[i], 'INFO', XCEIVER, `Exception in receiveBlock for block ${blk} ${cause}`);
          emit(tEnd + r.uniform(0, 50), pids[i], 'INFO', RESPONDER, `PacketResponder ${2 - i} for block ${blk} Interrupted.`);
          emit(tEnd + r.uniform(50, 100), pids[i], 'INFO', XCEIVER, `writeBlock ${blk} received exception ${cause}`);
          emit(tEnd + r.uniform(100, 150), pids[i], 'ERROR', XCEIVER, `${pipe[i]}:50010:DataXceiver: ${cause}`);
        }
        continue; // missing_replica: the DataNode just never reports
      }
      emit(tEnd, pids[i], 'INFO', RESPONDER, `PacketResponder ${2 - i} for block ${blk} terminating`);
      emit(tEnd + r.uniform(0, 20), pids[i], 'INFO', RESPONDER, `Received block ${blk} of size ${size} from /${srcs[i]}`);
      emit(tEnd + r.uniform(20, 200), g.pick(nnThreads), 'INFO', NN, `BLOCK* NameSystem.addStoredBlock: blockMap updated: ${pipe[i]}:50010 is added to ${blk} size ${size}`);
    }
    if (kind === 'receive_exception' && r.next() < 0.5) {
      // The NameNode restores the replica count from a healthy copy.
      const from = pipe[(failing + 1) % 3];
      let to = g.pick(nodes);
      while (pipe.includes(to)) to = g.pick(nodes);
      const ta = tEnd + r.uniform(2000, 20000);
      emit(ta, g.pick(nnThreads), 'INFO', NN, `BLOCK* ask ${from}:50010 to replicate ${blk} to datanode(s) ${to}:50010`);
      emit(ta + r.uniform(500, 3000), dnPid(), 'INFO', 'dfs.DataNode', `${from}:50010 Starting thread to transfer block ${blk} to ${to}:50010`);
      emit(ta + r.uniform(3000, 5000), dnPid(), 'INFO', 'dfs.DataNode$DataTransfer', `${from}:50010:Transmitted block ${blk} to /${to}:50010`);
      emit(ta + r.uniform(3000, 5000), dnPid(), 'INFO', XCEIVER, `Received block ${blk} src: /${from}:${40000 + r.int(20000)} dest: /${to}:50010 of size ${size}`);
      emit(ta + r.uniform(5000, 6000), g.pick(nnThreads), 'INFO', NN, `BLOCK* NameSystem.addStoredBlock: blockMap updated: ${to}:50010 is added to ${blk} size ${size}`);
    }
    if (kind === 'redundant_add') {
      const times = 1 + r.int(2);
      for (let k = 0; k < times; k++) {
        emit(tEnd + r.uniform(1000, 30000), g.pick(nnThreads), 'INFO', NN,
          `BLOCK* NameSystem.addStoredBlock: Redundant addStoredBlock request received for ${blk} on ${g.pick(pipe)}:50010 size ${size}`);
      }
    }
    // Normal reads and scanner checks.
    if (r.next() < 0.3) {
      const reads = 1 + r.int(2);
      for (let k = 0; k < reads; k++) {
        const at = g.pick(pipe);
        emit(tEnd + r.uniform(1000, 120000), dnPid(), 'INFO', XCEIVER, `${at}:50010 Served block ${blk} to /${g.pick(nodes)}`);
      }
    }
    if (r.next() < 0.05) emit(tEnd + r.uniform(10000, 300000), dnPid(), 'INFO', 'dfs.DataBlockScanner', `Verification succeeded for ${blk}`);
    // Job cleanup deletes many blocks later; the delete_error blocks always.
    if (kind === 'delete_error' || (kind === 'normal' && r.next() < DELETE_SHARE)) {
      const td = tEnd + r.uniform(60000, 400000);
      const nnPid = g.pick(nnThreads);
      for (const at of pipe) emit(td, nnPid, 'INFO', NN, `BLOCK* NameSystem.delete: ${blk} is added to invalidSet of ${at}:50010`);
      const broken = kind === 'delete_error' ? r.int(3) : -1;
      pipe.forEach((_, i) => {
        const tx = td + r.uniform(1000, 20000);
        if (i === broken) emit(tx, 19, 'WARN', 'dfs.FSDataset', `Unexpected error trying to delete block ${blk}. BlockInfo not found in volumeMap.`);
        else emit(tx, 19, 'INFO', 'dfs.FSDataset', `Deleting block ${blk} file /mnt/hadoop/dfs/data/current/subdir${r.int(64)}/${blk}`);
      });
    }
  }

  events.sort((a, b) => a.t - b.t || a.seq - b.seq);
  const lines = events.map((e) => `${hdfsTime(startMs + Math.floor(e.t))} ${e.pid} ${e.level} ${e.component}: ${e.message}`);
  // Blocks are allocated in order, so the order of allocation is the order of first appearance.
  const labels = ['BlockId,Label', ...blocks.map((x) => `${x.id},${x.kind === 'normal' ? 'Normal' : 'Anomaly'}`)];
  return {
    log: lines.length === 0 ? '' : lines.join('\n') + '\n',
    labels: labels.join('\n') + '\n',
    blocks,
  };
}

/** Just the raw log of `generateHdfsLikeDataset(options)`. */
export function generateHdfsLike(options: HdfsLikeOptions): string {
  return generateHdfsLikeDataset(options).log;
}

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

const USAGE = 'usage: npx tsx datasets/hdfs-like/generate.ts [--count BLOCKS] [--seed S] [--start ISO] [--out PATH] [--labels-out PATH]';

runWhenMain(import.meta.url, USAGE, ['count', 'seed', 'start', 'out', 'labels-out'], ({ flags, outPath, write }) => {
  const count = Number(flags.count ?? 450);
  const seed = Number(flags.seed ?? 42);
  const start = flags.start;
  const committed = count === 450 && seed === 42 && start === undefined;
  const path = outPath(flags.out, committed ? 'hdfs-like.log' : `hdfs-like-${count}-seed${seed}.log`);
  const labelPath = outPath(flags['labels-out'], committed ? 'anomaly_label.csv' : `anomaly_label-${count}-seed${seed}.csv`);
  const { log, labels, blocks } = generateHdfsLikeDataset({ count, seed, start });
  write(path, log);
  write(labelPath, labels);
  const lineCount = log === '' ? 0 : log.split('\n').length - 1;
  const by = (k: string) => blocks.filter((x) => x.kind === k).length;
  console.log(`wrote ${path} (${lineCount} lines) and ${labelPath}: ${count} blocks, seed ${seed}`);
  console.log(`anomalous blocks ${count - by('normal')}: ` + ANOMALY_KINDS.map((k) => `${k}=${by(k)}`).join(' '));
});
