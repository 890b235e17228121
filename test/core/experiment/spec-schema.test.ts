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
import { SINK_KINDS, SOURCE_KINDS, WEBHOOK_FORMATS } from '../../../app/core/watch/deploy-spec.ts';

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
