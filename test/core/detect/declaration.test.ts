// A detector is declared once (declaration.ts); the page's form, the spec
// schema users validate with and the defaults the code fills in must all
// name the same parameters. The schema is read from the committed file, so a
// declaration changed without regenerating it fails here too.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { declaredLimits, declaredNames, type ParamDeclaration } from '../../../app/core/detect/declaration.ts';
import { DETECTOR_FORMS, detectorForm } from '../../../app/core/detect/detector-forms.ts';
import { ENSEMBLE_DECLARATION } from '../../../app/core/detect/ensemble.ts';
import { DECLARATIONS, DETECTORS, declarationOf, detectorDefaults } from '../../../app/core/detect/registry.ts';
import { ENSEMBLE_DEFAULTS, ENSEMBLE_TYPE, normalizeEnsembleParams } from '../../../app/core/experiment/run-ensemble.ts';
import { SPEC_FIELDS } from '../../../app/core/experiment/parse-spec.ts';

const schema = JSON.parse(readFileSync(new URL('../../../app/core/experiment/spec.schema.json', import.meta.url), 'utf8'));
type Rule = { if: { properties: { type: { const: string } } }; then: { properties: { params: { properties: Record<string, unknown> } } } };
/** Per type, the params the committed schema allows, in its order. */
const schemaParams: Record<string, string[]> = Object.fromEntries(
  schema.properties.detectors.items.allOf.map((r: Rule) => [r.if.properties.type.const, Object.keys(r.then.properties.params.properties)]),
);
const sorted = (names: Iterable<string>) => [...names].sort();

describe('every detector names the same parameters in its form, the schema and its defaults', () => {
  for (const [type, detector] of Object.entries(DETECTORS)) {
    it(type, () => {
      const defaults = Object.keys(detector.defaults);
      const form = detectorForm(type)?.fields.map((f) => f.name);
      expect(form, `${type}: form`).toBeDefined();
      expect(sorted(form!), `${type}: form`).toEqual(sorted(defaults));
      expect(schemaParams[type], `${type}: spec.schema.json`).toEqual(defaults);
      expect(sorted(Object.keys(detector.declaration.params)), `${type}: declared params`).toEqual(sorted(defaults));
      // What normalize fills in is what the defaults say.
      expect(detector.normalize({}), `${type}: normalize({})`).toEqual(detector.defaults);
    });
  }

  it('ensemble (its cell is drawn by hand; its spec fields and defaults follow the declaration)', () => {
    const names = declaredNames(ENSEMBLE_DECLARATION);
    expect(schemaParams[ENSEMBLE_TYPE]).toEqual(names);
    expect(sorted(Object.keys(ENSEMBLE_DECLARATION.params))).toEqual(sorted(names));
    expect([...SPEC_FIELDS.ensemble]).toEqual(names);
    expect(Object.keys(normalizeEnsembleParams({ runs: ['a', 'b'] }))).toEqual(names);
    expect({ runs: [], ...ENSEMBLE_DEFAULTS }).toEqual(ENSEMBLE_DECLARATION.defaults);
    expect(ENSEMBLE_DECLARATION.type).toBe(ENSEMBLE_TYPE);
  });

  it('the schema has a rule for every declared type and no other', () => {
    expect(Object.keys(schemaParams)).toEqual(DECLARATIONS.map((d) => d.type));
    expect(DETECTOR_FORMS.map((f) => f.type)).toEqual(Object.keys(DETECTORS));
  });
});

describe('a detector and its declaration agree', () => {
  for (const [type, detector] of Object.entries(DETECTORS)) {
    it(type, () => {
      const d = detector.declaration;
      expect(d.type).toBe(type);
      expect(detector.defaults).toBe(d.defaults);
      expect(declaredLimits(d), `${type}: limits`).toEqual(detector.limits ?? {});
      for (const [name, p] of Object.entries<ParamDeclaration>(d.params)) {
        const value = (d.defaults as Record<string, unknown>)[name];
        const at = `${type}.${name}`;
        if (p.kind === 'choice') expect(p.choices, at).toContain(value);
        if (p.kind === 'integer' && p.limit) expect(p.limit.integer, at).toBe(true);
        if ((p.kind === 'integer' || p.kind === 'number') && value !== null) {
          expect(typeof value, at).toBe('number');
          if (p.limit) {
            expect(value as number, at).toBeGreaterThanOrEqual(p.limit.min);
            expect(value as number, at).toBeLessThanOrEqual(p.limit.max);
          }
        }
        if (value === null) expect(p.nullable, at).toBe(true);
      }
    });
  }
});

describe('the page\'s forms', () => {
  it('offer what the forms lacked before: the autoencoder\'s patience and PCA\'s components (empty = by variance)', () => {
    expect(detectorForm('autoencoder')!.fields.find((f) => f.name === 'patience')).toEqual({
      name: 'patience', label: 'Patience', kind: 'integer', min: 0, max: 10_000,
      help: 'epochs without a better validation loss before stopping; 0 = never stop early',
    });
    const components = detectorForm('pca')!.fields.find((f) => f.name === 'components');
    expect(components).toMatchObject({ kind: 'integer', min: 0, max: 10_000, nullable: true });
    expect(DETECTORS.pca.normalize({ components: null })).toEqual({ variance: 0.95, components: null });
  });

  it('keep each input inside the bounds normalize enforces', () => {
    for (const form of DETECTOR_FORMS) {
      const limits = DETECTORS[form.type].limits ?? {};
      for (const f of form.fields) {
        const limit = limits[f.name];
        if (!limit) continue;
        expect(f.min, `${form.type}.${f.name}`).toBeGreaterThanOrEqual(limit.min);
        expect(f.max, `${form.type}.${f.name}`).toBeLessThanOrEqual(limit.max);
      }
    }
  });

  it('show the fields in the declared order, which may differ from the spec\'s', () => {
    expect(detectorForm('template-share')!.fields.map((f) => f.name)).toEqual(['direction', 'smoothing']);
    expect(Object.keys(DETECTORS['template-share'].defaults)).toEqual(['smoothing', 'direction']);
  });
});

describe('detectorDefaults', () => {
  it('copies a type\'s defaults, lists too, so editing a run leaves them alone', () => {
    const params = detectorDefaults('autoencoder');
    expect(params).toEqual(DETECTORS.autoencoder.defaults);
    (params.layers as number[]).push(4);
    expect(DETECTORS.autoencoder.defaults.layers).toEqual([16, 8, 16]);
  });

  it('gives an ensemble no runs and the declared normalisation and combination', () => {
    expect(detectorDefaults(ENSEMBLE_TYPE)).toEqual({ runs: [], normalize: 'rank', combine: 'mean' });
    expect(declarationOf(ENSEMBLE_TYPE)).toBe(ENSEMBLE_DECLARATION);
  });

  it('refuses an unknown type, listing the known ones', () => {
    expect(() => detectorDefaults('magic')).toThrow(`unknown detector "magic" (known: ${[...Object.keys(DETECTORS), 'ensemble'].join(', ')})`);
    expect(declarationOf('magic')).toBeUndefined();
  });
});
