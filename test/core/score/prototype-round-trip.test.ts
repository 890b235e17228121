/**
 * A fitted spec whose state and models hold Object.prototype names as keys
 * or entries (a group `__proto__`, a template and a word `__proto__`, a
 * categorical value `constructor`) survives export: fit → JSON text →
 * JSON.parse → parseSpec → score gives the scores of the experiment.
 */
import { describe, it, expect } from 'vitest';
import { fitSpec } from '../../../app/core/score/fit-spec.ts';
import { Scorer, scoredUnits } from '../../../app/core/score/scorer.ts';
import { stringifyFitted } from '../../../app/core/score/stringify-fitted.ts';
import { parseSpec } from '../../../app/core/experiment/parse-spec.ts';
import type { Spec } from '../../../app/core/experiment/spec.ts';
import type { PerGroupModel } from '../../../app/core/detect/per-group.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';

const PROVENANCE = { data: [{ name: 'p.jsonl', bytes: 1, lines: 1, sha256: 'a'.repeat(64), format: 'jsonl' as const }], version: '0.0.0-test', at: new Date('2026-12-01T00:00:00Z') };
const HOSTS = ['__proto__', 'constructor', 'toString'];
const MESSAGES = ['__proto__', 'constructor called for toString', 'valueOf __proto__ hasOwnProperty', 'user login ok'];

/** 120 JSON lines: hosts and values named like Object.prototype, messages made of such words, one odd line per host. */
const text = Array.from({ length: 120 }, (_, i) => {
  const odd = i % 40 === 17;
  const line = {
    host: HOSTS[i % 3],
    kind: ['constructor', '__proto__', 'plain'][i % 4 % 3],
    ms: odd ? 5000 : 10 + (i % 7),
    timestamp: new Date(Date.UTC(2024, 2, 2, 10, 0, i * 5)).toISOString(),
    message: odd ? 'panic in __proto__ handler' : MESSAGES[i % 4],
  };
  return JSON.stringify(line);
}).join('\n') + '\n';

const load = () => readLogs([sourceFromText('p.jsonl', text)]);

/** What a user does with an exported spec: the file's text, parsed and checked. */
const exported = (spec: Spec): Spec => parseSpec(JSON.parse(stringifyFitted(spec)));

async function expectSameScores(spec: Spec) {
  const data = await load();
  const { spec: fitted, experiment } = fitSpec(data, spec, PROVENANCE);
  const saved = exported(fitted);
  for (const run of experiment.runs) {
    const units = scoredUnits(new Scorer(saved, run.id).score(data));
    expect(units.map((u) => u.score), run.id).toEqual(Array.from(run.scores));
  }
  return { fitted, saved, experiment };
}

describe('fit → export → parse → score with Object.prototype names in the state', () => {
  it('line unit: per-host models for hosts __proto__/constructor/toString, a template and words __proto__, categorical values', async () => {
    const spec = parseSpec({
      version: 1,
      features: {
        unit: 'line',
        columns: ['template', 'length', 'field:ms'],
        categorical: [{ field: 'kind', mode: 'onehot' }],
        text: { kind: 'word-vectors', size: 4, minCount: 1, epochs: 1, seed: 3 },
      },
      detectors: [
        { id: 'if', type: 'isolation-forest', groupBy: 'host', params: { trees: 20, seed: 2 } },
        { id: 'pca', type: 'pca' },
      ],
    });
    const { fitted, saved } = await expectSameScores(spec);
    const state = saved.features.state!;
    expect(state.templates?.templates.some((t) => t.tokens.join(' ') === '__proto__')).toBe(true);
    expect(state.text?.kind === 'word-vectors' && state.text.vocab).toEqual(expect.arrayContaining(['__proto__', 'constructor', 'tostring', 'valueof', 'hasownproperty']));
    expect(state.categorical?.[0].known).toEqual(['__proto__', 'constructor', 'plain']);
    // The groups are own keys before and after the trip through JSON.
    for (const s of [fitted, saved]) {
      const groups = (s.detectors[0].model as PerGroupModel).groups;
      expect(Object.keys(groups)).toEqual(HOSTS);
      expect(Object.hasOwn(groups, '__proto__')).toBe(true);
    }
    expect(stringifyFitted(fitted)).toContain('"groups":{"__proto__":{');
  });

  it('a host the training had no model for, named valueOf, is scored by the all-rows model', async () => {
    const data = await load();
    const spec = parseSpec({
      version: 1,
      features: { unit: 'row', columns: ['ms'] },
      detectors: [{ id: 'if', type: 'isolation-forest', groupBy: 'host', params: { trees: 20, seed: 2 } }],
    });
    const saved = exported(fitSpec(data, spec, PROVENANCE).spec);
    const scorer = new Scorer(saved);
    const probe = async (host: string) => scoredUnits(scorer.score(await readLogs([sourceFromText('n.jsonl', `{"host":"${host}","ms":12}\n`)])))[0].score;
    const fallback = await probe('nobody');
    expect(await probe('valueOf')).toBe(fallback);
    expect(await probe('hasOwnProperty')).toBe(fallback);
    expect(await probe('__proto__')).not.toBe(fallback);
  });

  it('session unit keyed by a field whose values are __proto__ and constructor: the vocabulary entry __proto__ survives', async () => {
    const spec = parseSpec({
      version: 1,
      features: { unit: 'session', key: 'kind', columns: ['templates', 'length'] },
      detectors: [{ id: 'pca', type: 'pca' }],
    });
    const { saved } = await expectSameScores(spec);
    expect(saved.features.state?.sessionKey).toEqual({ field: 'kind' });
    expect(saved.features.state?.vocabulary?.templates).toContain('__proto__');
  });

  it('window unit grouped by host: windows of hosts __proto__ and constructor score as in training', async () => {
    const spec = parseSpec({
      version: 1,
      features: { unit: 'window', size: '1m', groupBy: 'host', columns: ['count', 'templates', 'distinct:kind', 'sum:ms'] },
      detectors: [{ id: 'if', type: 'isolation-forest', groupBy: 'host', minGroupRows: 2, params: { trees: 20, seed: 5 } }],
    });
    const { saved, experiment } = await expectSameScores(spec);
    expect(experiment.prepared.features.units?.group).toEqual(expect.arrayContaining(HOSTS));
    expect(Object.keys((saved.detectors[0].model as PerGroupModel).groups)).toEqual(HOSTS);
  });
});
