// The JSON Schema users validate their specs with must not drift from what
// parseSpec accepts: every list of names in it is checked against the code.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DETECTORS } from '../../../app/core/detect/registry.ts';
import { CATEGORICAL_MODES } from '../../../app/core/features/categorical-indicators.ts';
import { SCALINGS, TEXT_KINDS, UNITS } from '../../../app/core/features/feature-spec.ts';
import { SPLIT_METHODS } from '../../../app/core/features/split.ts';
import { FORMATS } from '../../../app/core/ingest/sniff-format.ts';
import { ENSEMBLE_TYPE } from '../../../app/core/experiment/run-ensemble.ts';
import { ALERT_PERIOD_MS, THRESHOLD_METHODS } from '../../../app/core/evaluate/threshold-methods.ts';
import { DEPLOY_FIELDS, SINK_FIELDS, SINK_KINDS, SOURCE_FIELDS, SOURCE_KINDS, WEBHOOK_FORMATS } from '../../../app/core/experiment/deploy-spec.ts';
import { SPEC_FIELDS } from '../../../app/core/experiment/parse-spec.ts';
import { FEATURE_FIELDS } from '../../../app/core/experiment/check-features.ts';
import { THRESHOLD_FIELDS } from '../../../app/core/experiment/check-threshold.ts';
import { FITTED_FIELDS } from '../../../app/core/experiment/check-fitted.ts';
import { FEATURE_LIMITS } from '../../../app/core/features/feature-spec.ts';
import type { ParamLimit } from '../../../app/core/detect/param-limits.ts';

const schema = JSON.parse(readFileSync(new URL('../../../app/core/experiment/spec.schema.json', import.meta.url), 'utf8'));
const props = schema.properties;

describe('spec.schema.json', () => {
  it('lists the formats, units, scalings, categorical modes and text kinds the code knows', () => {
    expect(props.source.properties.format.enum).toEqual(['auto', ...FORMATS]);
    expect(props.features.properties.unit.enum).toEqual([...UNITS]);
    expect(props.features.properties.scaling.enum).toEqual([...SCALINGS]);
    expect(props.features.properties.categorical.items.properties.mode.enum).toEqual([...CATEGORICAL_MODES]);
    expect(props.features.properties.text.properties.kind.enum).toEqual([...TEXT_KINDS]);
  });

  it('lists every split method and detector type', () => {
    expect(props.split.oneOf.map((o: { properties: { method: { const: string } } }) => o.properties.method.const)).toEqual([...SPLIT_METHODS]);
    expect(props.detectors.items.properties.type.enum).toEqual([...Object.keys(DETECTORS), ENSEMBLE_TYPE]);
  });

  it('lists every threshold method and alert period, with a rule for each method', () => {
    const threshold = props.threshold;
    expect(threshold.properties.method.enum).toEqual([...THRESHOLD_METHODS]);
    expect(threshold.properties.per.enum).toEqual(Object.keys(ALERT_PERIOD_MS));
    const ruled = threshold.allOf.map((r: { if: { properties: { method: { const: string } } } }) => r.if.properties.method.const);
    expect(ruled).toEqual([...THRESHOLD_METHODS]);
  });

  it('describes a fitted spec: its provenance, the resolved thresholds and the live-scoring fields', () => {
    expect(props.fitted.required).toEqual(['at', 'version', 'data', 'units']);
    expect(props.fitted.properties.data.items.properties.format.enum).toEqual([...FORMATS]);
    expect(props.fitted.properties.data.items.required).toEqual(['name', 'bytes', 'lines', 'sha256', 'format']);
    expect(props.threshold.properties.scores.additionalProperties.type).toEqual(['number', 'null']);
    expect(Object.keys(props.features.properties)).toEqual(expect.arrayContaining(['state', 'lateness', 'idle']));
  });

  it('lists the deploy section\'s source and sink kinds and webhook formats', () => {
    expect(props.deploy.properties.source.properties.kind.enum).toEqual([...SOURCE_KINDS]);
    expect(props.deploy.properties.sinks.items.properties.kind.enum).toEqual([...SINK_KINDS]);
    expect(props.deploy.properties.sinks.items.properties.format.enum).toEqual([...WEBHOOK_FORMATS]);
  });
});

type Node = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const names = (node: Node) => Object.keys(node.properties);
const sorted = (list: Iterable<string>) => [...list].sort();
/** Per `kind` (or `method`, `type`) of the `allOf` rules of a node: the property names it allows. */
const allowedPerKind = (node: Node, by = 'kind') => Object.fromEntries(node.allOf.map((r: Node) => [r.if.properties[by].const, r.then.propertyNames.enum]));

describe('spec.schema.json: additionalProperties false wherever the parser refuses unknown fields', () => {
  it('closes every object it lists the properties of (but rule fragments)', () => {
    const open: string[] = [];
    const walk = (node: unknown, path: string, fragment: boolean) => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}[${i}]`, fragment));
      if (typeof node !== 'object' || node === null) return;
      const n = node as Node;
      if (n.properties && !fragment && n.additionalProperties !== false) open.push(path);
      for (const [k, v] of Object.entries(n)) {
        // An if/then rule constrains some properties of an object closed elsewhere; what its properties hold is checked again.
        const isRule = k === 'if' || k === 'then';
        walk(v, `${path}/${k}`, isRule || (fragment && k !== 'properties'));
      }
    };
    walk(schema, '', false);
    expect(open).toEqual([]);
    expect(schema.additionalProperties).toBe(false);
  });

  it('lists the fields the parser knows, at every level', () => {
    expect(names(schema)).toEqual([...SPEC_FIELDS.spec]);
    expect(names(props.source)).toEqual([...SPEC_FIELDS.source]);
    expect(names(props.parse)).toEqual([...SPEC_FIELDS.parse]);
    expect(names(props.parse.properties.templates)).toEqual([...SPEC_FIELDS.templates]);
    expect(names(props.parse.properties.templates.properties.customMasks.items)).toEqual([...SPEC_FIELDS.customMask]);
    const rules = props.labels.oneOf.filter((o: Node) => o.type === 'object');
    const rule = (first: string): string[] => rules.filter((o: Node) => names(o)[0] === first).flatMap(names);
    expect(sorted([...new Set(rule('column'))])).toEqual(sorted(SPEC_FIELDS.labels.column));
    expect(rule('file')).toEqual([...SPEC_FIELDS.labels.file]);
    expect(rule('firstToken')).toEqual([...SPEC_FIELDS.labels.firstToken]);
    expect(rule('timeRanges')).toEqual([...SPEC_FIELDS.labels.timeRanges]);
    expect(names(rules.find((o: Node) => o.properties.firstToken).properties.firstToken)).toEqual([...SPEC_FIELDS.firstToken]);
    expect(names(rules.find((o: Node) => o.properties.timeRanges).properties.timeRanges.items)).toEqual([...SPEC_FIELDS.timeRange]);
    expect(Object.fromEntries(props.split.oneOf.map((o: Node) => [o.properties.method.const, names(o)]))).toEqual(SPEC_FIELDS.split);
    expect(names(props.detectors.items)).toEqual([...SPEC_FIELDS.detector]);
    expect(names(props.threshold)).toEqual([...THRESHOLD_FIELDS]);
    expect(names(props.review)).toEqual([...SPEC_FIELDS.review]);
    expect(names(props.review.properties.marks.items)).toEqual([...SPEC_FIELDS.mark]);
  });

  it('lists the features fields, per text kind', () => {
    const f = props.features;
    expect(sorted(names(f))).toEqual(sorted(FEATURE_FIELDS.features));
    expect(names(f.properties.categorical.items)).toEqual([...FEATURE_FIELDS.categorical]);
    expect(sorted(names(f.properties.text))).toEqual(sorted(new Set(Object.values(FEATURE_FIELDS.text).flat())));
    expect(allowedPerKind(f.properties.text)).toEqual(FEATURE_FIELDS.text);
    expect(names(f.properties.state)).toEqual([...FITTED_FIELDS.state]);
  });

  it('lists every detector type\'s params', () => {
    const rules = props.detectors.items.allOf;
    const params = Object.fromEntries(rules.map((r: Node) => [r.if.properties.type.const, names(r.then.properties.params)]));
    expect(params).toEqual({
      ...Object.fromEntries(Object.entries(DETECTORS).map(([type, d]) => [type, Object.keys(d.defaults)])),
      [ENSEMBLE_TYPE]: [...SPEC_FIELDS.ensemble],
    });
    for (const r of rules) expect(r.then.properties.params.additionalProperties).toBe(false);
  });

  it('lists the fitted and deploy fields', () => {
    expect(names(props.fitted)).toEqual([...FITTED_FIELDS.fitted]);
    expect(names(props.fitted.properties.data.items)).toEqual([...FITTED_FIELDS.file]);
    expect(names(props.fitted.properties.units)).toEqual([...FITTED_FIELDS.units]);
    const d = props.deploy;
    expect(names(d)).toEqual([...DEPLOY_FIELDS.deploy]);
    for (const part of ['retrain', 'alerts', 'watchdog', 'metrics', 'triage'] as const) expect(names(d.properties[part]), part).toEqual([...DEPLOY_FIELDS[part]]);
    expect(names(d.properties.retrain.properties.baseline)).toEqual([...DEPLOY_FIELDS.baseline]);
    expect(names(d.properties.alerts.properties.budget)).toEqual([...DEPLOY_FIELDS.budget]);
    const perKind = (fields: Record<string, { required: string[]; optional: string[] }>) =>
      Object.fromEntries(Object.entries(fields).map(([kind, f]) => [kind, ['kind', ...f.required, ...f.optional]]));
    expect(allowedPerKind(d.properties.source)).toEqual(perKind(SOURCE_FIELDS));
    expect(allowedPerKind(d.properties.sinks.items)).toEqual(perKind(SINK_FIELDS));
    expect(sorted(names(d.properties.source))).toEqual(sorted(new Set(Object.values(perKind(SOURCE_FIELDS)).flat())));
    expect(sorted(names(d.properties.sinks.items))).toEqual(sorted(new Set(Object.values(perKind(SINK_FIELDS)).flat())));
  });
});

describe('spec.schema.json: the bounds of every detector parameter and feature option', () => {
  /** The range a schema node gives, in the shape of a ParamLimit. */
  const range = (n: Node): ParamLimit => ({
    min: n.exclusiveMinimum ?? n.minimum,
    max: n.exclusiveMaximum ?? n.maximum,
    ...(n.exclusiveMinimum !== undefined ? { exclusiveMin: true } : {}),
    ...(n.exclusiveMaximum !== undefined ? { exclusiveMax: true } : {}),
    ...([n.type].flat().includes('integer') ? { integer: true } : {}),
  });

  it('gives each detector parameter the minimum and maximum its detector refuses outside', () => {
    for (const r of props.detectors.items.allOf) {
      const type = r.if.properties.type.const;
      if (type === ENSEMBLE_TYPE) continue;
      const params = r.then.properties.params.properties;
      const limits = DETECTORS[type].limits ?? {};
      expect(Object.keys(limits).length, type).toBeGreaterThan(0);
      for (const [name, limit] of Object.entries(limits)) {
        const node = limit.maxItems !== undefined ? params[name].items : params[name];
        const { maxItems, ...bounds } = limit;
        expect(range(node), `${type}.${name}`).toEqual(bounds);
        if (maxItems !== undefined) expect(params[name].maxItems, `${type}.${name}`).toBe(maxItems);
      }
      // Every numeric parameter but the seed has bounds.
      for (const [name, p] of Object.entries(params as Record<string, Node>)) {
        if (name !== 'seed' && ['number', 'integer'].some((t) => [p.type].flat().includes(t))) expect(limits, `${type}.${name}`).toHaveProperty(name);
      }
    }
  });

  it('gives each numeric feature option its bounds', () => {
    const text = props.features.properties.text.properties;
    for (const [name, limit] of Object.entries(FEATURE_LIMITS.wordVectors)) expect(range(text[name]), name).toEqual(limit);
    expect(range(text.width)).toEqual(FEATURE_LIMITS.hashedTfidf.width);
    const categorical = props.features.properties.categorical.items.properties;
    expect(range(categorical.minCount)).toEqual(FEATURE_LIMITS.categorical.minCount);
    expect(categorical.known.maxItems).toBe(FEATURE_LIMITS.categorical.known);
    expect(props.features.properties.step.description).toContain(`size / ${FEATURE_LIMITS.windowsPerRow}`);
    expect(props.features.properties.step.description).toContain(`at most ${FEATURE_LIMITS.windows} windows`);
  });
});
