// The module is app/workers/split-score.ts; its test sits here because the unit project does not include test/workers/.
import { describe, expect, it } from 'vitest';
import { runDetector } from '../../app/core/experiment/run-experiment.ts';
import { createRandom } from '../../app/core/random.ts';
import { fitOnly, joinBlocks, rowBlock, scoreBlock } from '../../app/workers/split-score.ts';

describe('a detector run split by rows across workers', () => {
  const random = createRandom(7);
  const rows = 5_003;
  const cols = 4;
  const data = Float64Array.from({ length: rows * cols }, () => random.next() * 10);
  const x = { rows, cols, data, names: ['a', 'b', 'c', 'd'] };
  const spec = { id: 'if', type: 'isolation-forest', params: { trees: 50, sampleSize: 128, seed: 3 } };

  it('gives Isolation Forest the very scores and model of one run', () => {
    const whole = runDetector(x, spec);
    const { model, fitMs } = fitOnly(x, spec);
    const h = 2_500;
    const run = joinBlocks(spec, model, fitMs, [scoreBlock(rowBlock(x, 0, h), spec, model), scoreBlock(rowBlock(x, h, rows), spec, model)]);
    expect(run.scores).toEqual(whole.scores);
    expect(run.model).toEqual(whole.model);
    expect(run.params).toEqual(whole.params);
  });

  it('fits on the training rows as a run does', () => {
    const train = Int32Array.from({ length: 3_000 }, (_, i) => i * 1.6);
    const whole = runDetector(x, spec, {}, undefined, train);
    const { model } = fitOnly(x, spec, train);
    expect(scoreBlock(x, spec, model).scores).toEqual(whole.scores);
  });

  it('refuses a detector that does not score row by row, and names the row a run would', () => {
    expect(() => fitOnly(x, { id: 'lof', type: 'lof', params: {} })).toThrow('lof: lof runs in one worker');
    const bad = { ...x, data: Float64Array.from(data, (v, i) => (i === 4_001 * cols + 2 ? NaN : v)) };
    expect(() => fitOnly(bad, spec)).toThrow(/4001|4002/);
  });
});
