// The default feature columns of every sample a user may start from, as the
// page picks them on a fresh load (fitSettingsTo, then buildFeatures with no
// columns chosen): the twelve Loghub-2k logs and their structured CSVs
// (../shared/datasets; skipped with a message where absent), the HDFS
// session CSV, and the generated samples in datasets/. No default column
// may be an identifier, a counter or a time; each one left out says why.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildFeatures } from '../../app/core/features/build-features.ts';
import { identifierWord } from '../../app/core/features/identifier-columns.ts';
import { readLogs, sourceFromText } from '../../app/core/ingest/read-logs.ts';
import { defaultSettings } from '../../app/ui/settings.ts';
import { fitSettingsTo } from '../../app/ui/spec-settings.ts';
import { LOGHUB_SYSTEMS, loghubDir } from '../core/parse/loghub-samples.ts';

const LINE = ['level', 'status', 'latency', 'length', 'tokens', 'template'];
const root = fileURLToPath(new URL('../../', import.meta.url));
const shared = fileURLToPath(new URL('../../../shared/datasets/', import.meta.url));

/** File → the default columns, then the columns left out (each with its reason checked below). */
const GENERATED: [string, string[], string[]][] = [
  ['datasets/webapp/webapp-10k.log', [...LINE, 'field:bytes'], []],
  ['datasets/features-csv/features-5k.csv', ['latency_ms', 'bytes', 'status_class', 'tokens', 'hour', 'error_count_5m'], []],
  ['datasets/hdfs-like/hdfs-like.log', LINE, []],
  ['datasets/netflow/netflow-5k.logfmt', [...LINE, 'field:bytes', 'field:packets'], ['field:dst_port']],
  ['datasets/syslog-hosts/syslog-hosts-5k.jsonl', LINE, []],
  ['datasets/waf/waf-6k.jsonl', LINE, []],
];

/** Loghub system → columns left out of the raw log, and of its structured CSV; the defaults are LINE (HPC's CSV adds its 0/1 `Flag`). */
const LOGHUB: Record<(typeof LOGHUB_SYSTEMS)[number], [string[], string[]]> = {
  HDFS: [[], ['field:Pid']],
  Hadoop: [[], []],
  Spark: [[], []],
  Zookeeper: [[], ['field:Id']],
  OpenStack: [[], ['field:Pid']],
  HPC: [[], ['field:LogId']],
  Thunderbird: [[], ['field:Day', 'field:PID']],
  Windows: [[], []],
  Linux: [['field:pid'], ['field:PID']],
  Android: [[], ['field:Pid', 'field:Tid']],
  HealthApp: [[], ['field:Pid']],
  Apache: [[], []],
};

async function defaults(path: string) {
  const name = path.split('/').pop()!;
  const data = await readLogs([sourceFromText(name, readFileSync(path))]);
  const s = defaultSettings();
  fitSettingsTo(s, data);
  const { columns: _none, ...features } = s.features;
  const built = buildFeatures(data, features);
  // The label column is kept out of the features by the labels step, as the page does.
  const label = s.labels.kind === 'column' ? s.labels.column : null;
  return { unit: s.features.unit, columns: (built.state.base ?? []).filter((c) => c !== label), leftOut: built.leftOut };
}

/** No default column names an identifier or a time. */
function expectNoIdentifier(columns: string[]) {
  for (const c of columns) expect(identifierWord(c.replace(/^field:/, '')), c).toBeUndefined();
}

describe('default columns of the generated samples', () => {
  it.each(GENERATED)('%s', async (file, columns, leftOut) => {
    const got = await defaults(root + file);
    expect(got.columns).toEqual(columns);
    expect(got.leftOut.map((c) => c.column)).toEqual(leftOut);
    for (const c of got.leftOut) expect(c.reason).toMatch(/^(looks like an identifier|looks like a counter|holds a time) \(.+\)$/);
    expectNoIdentifier(got.columns);
  });
});

const dir = loghubDir();
if (!dir) console.warn('sample-default-columns: Loghub samples skipped, ../shared/datasets/loghub-2k is absent');

describe.skipIf(!dir)('default columns of the twelve Loghub-2k samples', () => {
  it.each(LOGHUB_SYSTEMS)('%s: the raw log and its structured CSV leave out pids, ids and times', async (system) => {
    const [rawOut, csvOut] = LOGHUB[system];
    const raw = await defaults(`${dir}/${system}/${system}_2k.log`);
    expect(raw.columns).toEqual(LINE);
    expect(raw.leftOut.map((c) => c.column)).toEqual(rawOut);
    const csv = await defaults(`${dir}/${system}/${system}_2k.log_structured.csv`);
    expect(csv.unit).toBe('line');
    expect(csv.columns).toEqual(system === 'HPC' ? [...LINE, 'field:Flag'] : LINE);
    expect(csv.leftOut.map((c) => c.column).sort()).toEqual(csvOut);
    expectNoIdentifier([...raw.columns, ...csv.columns]);
  });

  it('the Linux pid is left out for being named so and for its evenly spread values', async () => {
    const raw = await defaults(`${dir}/Linux/Linux_2k.log`);
    expect(raw.leftOut[0].reason).toMatch(/^looks like an identifier \(named “pid”, \d+ % distinct values spread evenly\)$/);
  });
});

const sessions = `${shared}hdfs-100k-sessions/HDFS_100k_block_sessions.csv`;
if (!existsSync(sessions)) console.warn(`sample-default-columns: the session CSV case skipped, ${sessions} is absent`);
describe.skipIf(!existsSync(sessions))('the HDFS session CSV', () => {
  it('becomes session units keyed by BlockId, counting templates', async () => {
    const got = await defaults(sessions);
    expect(got.unit).toBe('session');
    expect(got.columns).toEqual(['templates']);
  });
});
