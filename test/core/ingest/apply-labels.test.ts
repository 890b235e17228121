import { describe, it, expect } from 'vitest';
import { applyLabels, countAnomalies, joinRuleFromFile } from '../../../app/core/ingest/apply-labels.ts';
import { parseLabelFile } from '../../../app/core/ingest/label-file.ts';
import { fixture } from './chunked.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';

const load = (name: string, text: string) => readLogs([sourceFromText(name, text)]);

describe('applyLabels: firstToken', () => {
  it('labels every token other than the normal one 1, and cuts the token from the message', async () => {
    const d = await load('bgl.log', '- INFO ok\nKERNDTLB FATAL bad\n  -   INFO  spaced\nAPPREAD\n-\n');
    const { data, labels } = applyLabels(d, { firstToken: { normal: '-' } });
    expect(Array.from(labels!)).toEqual([0, 1, 0, 1, 0]);
    expect(data.message).toEqual(['INFO ok', 'FATAL bad', '  INFO  spaced', '', '']);
    // The raw line stays as it is in the file; the input is not changed.
    expect(data.raw).toEqual(d.raw);
    expect(d.message[0]).toBe('- INFO ok');
    expect(countAnomalies(labels)).toBe(2);
  });

  it('compares the whole token, so "--" is not normal', async () => {
    const d = await load('x.log', '-- a\n-x b\n- c\n');
    expect(Array.from(applyLabels(d, { firstToken: { normal: '-' } }).labels!)).toEqual([1, 1, 0]);
  });
});

describe('applyLabels: column', () => {
  const csv = 'cpu,label,msg\n0.5,1,a\n0.7,0,b\n0.9,1,c\n0.1,,d\n';
  it('anomalous: listed values are 1, compared as text (1 and "1")', async () => {
    const d = await load('m.csv', csv);
    const { data, labels } = applyLabels(d, { column: 'label', anomalous: [1] });
    expect(Array.from(labels!)).toEqual([1, 0, 1, 0]);
    expect(Object.keys(data.fields)).toEqual(['cpu', 'msg']);
    expect(Array.from(applyLabels(d, { column: 'label', anomalous: ['1'] }).labels!)).toEqual([1, 0, 1, 0]);
  });

  it('normal: listed values are 0 and everything else is 1, a missing value included', async () => {
    const d = await load('m.csv', csv);
    const { labels } = applyLabels(d, { column: 'label', normal: ['0'] });
    expect(Array.from(labels!)).toEqual([1, 0, 1, 1]);
    expect(countAnomalies(labels)).toBe(3);
  });

  it('reads text and boolean labels', async () => {
    const d = await load('l.jsonl', '{"msg":"a","y":"attack"}\n{"msg":"b","y":"normal"}\n{"msg":"c","y":true}\n{"msg":"d","y":false}\n');
    expect(Array.from(applyLabels(d, { column: 'y', anomalous: ['attack', true] }).labels!)).toEqual([1, 0, 1, 0]);
  });

  it('removes the label column so it can never reach the features', async () => {
    const d = await load('m.csv', csv);
    const { data } = applyLabels(d, { column: 'label', anomalous: [1] });
    expect('label' in data.fields).toBe(false);
    expect(Array.from(data.fields.cpu as Float64Array)).toEqual([0.5, 0.7, 0.9, 0.1]);
    expect('label' in d.fields).toBe(true);
  });

  it('names the missing column and lists the fields there are', async () => {
    const d = await load('m.csv', csv);
    expect(() => applyLabels(d, { column: 'Label', anomalous: [1] })).toThrow(
      'labels.column: no field "Label" in m.csv (fields: cpu, label, msg)',
    );
  });

  it('points plain text to firstToken when there are no fields', async () => {
    const d = await load('p.log', 'hello\n');
    expect(() => applyLabels(d, { column: 'label', anomalous: [1] })).toThrow(
      'labels.column: no field "label" in p.log (it has no fields: use firstToken for plain text)',
    );
  });
});

describe('applyLabels: no rule', () => {
  it('returns the data unchanged and no labels', async () => {
    const d = await load('p.log', 'hello\n');
    expect(applyLabels(d, null)).toEqual({ data: d, labels: null });
    expect(applyLabels(d, undefined).labels).toBeNull();
    expect(countAnomalies(null)).toBeNull();
  });
});

describe('applyLabels: join', () => {
  it('labels from a label file joined on a key; the data is not changed; unmatched rows counted', async () => {
    const d = await load('HDFS.log', fixture('hdfs-raw.log'));
    const spec = { file: 'anomaly_label.csv', key: 'blk_-?\\d+', column: 'Label', anomalous: ['Anomaly'] };
    const rule = joinRuleFromFile(spec, parseLabelFile(fixture('anomaly_label.csv'), spec.file));
    expect(rule.join).toMatchObject({ key: spec.key, column: 'Label', anomalous: ['Anomaly'] });
    expect('file' in rule.join).toBe(false);
    const { data, labels, unmatched } = applyLabels(d, rule);
    expect(Array.from(labels!)).toEqual([0, 1, 0, 0, 1, 0]);
    expect(unmatched).toBe(1);
    expect(data).toBe(d);
    expect(countAnomalies(labels)).toBe(2);
  });
});

describe('applyLabels: timeRanges', () => {
  const log = [
    '2026-03-02T10:00:00Z ok',
    '2026-03-02T10:05:00Z in first range (start)',
    '2026-03-02T10:07:30Z in first range',
    '2026-03-02T10:10:00Z in first range (end, included)',
    '2026-03-02T10:10:00.001Z after',
    'no time here',
    '2026-03-02T12:00:00+01:00 in second range (11:00 UTC)',
  ].join('\n');
  it('rows whose time falls in any range are anomalous; rows without a time are normal and counted', async () => {
    const d = await load('t.log', log);
    const { data, labels, unmatched } = applyLabels(d, {
      timeRanges: [{ from: '2026-03-02T10:05:00Z', to: '2026-03-02T10:10:00Z' }, { from: '2026-03-02 11:00:00', to: '2026-03-02T11:00:00Z' }],
    });
    expect(Array.from(labels!)).toEqual([0, 1, 1, 1, 0, 0, 1]);
    expect(unmatched).toBe(1);
    expect(data).toBe(d);
  });

  it('names a bad range', async () => {
    const d = await load('t.log', log);
    expect(() => applyLabels(d, { timeRanges: [{ from: 'yesterday', to: '2026-03-02T10:00:00Z' }] })).toThrow('labels.timeRanges[0].from: "yesterday" is not an ISO 8601 time');
    expect(() => applyLabels(d, { timeRanges: [{ from: '2026-03-02T11:00:00Z', to: '2026-03-02T10:00:00Z' }] })).toThrow(
      'labels.timeRanges[0]: "to" (2026-03-02T10:00:00Z) is before "from" (2026-03-02T11:00:00Z)',
    );
    expect(() => applyLabels(d, { timeRanges: [] })).toThrow('labels.timeRanges: expected a list of { from, to }');
  });
});
