import { describe, expect, it } from 'vitest';
import { fitPerGroup, scorePerGroup } from '../../../app/core/detect/per-group.ts';
import { isolationForest } from '../../../app/core/detect/isolation-forest.ts';
import { matrixFromRows } from '../../../app/core/matrix.ts';
import { createRandom } from '../../../app/core/random.ts';
import { runExperiment } from '../../../app/core/experiment/run-experiment.ts';
import { parseSpec } from '../../../app/core/experiment/parse-spec.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';

/** Host a around 0, host b around 10, host c with 5 rows; row 0 of host a sits at 10: odd for a, normal for b. */
function hosts() {
  const rnd = createRandom(5);
  const rows: number[][] = [];
  const host: string[] = [];
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd.next())) * Math.cos(2 * Math.PI * rnd.next());
  rows.push([10, 10]);
  host.push('a');
  for (let i = 0; i < 199; i++) (rows.push([gauss(), gauss()]), host.push('a'));
  for (let i = 0; i < 200; i++) (rows.push([10 + gauss(), 10 + gauss()]), host.push('b'));
  for (let i = 0; i < 5; i++) (rows.push([5, 5]), host.push('c'));
  return { x: matrixFromRows(rows), host };
}

const rankOf = (scores: Float64Array, i: number) => Array.from(scores).filter((s) => s > scores[i]).length + 1;

describe('per-group models', () => {
  const params = isolationForest.normalize({ seed: 3 });

  it('scores a row against its own group: what is normal on one host is an anomaly on another', () => {
    const { x, host } = hosts();
    const { model, small } = fitPerGroup(isolationForest, params, x, host, 20);
    const perGroup = scorePerGroup(isolationForest, model, x, host);
    const global = isolationForest.score(isolationForest.fit(x, params), x);
    expect(rankOf(perGroup, 0)).toBe(1);
    expect(rankOf(global, 0)).toBeGreaterThan(20);
    expect(small).toEqual([{ group: 'c', rows: 5 }]);
    expect(Object.keys(model.groups).sort()).toEqual(['a', 'b']);
  });

  it('rows of small or unseen groups are scored by the all-rows model', () => {
    const { x, host } = hosts();
    const { model } = fitPerGroup(isolationForest, params, x, host, 20);
    const unseen = host.map((h) => (h === 'c' ? 'z' : h));
    const fallback = isolationForest.score(model.fallback as never, x);
    const s = scorePerGroup(isolationForest, model, x, unseen);
    for (let i = 400; i < 405; i++) expect(s[i]).toBe(fallback[i]);
  });

  it('a spec with groupBy fits one model per host and reports groups too small', async () => {
    const { x, host } = hosts();
    const text = Array.from({ length: x.rows }, (_, i) => JSON.stringify({ host: host[i], a: x.data[i * 2], b: x.data[i * 2 + 1] })).join('\n');
    const data = await readLogs([sourceFromText('hosts.jsonl', text)]);
    const spec = parseSpec({
      version: 1,
      features: { unit: 'row', columns: ['a', 'b'] },
      detectors: [{ id: 'per-host', type: 'isolation-forest', params: { seed: 3 }, groupBy: 'host' }],
    });
    const { report, runs } = runExperiment(data, spec);
    expect(report.runs[0].groups).toEqual({ smallGroups: [{ group: 'c', rows: 5 }] });
    expect(rankOf(runs[0].scores, 0)).toBe(1);
  });

  it('groupBy on a missing field names it', async () => {
    const data = await readLogs([sourceFromText('x.jsonl', '{"a":1}\n{"a":2}\n{"a":3}\n')]);
    const spec = parseSpec({ version: 1, features: { unit: 'row' }, detectors: [{ id: 'g', type: 'isolation-forest', groupBy: 'hostname' }] });
    expect(() => runExperiment(data, spec)).toThrow('groupBy: no field "hostname" in the data (fields: a)');
  });
});
