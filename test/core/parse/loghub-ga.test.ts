// Accuracy of TemplateMiner, with its defaults (one configuration for every
// system), on the twelve Loghub-2k samples: the miner learns each line's
// Content column in order, and a line's group is the template its id
// belongs to at the end (`canonical`). Needs ../shared/datasets/loghub-2k.
//
// Metrics (`grouping-accuracy.ts`, `template-accuracy.ts`): GA and FGA on
// groups; PA and FTA on template texts, ours put in Loghub-2.0's normal form
// (`normaliseTemplate`) and compared exactly with the corrected truth. As in
// Loghub-2.0's evaluation code, the truth groups lines by EventTemplate.
//
// Ground truth: the corrected templates (`*_structured_corrected.csv`,
// Loghub-2.0 / logparser). For eleven systems grouping by EventTemplate is
// exactly the EventId grouping; in Linux the corrected file gives one
// template ("authentication failure; … rhost=<*> user=<*>") three EventIds
// (E17/E18/E19, one per user name) left over from the original labelling,
// so grouping by EventId there would count the corrected template itself as
// wrong. GA on the original ground truth, which Drain's published GA was
// measured on (with per-system regexes and parameters), is printed too.
import { describe, it, expect } from 'vitest';
import { groupingAccuracy, groupingF1 } from '../../../app/core/parse/grouping-accuracy.ts';
import { normaliseTemplate } from '../../../app/core/parse/normalise-template.ts';
import { parsingAccuracy, templateF1 } from '../../../app/core/parse/template-accuracy.ts';
import { TemplateMiner } from '../../../app/core/parse/template-miner.ts';
import { DRAIN_GA, LOGHUB_SYSTEMS, loadLoghub, loghubDir, type LoghubSystem } from './loghub-samples.ts';

const dir = loghubDir();
if (!dir) console.warn('loghub-ga: skipped, ../shared/datasets/loghub-2k (beside the checkout) is absent');

interface Scores {
  ga: number;
  fga: number;
  pa: number;
  fta: number;
}

/**
 * Drain on Loghub-2k in the Loghub-2.0 benchmark (per-system regexes and
 * parameters): logpai/loghub-2.0 `RQs_experiments/RQ2/effectiveness_results.csv`,
 * the Loghub-2k figure of each pair. Windows and Android are not in Loghub-2.0.
 */
const DRAIN_LOGHUB2: Partial<Record<LoghubSystem, Scores>> = {
  HDFS: { ga: 0.998, fga: 0.839, pa: 0.5, fta: 0.323 },
  Hadoop: { ga: 0.948, fga: 0.82, pa: 0.269, fta: 0.276 },
  Spark: { ga: 0.922, fga: 0.87, pa: 0.362, fta: 0.493 },
  Zookeeper: { ga: 0.967, fga: 0.854, pa: 0.497, fta: 0.354 },
  OpenStack: { ga: 0.733, fga: 0.117, pa: 0.018, fta: 0.018 },
  HPC: { ga: 0.887, fga: 0.753, pa: 0.635, fta: 0.366 },
  Thunderbird: { ga: 0.955, fga: 0.773, pa: 0.046, fta: 0.248 },
  Linux: { ga: 0.69, fga: 0.93, pa: 0.183, fta: 0.435 },
  HealthApp: { ga: 0.78, fga: 0.351, pa: 0.231, fta: 0.109 },
  Apache: { ga: 1, fga: 1, pa: 0.694, fta: 0.5 },
};

/** Ours as the README reports them (3 decimals): a change that lowers one fails. */
const FLOOR: Record<LoghubSystem, Scores> = {
  HDFS: { ga: 1, fga: 1, pa: 0.943, fta: 0.929 },
  Hadoop: { ga: 0.988, fga: 0.946, pa: 0.972, fta: 0.795 },
  Spark: { ga: 0.999, fga: 0.958, pa: 0.939, fta: 0.704 },
  Zookeeper: { ga: 0.995, fga: 0.961, pa: 0.677, fta: 0.725 },
  OpenStack: { ga: 1, fga: 1, pa: 0.449, fta: 0.814 },
  HPC: { ga: 0.951, fga: 0.872, pa: 0.882, fta: 0.745 },
  Thunderbird: { ga: 0.989, fga: 0.945, pa: 0.929, fta: 0.736 },
  Windows: { ga: 1, fga: 1, pa: 0.988, fta: 0.82 },
  Linux: { ga: 0.941, fga: 0.987, pa: 0.923, fta: 0.883 },
  Android: { ga: 0.967, fga: 0.885, pa: 0.778, fta: 0.66 },
  HealthApp: { ga: 1, fga: 1, pa: 0.655, fta: 0.827 },
  Apache: { ga: 1, fga: 1, pa: 0.994, fta: 0.833 },
};

interface Row extends Scores {
  system: LoghubSystem;
  byEventId: number;
  original: number;
  templates: number;
}

function measure(system: LoghubSystem): Row {
  const sample = loadLoghub(dir!, system);
  const original = loadLoghub(dir!, system, false);
  const miner = new TemplateMiner();
  const learned = sample.content.map((c) => miner.learn(c));
  const groups = learned.map((id) => miner.canonical(id));
  const text = new Map<number, string>();
  for (const g of groups) if (!text.has(g)) text.set(g, normaliseTemplate(miner.template(g)));
  const templates = groups.map((g) => text.get(g)!);
  return {
    system,
    ga: groupingAccuracy(groups, sample.eventTemplate),
    fga: groupingF1(groups, sample.eventTemplate),
    pa: parsingAccuracy(templates, sample.eventTemplate),
    fta: templateF1(templates, sample.eventTemplate),
    byEventId: groupingAccuracy(groups, sample.eventId),
    original: original.eventId.length === groups.length ? groupingAccuracy(groups, original.eventId) : NaN,
    templates: text.size,
  };
}

describe.skipIf(!dir)('TemplateMiner accuracy on Loghub-2k (defaults)', () => {
  const rows = dir ? LOGHUB_SYSTEMS.map(measure) : [];
  const mean = (f: (r: Row) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
  const drainMean = (k: keyof Scores) => {
    const known = LOGHUB_SYSTEMS.filter((s) => DRAIN_LOGHUB2[s]);
    return known.reduce((s, x) => s + DRAIN_LOGHUB2[x]![k], 0) / known.length;
  };

  it('prints the table', () => {
    const fmt = (x: number) => x.toFixed(3);
    const drain = (s: LoghubSystem) => {
      const d = DRAIN_LOGHUB2[s];
      return d ? `${fmt(d.ga)} / ${fmt(d.pa)} / ${fmt(d.fga)} / ${fmt(d.fta)}` : '—';
    };
    const lines = [
      '| system | GA | PA | FGA | FTA | Drain GA / PA / FGA / FTA (Loghub-2.0) | GA (original truth) | templates |',
      '|---|---|---|---|---|---|---|---|',
      ...rows.map((r) => `| ${r.system} | ${fmt(r.ga)}${r.byEventId !== r.ga ? ` (by event id ${fmt(r.byEventId)})` : ''} | ${fmt(r.pa)} | ${fmt(r.fga)} | ${fmt(r.fta)} | ${drain(r.system)} | ${fmt(r.original)} | ${r.templates} |`),
      `| **mean** | **${fmt(mean((r) => r.ga))}** | **${fmt(mean((r) => r.pa))}** | **${fmt(mean((r) => r.fga))}** | **${fmt(mean((r) => r.fta))}** | ${fmt(drainMean('ga'))} / ${fmt(drainMean('pa'))} / ${fmt(drainMean('fga'))} / ${fmt(drainMean('fta'))} (ten systems) | ${fmt(mean((r) => r.original))} | |`,
    ];
    console.info(`TemplateMiner on Loghub-2k, one default configuration:\n${lines.join('\n')}`);
    expect(rows).toHaveLength(12);
  });

  it.each([...LOGHUB_SYSTEMS])('%s: at least Drain\'s published GA', (system) => {
    const row = rows.find((r) => r.system === system)!;
    expect(row.ga).toBeGreaterThanOrEqual(DRAIN_GA[system]);
  });

  it.each([...LOGHUB_SYSTEMS])('%s: GA, PA, FGA and FTA no lower than the README reports', (system) => {
    const row = rows.find((r) => r.system === system)!;
    // The README rounds to 3 decimals: a figure rounds to at least the reported one.
    for (const k of ['ga', 'pa', 'fga', 'fta'] as const) expect(row[k], `${system} ${k}`).toBeGreaterThanOrEqual(FLOOR[system][k] - 0.0005);
  });

  it('averages at least 0.90 GA', () => {
    expect(mean((r) => r.ga)).toBeGreaterThanOrEqual(0.9);
  });
});
