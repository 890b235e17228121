import { FORMATS } from '../../../app/core/ingest/sniff-format.ts';
import { DETECTORS } from '../../../app/core/detect/registry.ts';
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSpec } from '../../../app/core/experiment/parse-spec.ts';
import { FieldError } from '../../../app/core/field-error.ts';

const example = JSON.parse(readFileSync(fileURLToPath(new URL('../../../experiments/webapp-isolation-forest.json', import.meta.url)), 'utf8'));

const minimal = () => ({
  version: 1,
  features: { unit: 'line' },
  detectors: [{ id: 'if', type: 'isolation-forest', params: { trees: 10, seed: 1 } }],
});

/** The FieldError parseSpec throws for a value. */
function specError(value: unknown): FieldError {
  try {
    parseSpec(value);
  } catch (e) {
    expect(e).toBeInstanceOf(FieldError);
    return e as FieldError;
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
    expect(e.field).toBe('version');
    expect(e.message).toBe('version: 2 is not supported (this version of the workbench reads version 1)');
    expect(specError({ ...minimal(), version: undefined }).message).toMatch(/^version: /);
    expect(specError({ ...minimal(), version: '1' }).field).toBe('version');
  });

  it('an unknown detector type, listing the known types', () => {
    const e = specError({ ...minimal(), detectors: [{ id: 'x', type: 'one-class-svm' }] });
    expect(e.field).toBe('detectors[0].type');
    const known = [...Object.keys(DETECTORS), 'ensemble'].join(', ');
    expect(e.message).toBe(`detectors[0].type: unknown detector "one-class-svm" (known: ${known})`);
    expect(known).toContain('isolation-forest');
    expect(known).toContain('template-novelty');
  });

  it('bad detector params, naming the field', () => {
    const e = specError({ ...minimal(), detectors: [{ id: 'if', type: 'isolation-forest', params: { trees: 0 } }] });
    expect(e.field).toBe('detectors[0].params');
    expect(e.message).toMatch(/^detectors\[0\]\.params: .*trees/);
    const e2 = specError({ ...minimal(), detectors: [{ id: 'if', type: 'isolation-forest', params: { treez: 5 } }] });
    expect(e2.field).toBe('detectors[0].params.treez');
    expect(e2.message).toBe('detectors[0].params.treez: unknown field (did you mean trees?)');
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
    expect(specError({ ...minimal(), source: { syslogYear: '2024' } }).message).toBe('source.syslogYear: must be a year such as 2024 (a whole number 1–9999), not "2024"');
    expect(specError({ ...minimal(), source: { syslogYear: 2024.5 } }).field).toBe('source.syslogYear');
    expect(() => parseSpec({ ...minimal(), source: { format: 'syslog', syslogYear: 2024 } })).not.toThrow();
    expect(specError({ ...minimal(), labels: { firstToken: { normal: 0 } } }).field).toBe('labels.firstToken.normal');
    expect(specError({ ...minimal(), labels: { column: 'y' } }).message).toBe('labels: column "y" needs "anomalous" or "normal": a list of values');
    expect(specError({ ...minimal(), labels: { anomalous: [1] } }).field).toBe('labels');
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

describe('parseSpec: unknown fields are refused with their path and the nearest known name', () => {
  const typo = (edit: (s: Record<string, any>) => void): string => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const spec: Record<string, any> = { ...structuredClone(example) }; // eslint-disable-line @typescript-eslint/no-explicit-any
    edit(spec);
    return specError(spec).message;
  };

  it('at the top: threshhold does not fall back to the top 5 %', () => {
    expect(typo((s) => { s.threshhold = s.threshold; delete s.threshold; })).toBe('threshhold: unknown field (did you mean threshold?)');
    expect(typo((s) => { s.Detectors = []; })).toBe('Detectors: unknown field (did you mean detectors?)');
    expect(typo((s) => { s.comment = 'mine'; })).toBe(
      'comment: unknown field (known: version, name, source, labels, parse, features, split, detectors, threshold, review, results, fitted, deploy)',
    );
    // A typo of version itself is named as such; a newer version's fields are not typos.
    expect(typo((s) => { s.verison = 1; delete s.version; })).toBe('verison: unknown field (did you mean version?)');
    expect(typo((s) => { s.version = 2; s.newField = 1; })).toBe('version: 2 is not supported (this version of the workbench reads version 1)');
  });

  it('in features, its categorical fields and its text vectors', () => {
    expect(typo((s) => { s.features = { unti: 'line' }; })).toBe('features.unti: unknown field (did you mean unit?)');
    expect(typo((s) => { s.features.scalling = 'standard'; })).toBe('features.scalling: unknown field (did you mean scaling?)');
    expect(typo((s) => { s.features.categorical = [{ feild: 'action' }]; })).toBe('features.categorical[0].feild: unknown field (did you mean field?)');
    expect(typo((s) => { s.features.text = { kind: 'hashed-tfidf', widht: 64 }; })).toBe('features.text.widht: unknown field (did you mean width?)');
    expect(typo((s) => { s.features.text = { kidn: 'hashed-tfidf' }; })).toBe('features.text.kidn: unknown field (did you mean kind?)');
    // A field of the other kind is not one of this kind's.
    expect(typo((s) => { s.features.text = { kind: 'word-vectors', width: 64 }; })).toBe(
      'features.text.width: unknown field (known: kind, size, window, minCount, epochs, negative, learningRate, sample, seed)',
    );
  });

  it('in a detector and its params', () => {
    expect(typo((s) => { s.detectors[0].params = { tres: 10 }; })).toBe('detectors[0].params.tres: unknown field (did you mean trees?)');
    expect(typo((s) => { s.detectors[0].groupby = 'host'; })).toBe('detectors[0].groupby: unknown field (did you mean groupBy?)');
    expect(typo((s) => { s.detectors.push({ id: 'lof', type: 'lof', params: { neighbours: 5 } }); })).toBe('detectors[1].params.neighbours: unknown field (known: k, metric, novelty)');
    expect(typo((s) => { s.detectors.push({ id: 'e', type: 'ensemble', params: { runs: ['if', 'if'], combin: 'max' } }); })).toBe(
      'detectors[1].params.combin: unknown field (did you mean combine?)',
    );
  });

  it('in source, labels, parse, split, threshold and review', () => {
    expect(typo((s) => { s.source.fromat = 'text'; })).toBe('source.fromat: unknown field (did you mean format?)');
    expect(typo((s) => { s.labels = { firstToken: { norml: '-' } }; })).toBe('labels.firstToken.norml: unknown field (did you mean normal?)');
    expect(typo((s) => { s.labels = { colum: 'label', anomalous: [1] }; })).toBe('labels.colum: unknown field (did you mean column?)');
    expect(typo((s) => { s.labels = { file: 'l.csv', key: 'id', column: 'Label', anomolous: ['Anomaly'] }; })).toBe('labels.anomolous: unknown field (did you mean anomalous?)');
    expect(typo((s) => { s.labels = { timeRanges: [{ from: '2026-03-02T10:00:00Z', too: '2026-03-02T10:05:00Z' }] }; })).toBe('labels.timeRanges[0].too: unknown field (did you mean to?)');
    expect(typo((s) => { s.parse = { template: {} }; })).toBe('parse.template: unknown field (did you mean templates?)');
    expect(typo((s) => { s.parse = { templates: { simlarity: 0.5 } }; })).toBe('parse.templates.simlarity: unknown field (did you mean similarity?)');
    expect(typo((s) => { s.parse = { templates: { customMasks: [{ pattern: 'x', replace: '<x>' }] } }; })).toBe(
      'parse.templates.customMasks[0].replace: unknown field (did you mean replacement?)',
    );
    expect(typo((s) => { s.split = { method: 'time', trainUnitl: '2026-03-02T10:00:00Z' }; })).toBe('split.trainUnitl: unknown field (did you mean trainUntil?)');
    expect(typo((s) => { s.split = { method: 'all', train: 0.5 }; })).toBe('split.train: unknown field (known: method)');
    expect(typo((s) => { s.split = { methd: 'all' }; })).toBe('split.methd: unknown field (did you mean method?)');
    expect(typo((s) => { s.threshold.vaule = 0.1; })).toBe('threshold.vaule: unknown field (did you mean value?)');
    expect(typo((s) => { s.review = { marks: [{ unit: 1, lable: 1 }] }; })).toBe('review.marks[0].lable: unknown field (did you mean label?)');
  });

  it('prototype names are ordinary unknown fields, and a long key is cut in the message', () => {
    const withProto = JSON.parse(JSON.stringify(example).replace(/^\{/, '{"__proto__": {"x": 1}, '));
    expect(specError(withProto).message).toMatch(/^__proto__: unknown field \(known: /);
    expect(typo((s) => { s.features.constructor = 'x'; })).toMatch(/^features\.constructor: unknown field \(known: /);
    expect(typo((s) => { s['a b'] = 1; })).toMatch(/^\["a b"\]: unknown field/);
    expect(typo((s) => { s['k'.repeat(10_000)] = 1; })).toMatch(new RegExp(`^${'k'.repeat(60)}…: unknown field`));
  });

  it('a field left undefined in an object (absent in JSON) is not a typo', () => {
    expect(() => parseSpec({ ...minimal(), threshhold: undefined })).not.toThrow();
  });

  it('accepts every example spec of experiments/ and experiments/watch/', () => {
    const root = new URL('../../../experiments/', import.meta.url);
    const files = ['', 'watch/'].flatMap((dir) => readdirSync(new URL(dir, root)).filter((f) => f.endsWith('.json')).map((f) => new URL(dir + f, root)));
    expect(files.length).toBeGreaterThanOrEqual(11);
    for (const file of files) expect(() => parseSpec(JSON.parse(readFileSync(file, 'utf8'))), fileURLToPath(file)).not.toThrow();
  });
});

describe('parseSpec: absurd parameters are refused at validation, naming the field and the bound', () => {
  const withDetector = (d: object) => specError({ ...minimal(), detectors: [{ id: 'd', ...d }] }).message;
  const withFeatures = (features: object) => specError({ ...minimal(), features }).message;

  it('Isolation Forest: trees 1e9 (ran out of memory), and trees × sampleSize', () => {
    expect(withDetector({ type: 'isolation-forest', params: { trees: 1e9 } })).toBe('detectors[0].params.trees: 1000000000 is above the limit 10000');
    expect(withDetector({ type: 'isolation-forest', params: { sampleSize: 1e6 } })).toBe('detectors[0].params.sampleSize: 1000000 is above the limit 100000');
    expect(withDetector({ type: 'isolation-forest', params: { trees: 1000, sampleSize: 100_000 } })).toBe(
      'detectors[0].params.sampleSize: trees × sampleSize = 1000 × 100000 = 100000000 is above the limit 5000000: use fewer trees or a smaller sample',
    );
    expect(() => parseSpec({ ...minimal(), detectors: [{ id: 'd', type: 'isolation-forest', params: { trees: 10_000, sampleSize: 500 } }] })).not.toThrow();
  });

  it('autoencoder: layers of 1e6 ("Invalid typed array length"), too many layers, epochs and the rest', () => {
    expect(withDetector({ type: 'autoencoder', params: { layers: [16, 1e6, 16] } })).toBe('detectors[0].params.layers[1]: 1000000 is above the limit 2048');
    expect(withDetector({ type: 'autoencoder', params: { layers: Array(17).fill(8) } })).toBe('detectors[0].params.layers: 17 layers is above the limit 16');
    expect(withDetector({ type: 'autoencoder', params: { epochs: 1e6 } })).toBe('detectors[0].params.epochs: 1000000 is above the limit 10000');
    expect(withDetector({ type: 'autoencoder', params: { batchSize: 1e6 } })).toBe('detectors[0].params.batchSize: 1000000 is above the limit 65536');
    expect(withDetector({ type: 'autoencoder', params: { learningRate: 5 } })).toBe('detectors[0].params.learningRate: 5 is above the limit 1');
    expect(withDetector({ type: 'autoencoder', params: { patience: 1e5 } })).toBe('detectors[0].params.patience: 100000 is above the limit 10000');
  });

  it('LOF, PCA and the rare-pattern baseline', () => {
    expect(withDetector({ type: 'lof', params: { k: 1e5 } })).toBe('detectors[0].params.k: 100000 is above the limit 1000');
    expect(withDetector({ type: 'pca', params: { components: 1e5 } })).toBe('detectors[0].params.components: 100000 is above the limit 10000');
    expect(withDetector({ type: 'rare-template', params: { smoothing: 1e7 } })).toBe('detectors[0].params.smoothing: 10000000 is above the limit 1000000');
  });

  it('the four kinds judged against a baseline, naming the field', () => {
    expect(withDetector({ type: 'template-novelty', params: { minShare: 2 } })).toBe('detectors[0].params.minShare: 2 is above the limit 1');
    expect(withDetector({ type: 'template-novelty', params: { minShare: -1 } })).toBe('detectors[0].params: invalid minShare: -1 (expected a share in [0, 1])');
    expect(withDetector({ type: 'template-share', params: { smoothing: 1e7 } })).toBe('detectors[0].params.smoothing: 10000000 is above the limit 1000000');
    expect(withDetector({ type: 'template-share', params: { direction: 'up' } })).toBe('detectors[0].params: invalid direction: "up" (expected one of rarer, commoner, both)');
    expect(withDetector({ type: 'template-rate', params: { minVariance: 1e10 } })).toBe('detectors[0].params.minVariance: 10000000000 is above the limit 1000000000');
    expect(withDetector({ type: 'template-rate', params: { direction: 'rarer' } })).toBe('detectors[0].params: invalid direction: "rarer" (expected one of both, more, fewer)');
    expect(withDetector({ type: 'variable-range', params: { k: 1e4 } })).toBe('detectors[0].params.k: 10000 is above the limit 1000');
    expect(withDetector({ type: 'variable-range', params: { kk: 3 } })).toMatch(/^detectors\[0\]\.params\.kk: unknown field \(did you mean k\?\)/);
    for (const type of ['template-novelty', 'template-share', 'template-rate', 'variable-range']) {
      expect(() => parseSpec({ ...minimal(), detectors: [{ id: 'd', type }] }), type).not.toThrow();
    }
    expect(() => parseSpec({ ...minimal(), features: { unit: 'line', columns: ['template', 'variable-range'], scaling: 'none' } })).not.toThrow();
  });

  it('the lower bounds keep their messages', () => {
    expect(withDetector({ type: 'isolation-forest', params: { trees: 0 } })).toBe('detectors[0].params: invalid trees: 0 (expected an integer >= 1)');
  });

  it('word vectors: size 1e7 (took 6.6 GB) and their other options', () => {
    expect(withFeatures({ unit: 'line', text: { kind: 'word-vectors', size: 1e7 } })).toBe('features.text.size: 10000000 is above the limit 512');
    expect(withFeatures({ unit: 'line', text: { kind: 'word-vectors', window: 1000 } })).toBe('features.text.window: 1000 is above the limit 100');
    expect(withFeatures({ unit: 'line', text: { kind: 'word-vectors', epochs: 1e4 } })).toBe('features.text.epochs: 10000 is above the limit 100');
    expect(withFeatures({ unit: 'line', text: { kind: 'word-vectors', negative: 1e3 } })).toBe('features.text.negative: 1000 is above the limit 100');
    expect(withFeatures({ unit: 'line', text: { kind: 'word-vectors', sample: 2 } })).toBe('features.text.sample: 2 is above the limit 1');
    expect(withFeatures({ unit: 'line', text: { kind: 'hashed-tfidf', width: 1e6 } })).toBe('features.text.width: 1000000 is above the limit 4096');
  });

  it('a 1 ms window step (filled a Map), and window, lateness and idle durations', () => {
    expect(withFeatures({ unit: 'window', size: '5m', step: '1ms' })).toBe(
      'features.step: "1ms" is below the limit 30ms for size "5m" (each row would be in 300000 windows; the limit is 10000)',
    );
    expect(() => parseSpec({ ...minimal(), features: { unit: 'window', size: '5m', step: '30ms' } })).not.toThrow();
    expect(() => parseSpec({ ...minimal(), features: { unit: 'window', size: '1ms' } })).not.toThrow();
    expect(withFeatures({ unit: 'window', size: '400d' })).toBe('features.size: "400d" is above the limit 366d');
    expect(withFeatures({ unit: 'window', size: '0.5ms' })).toBe('features.size: "0.5ms" is below the limit 1ms');
    expect(withFeatures({ unit: 'window', size: '5m', lateness: '8d' })).toBe('features.lateness: "8d" is above the limit 7d');
    expect(withFeatures({ unit: 'session', key: 'id', idle: '31d' })).toBe('features.idle: "31d" is above the limit 30d');
  });

  it('categorical fields: known values and minCount', () => {
    const known = Array.from({ length: 10_001 }, (_, i) => `v${i}`);
    expect(withFeatures({ unit: 'line', categorical: [{ field: 'a', mode: 'onehot', known }] })).toBe('features.categorical[0].known: 10001 values is above the limit 10000');
    expect(withFeatures({ unit: 'line', categorical: [{ field: 'a', minCount: 1e10 }] })).toBe('features.categorical[0].minCount: 10000000000 is above the limit 1000000000');
  });
});

describe('parseSpec: the error carries its field, its detail and what caused it', () => {
  /** [field, detail, the cause's class name or undefined] for a value parseSpec refuses. */
  const typed = (value: unknown) => {
    const e = specError(value);
    expect(e.message).toBe(`${e.field}: ${e.detail}`);
    return [e.field, e.detail, (e.cause as Error | undefined)?.name];
  };

  it('fields the validators check themselves: no cause', () => {
    expect(typed({ ...minimal(), threshold: { run: 'if', method: 'contamination', value: 2 } })).toEqual(['threshold.value', 'contamination 2 is outside 0–1', undefined]);
    expect(typed({ ...minimal(), split: { method: 'ratio', train: 1.5 } })).toEqual(['split.train', '1.5 is not a share between 0 and 1', undefined]);
    expect(typed({ ...minimal(), review: { marks: [{ unit: 0, label: 2 }] } })).toEqual(['review.marks[0].label', '2 is not 0 (normal) or 1 (anomalous)', undefined]);
    expect(typed({ ...minimal(), detectors: [{ id: 'x', type: 'magic' }] })).toEqual([
      'detectors[0].type',
      `unknown detector "magic" (known: ${[...Object.keys(DETECTORS), 'ensemble'].join(', ')})`,
      undefined,
    ]);
  });

  it('fields checked further down keep the lower error as the cause', () => {
    expect(typed({ ...minimal(), detectors: [{ id: 'if', type: 'isolation-forest', params: { trees: 1e9 } }] })).toEqual([
      'detectors[0].params.trees',
      '1000000000 is above the limit 10000',
      'ParamRangeError',
    ]);
    expect(typed({ ...minimal(), features: { unit: 'line', text: { kind: 'word-vectors', window: 0 } } })).toEqual([
      'features.text.window',
      'invalid word vector window: 0 (expected a whole number ≥ 1)',
      'Error',
    ]);
    // The first bad option in normalizeWordVectorOptions' order is the one named, whatever the spec's key order.
    expect(typed({ ...minimal(), features: { unit: 'line', text: { kind: 'word-vectors', seed: Number.NaN, epochs: 0 } } })[0]).toBe('features.text.epochs');
    expect(typed({ ...minimal(), features: { unit: 'window', size: 'soon' } })[0]).toBe('features.size');
    expect(specError({ ...minimal(), features: { unit: 'window', size: 'soon' } }).cause).toBeInstanceOf(Error);
  });

  it('a custom mask pattern keeps the field the pattern compiler named', () => {
    const e = specError({ ...minimal(), parse: { templates: { customMasks: [{ pattern: '(' }] } } });
    expect(e.field).toBe('parse.templates.customMasks[0].pattern');
    expect(e.detail).toMatch(/^"\(" cannot be used \(missing closing \)/);
  });
});
