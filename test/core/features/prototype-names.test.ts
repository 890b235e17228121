/**
 * Columns, groups, session keys and label keys named like Object.prototype
 * properties: a field of that name is used like any other, and a name the
 * data does not have is refused as "no field", never found on the prototype.
 */
import { describe, it, expect } from 'vitest';
import { parseSpec } from '../../../app/core/experiment/parse-spec.ts';
import { runExperiment } from '../../../app/core/experiment/run-experiment.ts';
import { groupValues } from '../../../app/core/features/group-values.ts';
import type { PerGroupModel } from '../../../app/core/detect/per-group.ts';
import { featureUnits } from '../../../app/core/features/feature-units.ts';
import { buildFeatures } from '../../../app/core/features/build-features.ts';
import { joinLabels } from '../../../app/core/ingest/label-join.ts';
import { parseLabelFile } from '../../../app/core/ingest/label-file.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import type { LogData } from '../../../app/core/ingest/log-data.ts';

const read = (name: string, text: string) => readLogs([sourceFromText(name, text)]);

/** 30 JSON lines over three hosts, with fields named __proto__ and constructor holding the host. */
const hostsLog = () => read('hosts.jsonl', Array.from({ length: 30 }, (_, i) => {
  const host = `h${i % 3}`;
  return `{"__proto__":"${host}","constructor":"${host}","ms":${10 + (i % 5)},"timestamp":"2024-03-02T10:00:${String(i).padStart(2, '0')}Z","message":"GET /x took ${i}"}`;
}).join('\n') + '\n');

/** Plain text lines without a single field. */
const plainLog = () => read('plain.log', Array.from({ length: 20 }, (_, i) => `INFO GET /a status=200 latency_ms=${10 + (i % 4)}`).join('\n') + '\n');

const lineRun = (columns: string[]) => parseSpec({
  version: 1,
  features: { unit: 'line', columns },
  detectors: [{ id: 'if', type: 'isolation-forest', params: { trees: 10, seed: 1 } }],
});

describe('a column named like Object.prototype', () => {
  it('features.columns ["field:constructor"] on data without it is refused, naming it', async () => {
    const data = await plainLog();
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(() => runExperiment(data, lineRun(['level', `field:${name}`])), name).toThrow(`features.columns: no numeric field or key=value number "${name}" in the data (numeric: status, latency_ms)`);
    }
  });

  it('a number named __proto__ or constructor is a column when the data has it', async () => {
    const data = await read('n.log', Array.from({ length: 20 }, (_, i) => `op __proto__=${i} constructor=${i * 2}`).join('\n') + '\n');
    const f = buildFeatures(data, { unit: 'line', columns: ['field:__proto__', 'field:constructor'], scaling: 'none' });
    expect(f.columns).toEqual(['field:__proto__', 'field:constructor']);
    expect(Array.from(f.matrix.data.subarray(0, 6))).toEqual([0, 0, 1, 2, 2, 4]);
  });

  it('row, categorical and aggregate columns: an inherited name is no field', async () => {
    const data = await plainLog();
    const row = parseSpec({ version: 1, features: { unit: 'row', columns: ['constructor'] }, detectors: [{ id: 'if', type: 'isolation-forest' }] });
    expect(() => runExperiment(data, row)).toThrow('features.columns: no field "constructor" (fields: none)');
    expect(() => buildFeatures(data, { unit: 'line', columns: ['level'], categorical: [{ field: 'toString' }] })).toThrow('features.categorical: no field or key=value "toString" in the data');
    const hosts = await hostsLog();
    const window = { unit: 'window' as const, size: '10s', columns: ['sum:valueOf'] };
    expect(() => buildFeatures(hosts, window)).toThrow('features.aggregates: no numeric field or key=value number "valueOf" in the data');
    expect(() => buildFeatures(hosts, { ...window, columns: ['distinct:hasOwnProperty'] })).toThrow('features.aggregates: no field or key=value "hasOwnProperty" in the data');
    // The fields that are there work: three hosts in every 10 s window.
    const f = buildFeatures(hosts, { ...window, columns: ['count', 'distinct:__proto__', 'distinct:constructor'], scaling: 'none' });
    expect(f.units?.names).toHaveLength(3);
    expect(Array.from(f.matrix.data)).toEqual([10, 3, 3, 10, 3, 3, 10, 3, 3]);
  });

  it('categorical known values learned from a field named __proto__', async () => {
    const f = buildFeatures(await hostsLog(), { unit: 'line', columns: ['level'], categorical: [{ field: '__proto__', mode: 'onehot' }], scaling: 'none' });
    expect(f.state.categorical?.[0].known).toEqual(['h0', 'h1', 'h2']);
    expect(f.columns).toEqual(['__proto__=h0', '__proto__=h1', '__proto__=h2', '__proto__=<other>']);
  });
});

describe('groups, sessions and labels keyed by __proto__ / constructor', () => {
  it('groupBy a field named __proto__ or constructor gives one group per host', async () => {
    const data = await hostsLog();
    for (const field of ['__proto__', 'constructor']) {
      expect(new Set(groupValues(data, field)), field).toEqual(new Set(['h0', 'h1', 'h2']));
      const spec = parseSpec({
        version: 1,
        features: { unit: 'row', columns: ['ms'] },
        detectors: [{ id: 'if', type: 'isolation-forest', groupBy: field, minGroupRows: 5, params: { trees: 10, seed: 1 } }],
      });
      const { runs } = runExperiment(data, spec);
      expect(Object.keys((runs[0].model as PerGroupModel).groups), field).toEqual(['h0', 'h1', 'h2']);
    }
  });

  it('groupBy a name the data does not have is refused, not one group', async () => {
    const data = await plainLog();
    for (const field of ['constructor', '__proto__', 'toString']) {
      expect(() => groupValues(data, field)).toThrow(`groupBy: no field "${field}" in the data (it has no fields)`);
    }
  });

  it('a window grouped by __proto__: a window per host', async () => {
    const units = featureUnits(await hostsLog(), { unit: 'window', size: '1m', groupBy: '__proto__' });
    expect(units?.group).toEqual(['h0', 'h1', 'h2']);
  });

  it('a session key naming a field __proto__ or constructor: one session per value', async () => {
    const data = await hostsLog();
    for (const key of ['__proto__', 'constructor']) {
      const units = featureUnits(data, { unit: 'session', key });
      expect(units?.key, key).toEqual({ field: key });
      expect(units?.names, key).toEqual(['h0', 'h1', 'h2']);
      expect(units!.rowStart[1] - units!.rowStart[0]).toBe(10);
    }
  });

  it('a session key "constructor" the data has no field for is a pattern, as any other name', async () => {
    const data = await read('s.log', 'a constructor b\nno match\n');
    const units = featureUnits(data, { unit: 'session', key: 'constructor' });
    expect(units?.key).toEqual({ pattern: 'constructor' });
    expect(units?.names).toEqual(['constructor']);
    const plain = await plainLog();
    expect(() => featureUnits(plain, { unit: 'session', key: 'toString' })).toThrow('features.key: no row has a session id for "toString"');
  });

  it('a label file keyed by a column __proto__, joined on a field __proto__', async () => {
    const data = await hostsLog();
    const rows = parseLabelFile('__proto__,Label\nh0,Normal\nh1,Anomaly\nh2,Normal\n', 'labels.csv');
    const { labels, unmatched } = joinLabels(data, { rows, key: '__proto__', column: 'Label' });
    expect(unmatched).toBe(0);
    expect(Array.from(labels).filter((l) => l === 1)).toHaveLength(10);
    expect(Array.from(labels).slice(0, 3)).toEqual([0, 1, 0]);
    // A key column `constructor` the table lacks is refused, and so is a key field the data lacks.
    expect(() => joinLabels(data, { rows, key: '__proto__', keyColumn: 'constructor', column: 'Label' })).toThrow('labels.join.keyColumn: the label table has no column "constructor" (columns: __proto__, Label)');
    const plain: LogData = await plainLog();
    expect(() => joinLabels(plain, { rows, key: 'toString', column: 'Label' })).toThrow('labels.join.key: no field "toString" in plain.log');
  });

  it('a label column named constructor is read and removed from the features', async () => {
    const data = await read('l.jsonl', Array.from({ length: 20 }, (_, i) => `{"constructor":"${i === 7 ? 'bad' : 'ok'}","ms":${i === 7 ? 900 : 10 + (i % 3)},"message":"m"}`).join('\n') + '\n');
    const spec = parseSpec({
      version: 1,
      labels: { column: 'constructor', anomalous: ['bad'] },
      features: { unit: 'row' },
      detectors: [{ id: 'if', type: 'isolation-forest', params: { trees: 20, seed: 1 } }],
    });
    const { prepared, report } = runExperiment(data, spec);
    expect(Object.keys(prepared.data.fields)).toEqual(['ms', 'message']);
    expect(report.dataset.anomalies).toBe(1);
    expect(report.runs[0].metrics.rocAuc).toBe(1);
  });
});
