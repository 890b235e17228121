import { describe, expect, it } from 'vitest';
import { checkRange, checkUpper, ParamRangeError, showNumber } from '../../../app/core/detect/param-limits.ts';
import { DETECTORS } from '../../../app/core/detect/registry.ts';
import { DETECTOR_FORMS } from '../../../app/core/detect/detector-forms.ts';
import { ISOLATION_FOREST_MAX_NODES_SAMPLED } from '../../../app/core/detect/isolation-forest.ts';

describe('param limits', () => {
  it('checkUpper refuses values above the limit, naming the field and the bound', () => {
    expect(() => checkUpper('trees', 10_000, { min: 1, max: 10_000 })).not.toThrow();
    expect(() => checkUpper('trees', 1e9, { min: 1, max: 10_000 })).toThrow(new ParamRangeError('trees', '1000000000 is above the limit 10000'));
    expect(() => checkUpper('split', 1, { min: 0, max: 1, exclusiveMax: true })).toThrow('invalid split: 1 is at or above the limit 1');
  });

  it('checkRange checks both bounds and the type', () => {
    const limit = { min: 0, max: 1, exclusiveMin: true };
    expect(checkRange('rate', 0.5, limit)).toBe(0.5);
    expect(() => checkRange('rate', 0, limit)).toThrow('invalid rate: 0 is at or below the limit 0');
    expect(() => checkRange('rate', 2, limit)).toThrow('invalid rate: 2 is above the limit 1');
    expect(() => checkRange('n', 1.5, { min: 1, max: 5, integer: true })).toThrow('invalid n: 1.5 is not a whole number');
    expect(() => checkRange('n', '3', { min: 1, max: 5 })).toThrow('invalid n: "3" is not a number');
  });

  it('a ParamRangeError carries the field and the detail a spec error writes', () => {
    const e = new ParamRangeError('layers[1]', '1000000 is above the limit 2048');
    expect([e.field, e.detail, e.message]).toEqual(['layers[1]', '1000000 is above the limit 2048', 'invalid layers[1]: 1000000 is above the limit 2048']);
    expect(showNumber(1e9)).toBe('1000000000');
    expect(showNumber(0.001)).toBe('0.001');
  });
});

describe('every detector bounds its numeric parameters', () => {
  it('has limits for parameters it takes, and refuses the value past each limit with the field named', () => {
    for (const d of Object.values(DETECTORS)) {
      const limits = d.limits ?? {};
      expect(Object.keys(limits).length, d.type).toBeGreaterThan(0);
      for (const [name, limit] of Object.entries(limits)) {
        expect(Object.keys(d.defaults), d.type).toContain(name);
        const over = limit.integer ? limit.max + 1 : limit.max * 2;
        const value = limit.maxItems !== undefined ? [over] : over;
        let e: unknown;
        try {
          d.normalize({ [name]: value });
        } catch (err) {
          e = err;
        }
        const field = limit.maxItems !== undefined ? `${name}[0]` : name;
        expect(e, `${d.type}.${name}`).toBeInstanceOf(Error);
        if (e instanceof ParamRangeError) {
          expect(e.field).toBe(field);
          expect(e.message).toBe(`invalid ${field}: ${over} is ${limit.exclusiveMax ? 'at or ' : ''}above the limit ${limit.max}`);
        } else {
          // Shares (maxFeatures, variance, validationSplit) had their range, and its message, before.
          expect((e as Error).message, `${d.type}.${name}`).toMatch(new RegExp(`^invalid ${name}: ${over} \\(expected a number in [\\[(]0, 1[\\])]\\)$`));
        }
        // At the limit (or just under an exclusive one) is fine.
        const at = limit.exclusiveMax ? limit.max - 0.01 : limit.max;
        if (!(d.type === 'isolation-forest')) expect(() => d.normalize({ [name]: limit.maxItems !== undefined ? [at] : at }), `${d.type}.${name}`).not.toThrow();
      }
    }
  });

  it('the known absurd cases: trees 1e9, autoencoder layers of 1e6 and 17 layers', () => {
    expect(() => DETECTORS['isolation-forest'].normalize({ trees: 1e9 })).toThrow('invalid trees: 1000000000 is above the limit 10000');
    expect(() => DETECTORS.autoencoder.normalize({ layers: [1e6] })).toThrow('invalid layers[0]: 1000000 is above the limit 2048');
    expect(() => DETECTORS.autoencoder.normalize({ layers: Array(17).fill(4) })).toThrow('invalid layers: 17 layers is above the limit 16');
  });

  it('Isolation Forest bounds trees × sampleSize too', () => {
    const forest = DETECTORS['isolation-forest'];
    expect(() => forest.normalize({ trees: 10_000 })).not.toThrow(); // with the default sampleSize 256
    expect(() => forest.normalize({ sampleSize: 100_000, trees: 50 })).not.toThrow();
    expect(ISOLATION_FOREST_MAX_NODES_SAMPLED).toBe(5_000_000);
    expect(() => forest.normalize({ sampleSize: 100_000 })).toThrow(
      'invalid sampleSize: trees × sampleSize = 100 × 100000 = 10000000 is above the limit 5000000: use fewer trees or a smaller sample',
    );
  });

  it("the page's forms offer the same upper bounds", () => {
    for (const form of DETECTOR_FORMS) {
      const limits = DETECTORS[form.type].limits ?? {};
      for (const field of form.fields) {
        if (!limits[field.name]) continue;
        expect(field.max, `${form.type}.${field.name}`).toBeDefined();
        expect(field.max, `${form.type}.${field.name}`).toBeLessThanOrEqual(limits[field.name].max);
        if (field.kind === 'integer' || field.kind === 'integers') expect(field.max, `${form.type}.${field.name}`).toBe(limits[field.name].max);
      }
    }
  });
});
