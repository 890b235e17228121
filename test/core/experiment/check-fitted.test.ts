// A fitted spec edited by hand after fitting must be refused, naming the
// field, rather than scored with a model that no longer fits its features.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSpec } from '../../../app/core/experiment/parse-spec.ts';
import type { Spec } from '../../../app/core/experiment/spec.ts';
import { fitSpec } from '../../../app/core/score/fit-spec.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import { generateWebappLog } from '../../../datasets/webapp/generate.ts';
import { fixtureSpec, readFixture } from '../../fixtures/anomaly-kinds/load-fixture.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let fitted: Json;
beforeAll(async () => {
  const data = await readLogs([sourceFromText('app.log', generateWebappLog({ lines: 400, seed: 3 }))]);
  const spec = parseSpec({
    version: 1,
    features: { unit: 'line', columns: ['level', 'status', 'latency'], scaling: 'standard' },
    detectors: [
      { id: 'if', type: 'isolation-forest', params: { trees: 10, seed: 1 } },
      { id: 'pca', type: 'pca' },
      { id: 'ens', type: 'ensemble', params: { runs: ['if', 'pca'] } },
    ],
    threshold: { run: 'if', method: 'contamination', value: 0.05 },
  });
  const provenance = { data: [{ name: 'app.log', bytes: 10, lines: 400, sha256: '0'.repeat(64), format: 'text' as const }], version: '0.1.0' };
  fitted = JSON.parse(JSON.stringify(fitSpec(data, spec, provenance).spec));
});

/** The fitted spec with one edit, as a user's editor would leave it. */
function edited(edit: (s: Json) => void): unknown {
  const copy = structuredClone(fitted);
  edit(copy);
  return copy;
}

describe('fitted specs', () => {
  it('a fitted spec as written passes', () => {
    expect(() => parseSpec(fitted)).not.toThrow();
    expect((parseSpec(fitted) as Spec).fitted?.data[0].name).toBe('app.log');
  });

  const cases: [string, (s: Json) => void, string][] = [
    ['no feature state', (s) => delete s.features.state, 'features.state: a fitted spec needs the feature state'],
    ['another unit', (s) => Object.assign(s.features, { unit: 'row' }), 'features.state.unit: "line" was fitted, but features.unit is "row"'],
    ['other columns', (s) => (s.features.columns = ['level', 'status']), 'features.columns: ["level","status"] differs from the columns the state was fitted with (["level","status","latency"])'],
    ['another scaling', (s) => (s.features.scaling = 'minmax'), 'features.state.scaler.kind: "standard" was fitted, but features.scaling is "minmax"'],
    ['a scaler of the wrong length', (s) => s.features.state.scaler.offset.pop(), 'features.state.scaler.offset: expected 3 finite numbers'],
    ['no templates', (s) => delete s.features.state.templates, 'features.state.templates: a line unit scores new lines against the templates learned in training'],
    ['text vectors added', (s) => (s.features.text = { kind: 'hashed-tfidf' }), 'features.text: "hashed-tfidf" differs from the fitted text vectors (none)'],
    ['a model missing', (s) => delete s.detectors[1].model, 'detectors[1].model: a fitted spec needs every detector\'s model'],
    ['a model of another type', (s) => (s.detectors[0].model.type = 'lof'), 'detectors[0].model.type: "lof" is not a model of detector type "isolation-forest"'],
    ['a model on other columns', (s) => (s.detectors[0].model.cols = 2), 'detectors[0].model.cols: the model was fitted on 2 columns, but features.state.columns has 3'],
    ['an ensemble without references', (s) => delete s.detectors[2].model.references.pca, 'detectors[2].model.references.pca: expected the training scores of the run'],
    ['groupBy added after fitting', (s) => (s.detectors[0].groupBy = 'host'), 'detectors[0].model.type: "isolation-forest": a detector with groupBy has a per-group model'],
    ['a run without its threshold', (s) => delete s.threshold.scores.pca, 'threshold.scores.pca: missing'],
    ['a threshold that is not a score', (s) => (s.threshold.scores.if = 'high'), 'threshold.scores.if: "high" is not a score'],
    ['a threshold for no run', (s) => (s.threshold.scores.gone = 1), 'threshold.scores.gone: "gone" is not a detector id'],
    ['a bad checksum', (s) => (s.fitted.data[0].sha256 = 'xyz'), 'fitted.data[0].sha256: expected 64 hex digits'],
    ['a bad time', (s) => (s.fitted.at = 'yesterday'), 'fitted.at: expected an ISO 8601 time'],
    ['threshold scores without "fitted"', (s) => delete s.fitted, 'threshold.scores: resolved threshold scores belong to a fitted spec'],
    ['a typo in the provenance', (s) => (s.fitted.dat = s.fitted.data), 'fitted.dat: unknown field (did you mean data?)'],
    ['a typo in a training file', (s) => (s.fitted.data[0].sha = 'x'), 'fitted.data[0].sha: unknown field (did you mean sha256?)'],
    ['a typo in the unit counts', (s) => (s.fitted.units.judge = 1), 'fitted.units.judge: unknown field (did you mean judged?)'],
    ['a typo at the top of the feature state', (s) => (s.features.state.colums = []), 'features.state.colums: unknown field (did you mean columns?)'],
    ['a typo in threshold beside its scores', (s) => (s.threshold.scroes = {}), 'threshold.scroes: unknown field (did you mean scores?)'],
  ];
  for (const [what, edit, message] of cases) {
    it(`refuses ${what}, naming the field`, () => {
      expect(() => parseSpec(edited(edit))).toThrow(message);
    });
  }
});

describe('fitted specs of the kinds judged against a baseline', () => {
  let lines: Json;
  beforeAll(async () => {
    const provenance = { data: [{ name: 'lines.log', bytes: 10, lines: 12, sha256: '0'.repeat(64), format: 'text' as const }], version: '0.1.0' };
    lines = JSON.parse(JSON.stringify(fitSpec(await readFixture('lines.log'), fixtureSpec('lines.json'), provenance).spec));
  });

  it('keep their baseline in the state and the models, and pass as written', () => {
    expect(Object.keys(lines.features.state.variableRanges)).toEqual(['0']);
    expect(lines.detectors.map((d: Json) => d.model.type)).toEqual(['template-novelty', 'variable-range']);
    expect(() => parseSpec(lines)).not.toThrow();
  });

  const cases: [string, (s: Json) => void, string][] = [
    ['a state without the variable ranges', (s) => delete s.features.state.variableRanges, 'features.state.variableRanges: the variable-range column judges new lines against each template\'s training range'],
    ['a model of another type', (s) => (s.detectors[1].model.type = 'template-novelty'), 'detectors[1].model.type: "template-novelty" is not a model of detector type "variable-range"'],
    ['a model on other columns', (s) => (s.detectors[0].model.cols = 3), 'detectors[0].model.cols: the model was fitted on 3 columns, but features.state.columns has 2'],
  ];
  for (const [what, edit, message] of cases) {
    it(`refuses ${what}, naming the field`, () => {
      const copy = structuredClone(lines);
      edit(copy);
      expect(() => parseSpec(copy)).toThrow(message);
    });
  }
});
