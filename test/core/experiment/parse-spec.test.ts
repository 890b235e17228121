import { FORMATS } from '../../../app/core/ingest/sniff-format.ts';
import { detectorTypes } from '../../../app/core/detect/registry.ts';
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSpec, SpecError } from '../../../app/core/experiment/parse-spec.ts';

const example = JSON.parse(readFileSync(fileURLToPath(new URL('../../../experiments/webapp-isolation-forest.json', import.meta.url)), 'utf8'));

const minimal = () => ({
  version: 1,
  features: { unit: 'line' },
  detectors: [{ id: 'if', type: 'isolation-forest', params: { trees: 10, seed: 1 } }],
});

/** The SpecError parseSpec throws for a value. */
function specError(value: unknown): SpecError {
  try {
    parseSpec(value);
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    return e as SpecError;
  }
  throw new Error('parseSpec accepted the spec');
}

describe('parseSpec: valid specs', () => {
  it('accepts the example experiment and returns it unchanged', () => {
    const spec = parseSpec(example);
    expect(spec).toEqual(example);
    expect(spec.detectors.map((d) => d.id)).toEqual(['if']);
    expect(spec.threshold).toEqual({ run: 'if', method: 'contamination', value: 0.05 });
  });

  it('accepts a minimal spec, fills nothing in', () => {
    expect(parseSpec(minimal())).toEqual(minimal());
  });

  it('accepts every label rule', () => {
    for (const labels of [
      { firstToken: { normal: '-' } },
      { column: 'label', anomalous: [1, 'yes'] },
      { column: 'label', normal: [0] },
      null,
    ]) expect(parseSpec({ ...minimal(), labels }).labels).toEqual(labels);
  });

  it('accepts the score threshold method and contamination at 0 and 1', () => {
    expect(() => parseSpec({ ...minimal(), threshold: { run: 'if', method: 'score', value: 0.61 } })).not.toThrow();
    expect(() => parseSpec({ ...minimal(), threshold: { run: 'if', method: 'contamination', value: 0 } })).not.toThrow();
    expect(() => parseSpec({ ...minimal(), threshold: { run: 'if', method: 'contamination', value: 1 } })).not.toThrow();
  });
});

describe('parseSpec: invalid specs name what is wrong', () => {
  it('not an object', () => {
    expect(specError([]).message).toBe('spec: expected an object, got a list');
    expect(specError(null).message).toBe('spec: expected an object, got null');
  });

  it('an unknown version', () => {
    const e = specError({ ...minimal(), version: 2 });
    expect(e.path).toBe('version');
    expect(e.message).toBe('version: 2 is not supported (this version of the workbench reads version 1)');
    expect(specError({ ...minimal(), version: undefined }).message).toMatch(/^version: /);
    expect(specError({ ...minimal(), version: '1' }).path).toBe('version');
  });

  it('an unknown detector type, listing the known types', () => {
    const e = specError({ ...minimal(), detectors: [{ id: 'x', type: 'one-class-svm' }] });
    expect(e.path).toBe('detectors[0].type');
    const known = [...detectorTypes(), 'ensemble'].join(', ');
    expect(e.message).toBe(`detectors[0].type: unknown detector "one-class-svm" (known: ${known})`);
    expect(known).toContain('isolation-forest');
  });

  it('bad detector params, naming the field', () => {
    const e = specError({ ...minimal(), detectors: [{ id: 'if', type: 'isolation-forest', params: { trees: 0 } }] });
    expect(e.path).toBe('detectors[0].params');
    expect(e.message).toMatch(/^detectors\[0\]\.params: .*trees/);
    const e2 = specError({ ...minimal(), detectors: [{ id: 'if', type: 'isolation-forest', params: { treez: 5 } }] });
    expect(e2.message).toMatch(/^detectors\[0\]\.params: .*treez/);
    expect(specError({ ...minimal(), detectors: [{ id: 'if', type: 'isolation-forest', params: [1] }] }).message).toBe(
      'detectors[0].params: expected an object, got a list',
    );
  });

  it('duplicate detector ids', () => {
    const d = { id: 'if', type: 'isolation-forest' };
    const e = specError({ ...minimal(), detectors: [d, { ...d }] });
    expect(e.message).toBe('detectors[1].id: "if" is used twice');
  });

  it('a missing or empty detector id', () => {
    expect(specError({ ...minimal(), detectors: [{ type: 'isolation-forest' }] }).message).toBe('detectors[0].id: expected a non-empty string');
    expect(specError({ ...minimal(), detectors: [] }).message).toBe('detectors: expected a non-empty list of detectors');
  });

  it('a threshold run that is not a detector id', () => {
    const e = specError({ ...minimal(), threshold: { run: 'lof', method: 'contamination', value: 0.05 } });
    expect(e.message).toBe('threshold.run: "lof" is not a detector id (ids: if)');
  });

  it('a contamination outside 0–1', () => {
    for (const value of [-0.1, 1.5]) {
      const e = specError({ ...minimal(), threshold: { run: 'if', method: 'contamination', value } });
      expect(e.message).toBe(`threshold.value: contamination ${value} is outside 0–1`);
    }
    expect(specError({ ...minimal(), threshold: { run: 'if', method: 'contamination', value: '5%' } }).message).toBe('threshold.value: expected a number');
    expect(specError({ ...minimal(), threshold: { run: 'if', method: 'top', value: 1 } }).message).toBe(
      'threshold.method: "top" is not known (known: contamination, score, percentile, best-f1, alert-budget, fpr)',
    );
  });

  it('features', () => {
    expect(specError({ ...minimal(), features: undefined }).message).toBe('features: expected an object, got undefined');
    expect(specError({ ...minimal(), features: { unit: 'hour' } }).message).toBe('features.unit: unknown unit "hour" (known: line, row, session, window)');
    expect(specError({ ...minimal(), features: { unit: 'window' } }).message).toBe('features.size: expected a duration such as "5m", got undefined');
    expect(specError({ ...minimal(), features: { unit: 'window', size: '5 min' } }).message).toBe(
      'features.size: "5 min" is not a duration (expected a number and a unit: ms, s, m, h or d, e.g. "5m")',
    );
    expect(specError({ ...minimal(), features: { unit: 'window', size: '1m', step: '2m' } }).message).toBe(
      'features.step: "2m" is longer than the size "1m": rows between windows would belong to none',
    );
    expect(specError({ ...minimal(), features: { unit: 'session' } }).message).toMatch(/^features.key: a session unit needs a key/);
    expect(specError({ ...minimal(), features: { unit: 'session', key: 'id', text: { kind: 'hashed-tfidf' } } }).message).toBe(
      'features.text: is per row; unit "session" takes aggregates instead (columns such as "distinct:FIELD")',
    );
    expect(specError({ ...minimal(), features: { unit: 'line', categorical: [{ field: 'action', mode: 'binary' }] } }).message).toBe(
      'features.categorical[0].mode: unknown mode "binary" (known: known, onehot)',
    );
    expect(specError({ ...minimal(), features: { unit: 'line', categorical: [{ field: 'a', minCount: 0 }] } }).message).toBe(
      'features.categorical[0].minCount: 0 is not an integer >= 1',
    );
    expect(specError({ ...minimal(), features: { unit: 'line', text: { kind: 'bert' } } }).message).toBe(
      'features.text.kind: unknown kind "bert" (known: hashed-tfidf, word-vectors)',
    );
    expect(specError({ ...minimal(), features: { unit: 'line', text: { kind: 'word-vectors', window: 0 } } }).message).toMatch(/^features.text.window: invalid word vector window: 0/);
    // The valid forms pass.
    expect(() => parseSpec({ ...minimal(), features: { unit: 'window', size: '5m', step: '1m', groupBy: 'host', columns: ['count', 'sum:bytes'], scaling: 'log1p' } })).not.toThrow();
    expect(() => parseSpec({ ...minimal(), features: { unit: 'line', categorical: [{ field: 'action' }], text: { kind: 'word-vectors', size: 8 } } })).not.toThrow();
    expect(specError({ ...minimal(), features: { unit: 'line', columns: 'level' } }).message).toBe('features.columns: expected a list of column names');
    expect(specError({ ...minimal(), features: { unit: 'line', scaling: 'rank' } }).message).toBe(
      'features.scaling: unknown scaling "rank" (known: none, zero-mean, standard, minmax, robust, log1p, tfidf)',
    );
  });

  it('source, labels, split and name', () => {
    expect(specError({ ...minimal(), source: { path: 3 } }).message).toBe('source.path: expected a string');
    expect(specError({ ...minimal(), source: { format: 'xml' } }).message).toBe(`source.format: unknown format "xml" (known: auto, ${FORMATS.join(', ')})`);
    expect(specError({ ...minimal(), labels: { firstToken: { normal: 0 } } }).path).toBe('labels.firstToken.normal');
    expect(specError({ ...minimal(), labels: { column: 'y' } }).message).toBe('labels: column "y" needs "anomalous" or "normal": a list of values');
    expect(specError({ ...minimal(), labels: { anomalous: [1] } }).path).toBe('labels');
    expect(specError({ ...minimal(), split: { method: 'weekly' } }).message).toBe('split.method: "weekly" is not known (known: all, time, ratio)');
    expect(specError({ ...minimal(), split: { method: 'time' } }).message).toBe('split.trainUntil: undefined is not an ISO 8601 time');
    expect(specError({ ...minimal(), split: { method: 'ratio', train: 2 } }).message).toBe('split.train: 2 is not a share between 0 and 1');
    expect(specError({ ...minimal(), name: 5 }).message).toBe('name: expected a string');
  });
});

describe('parseSpec: ensembles and groups', () => {
  const base = { version: 1, features: { unit: 'line' } };
  it('accepts an ensemble over detector ids', () => {
    expect(() =>
      parseSpec({ ...base, detectors: [{ id: 'a', type: 'isolation-forest' }, { id: 'b', type: 'pca' }, { id: 'e', type: 'ensemble', params: { runs: ['a', 'b'] } }] }),
    ).not.toThrow();
  });
  it('refuses an ensemble naming a missing run, or fewer than two', () => {
    expect(() => parseSpec({ ...base, detectors: [{ id: 'a', type: 'isolation-forest' }, { id: 'e', type: 'ensemble', params: { runs: ['a', 'zz'] } }] })).toThrow(
      'detectors[1].params.runs: "zz" is not a detector id (ids: a, e)',
    );
    expect(() => parseSpec({ ...base, detectors: [{ id: 'a', type: 'isolation-forest' }, { id: 'e', type: 'ensemble', params: { runs: ['a'] } }] })).toThrow(
      'detectors[1].params: invalid runs: ["a"] (expected the ids of at least two runs)',
    );
  });
  it('refuses a bad minGroupRows', () => {
    expect(() => parseSpec({ ...base, detectors: [{ id: 'a', type: 'isolation-forest', groupBy: 'host', minGroupRows: 0 }] })).toThrow(
      'detectors[0].minGroupRows: 0 is not an integer >= 1',
    );
  });
});

describe('parseSpec: label files and time ranges', () => {
  const base = { version: 1, features: { unit: 'line' }, detectors: [{ id: 'if', type: 'isolation-forest' }] };
  it('accepts a label file joined on a key, and time ranges', () => {
    expect(() => parseSpec({ ...base, labels: { file: 'anomaly_label.csv', key: 'blk_-?\\d+', column: 'Label', anomalous: ['Anomaly'] } })).not.toThrow();
    expect(() => parseSpec({ ...base, labels: { timeRanges: [{ from: '2026-03-02T10:00:00Z', to: '2026-03-02T10:05:00Z' }] } })).not.toThrow();
  });
  it('names what is wrong in them', () => {
    expect(() => parseSpec({ ...base, labels: { file: 'x.csv', column: 'Label' } })).toThrow('labels.key: expected a field name or a regex');
    expect(() => parseSpec({ ...base, labels: { timeRanges: [{ from: 'yesterday', to: '2026-03-02T10:05:00Z' }] } })).toThrow(
      'labels.timeRanges[0].from: "yesterday" is not an ISO 8601 time',
    );
  });
});

describe('parseSpec: review marks', () => {
  const base = { version: 1, features: { unit: 'line' }, detectors: [{ id: 'if', type: 'isolation-forest' }] };
  it('accepts marks and the baseline choice, unchanged', () => {
    const review = { marks: [{ unit: 3, label: 1 }, { unit: 0, label: 0 }], addNormalToBaseline: true };
    expect(parseSpec({ ...base, review }).review).toEqual(review);
    expect(() => parseSpec({ ...base, review: { marks: [] } })).not.toThrow();
  });
  it('names what is wrong in them', () => {
    expect(specError({ ...base, review: [] }).message).toBe('review: expected an object, got a list');
    expect(specError({ ...base, review: {} }).message).toBe('review.marks: expected a list of { unit, label }');
    expect(specError({ ...base, review: { marks: [{ unit: -1, label: 1 }] } }).message).toBe('review.marks[0].unit: -1 is not a unit index (an integer >= 0)');
    expect(specError({ ...base, review: { marks: [{ unit: 2, label: 'yes' }] } }).message).toBe('review.marks[0].label: "yes" is not 0 (normal) or 1 (anomalous)');
    expect(specError({ ...base, review: { marks: [], addNormalToBaseline: 1 } }).message).toBe('review.addNormalToBaseline: expected true or false');
  });
});
