import { describe, expect, it } from 'vitest';
import { detectorForm, type ParamField } from '../../../app/core/detect/detector-forms.ts';
import { isRandomDetector, MAX_GRID_RUNS, parameterGrid, parseParamValues, seedGrid } from '../../../app/core/experiment/parameter-grid.ts';

const field = (type: string, name: string): ParamField => detectorForm(type)!.fields.find((f) => f.name === name)!;
const trees = field('isolation-forest', 'trees');
const maxFeatures = field('isolation-forest', 'maxFeatures');
const IF_BASE = { trees: 100, sampleSize: 256, maxFeatures: 1, seed: 1 };

describe('parseParamValues', () => {
  it('reads lists, integer ranges and stepped ranges, mixed', () => {
    expect(parseParamValues(trees, '50, 100, 200')).toEqual([50, 100, 200]);
    expect(parseParamValues(trees, '1..5')).toEqual([1, 2, 3, 4, 5]);
    expect(parseParamValues(trees, ' 1..3 , 10 ')).toEqual([1, 2, 3, 10]);
    expect(parseParamValues(trees, '1e2')).toEqual([100]);
  });

  it('ends a stepped range on its stop despite rounding', () => {
    expect(parseParamValues(maxFeatures, '0.01:0.1:0.03')).toEqual([0.01, 0.04, 0.07, 0.1]);
    expect(parseParamValues(maxFeatures, '0.1:0.3:0.1')).toEqual([0.1, 0.2, 0.3]);
    expect(parseParamValues(maxFeatures, '0.1:0.35:0.1')).toEqual([0.1, 0.2, 0.3]);
  });

  it('keeps a value given twice once, in first-seen order', () => {
    expect(parseParamValues(trees, '100, 50, 100, 1..2, 2')).toEqual([100, 50, 1, 2]);
  });

  it('reads choices, booleans and lists of integers', () => {
    expect(parseParamValues(field('lof', 'metric'), 'manhattan, euclidean')).toEqual(['manhattan', 'euclidean']);
    expect(parseParamValues(field('lof', 'novelty'), 'True, false')).toEqual([true, false]);
    expect(parseParamValues(field('autoencoder', 'layers'), '16, 8, 16; 8 4 8')).toEqual([[16, 8, 16], [8, 4, 8]]);
  });

  it('names the parameter and the text it could not read', () => {
    expect(() => parseParamValues(trees, '10, ten')).toThrow('trees: "ten" is not a number');
    expect(() => parseParamValues(trees, ' , ')).toThrow('trees: no values');
    expect(() => parseParamValues(trees, '5..1')).toThrow('trees: "5..1" runs backwards');
    expect(() => parseParamValues(maxFeatures, '0.1..0.5')).toThrow('a range a..b takes integers');
    expect(() => parseParamValues(maxFeatures, '0.1:0.5:0')).toThrow('the step must be above 0');
    expect(() => parseParamValues(field('lof', 'metric'), 'chebyshev')).toThrow('metric: "chebyshev" is not one of euclidean, manhattan, cosine');
    expect(() => parseParamValues(field('lof', 'novelty'), 'yes')).toThrow('novelty: "yes" is not true or false');
  });

  it('refuses a range larger than the limit before spelling it out', () => {
    expect(() => parseParamValues(trees, '1..1000000000')).toThrow(`trees: "1..1000000000" has 1000000000 values, more than ${MAX_GRID_RUNS}`);
    expect(() => parseParamValues(maxFeatures, '0:1:0.000001')).toThrow('more than');
  });
});

describe('parameterGrid', () => {
  it('is the cartesian product in form order, the first axis slowest', () => {
    // Typed in the other order: axes still follow the form (trees before sampleSize).
    const grid = parameterGrid('isolation-forest', IF_BASE, { sampleSize: '64, 256', trees: '10, 50' });
    expect(grid.axes).toEqual([{ name: 'trees', values: [10, 50] }, { name: 'sampleSize', values: [64, 256] }]);
    expect(grid.points).toEqual([
      { trees: 10, sampleSize: 64 },
      { trees: 10, sampleSize: 256 },
      { trees: 50, sampleSize: 64 },
      { trees: 50, sampleSize: 256 },
    ]);
  });

  it('ignores empty boxes and sweeps a single parameter', () => {
    const grid = parameterGrid('pca', { variance: 0.95 }, { variance: '0.8:0.9:0.05', components: '' });
    expect(grid.points).toEqual([{ variance: 0.8 }, { variance: 0.85 }, { variance: 0.9 }]);
  });

  it("checks every value with the detector's normalize, naming parameter and value", () => {
    expect(() => parameterGrid('isolation-forest', IF_BASE, { trees: '10, 0' })).toThrow('trees = 0: invalid trees: 0 (expected an integer >= 1)');
    expect(() => parameterGrid('isolation-forest', IF_BASE, { trees: '2.5' })).toThrow('trees = 2.5: invalid trees: 2.5');
    expect(() => parameterGrid('isolation-forest', IF_BASE, { maxFeatures: '0.5, 1.5' })).toThrow('maxFeatures = 1.5: invalid maxFeatures: 1.5');
    expect(() => parameterGrid('autoencoder', {}, { layers: '16, 8; 4, 0' })).toThrow(/^layers = 4, 0: /);
  });

  it('refuses a grid over the cap, saying how it adds up', () => {
    const ok = parameterGrid('isolation-forest', IF_BASE, { trees: '1..20', sampleSize: '2..11' });
    expect(ok.points).toHaveLength(200);
    expect(() => parameterGrid('isolation-forest', IF_BASE, { trees: '1..20', sampleSize: '2..12' })).toThrow(
      'the grid has 220 runs (20 trees × 11 sampleSize); at most 200: give fewer values',
    );
    expect(() => parameterGrid('isolation-forest', IF_BASE, { trees: '1..3', sampleSize: '2..3' }, { maxRuns: 5 })).toThrow('the grid has 6 runs');
  });

  it('refuses nothing to sweep and unknown parameters', () => {
    expect(() => parameterGrid('isolation-forest', IF_BASE, { trees: '  ' })).toThrow('no parameter to sweep');
    expect(() => parameterGrid('isolation-forest', IF_BASE, { depth: '3' })).toThrow('isolation-forest has no parameter depth to sweep');
    expect(() => parameterGrid('nope', {}, {})).toThrow('unknown detector "nope"');
  });
});

describe('seedGrid', () => {
  it('repeats over seed, seed + 1, … from the base seed', () => {
    expect(seedGrid('isolation-forest', { ...IF_BASE, seed: 7 }, 3).points).toEqual([{ seed: 7 }, { seed: 8 }, { seed: 9 }]);
    expect(seedGrid('autoencoder', {}, 2).points).toEqual([{ seed: 1 }, { seed: 2 }]);
  });

  it('is only for random detectors, and a sensible count', () => {
    expect(isRandomDetector('isolation-forest')).toBe(true);
    expect(isRandomDetector('lof')).toBe(false);
    expect(() => seedGrid('lof', {}, 5)).toThrow('lof has no seed');
    expect(() => seedGrid('isolation-forest', IF_BASE, 1)).toThrow('seeds: 1 (expected an integer from 2 to 200)');
    expect(() => seedGrid('isolation-forest', IF_BASE, 2.5)).toThrow('seeds: 2.5');
  });
});
