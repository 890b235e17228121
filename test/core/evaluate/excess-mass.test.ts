// EM and MV against the code of Goix's benchmarks, run on the same seeded
// scores (test/fixtures/em-mv/generate.py, numpy + scikit-learn's auc).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emMv } from '../../../app/core/evaluate/excess-mass.ts';

interface Case { volume: number; sX: number[]; sUnif: number[]; emAuc: number; mvAuc: number }
const reference = JSON.parse(readFileSync(new URL('../../fixtures/em-mv/reference.json', import.meta.url), 'utf8')) as { cases: Case[] };

describe('emMv', () => {
  it.each(reference.cases.map((c, i) => [i, c] as const))('equals the reference implementation to 1e-12 (case %i)', (_, c) => {
    const { em, mv } = emMv(c.sX, c.sUnif, c.volume);
    expect(Math.abs(em - c.emAuc)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(c.emAuc)));
    expect(Math.abs(mv - c.mvAuc)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(c.mvAuc)));
  });

  it('prefers a score whose high-normality set is small: better EM and MV for a tight scorer than for a flat one', () => {
    // Data near 0, uniform points spread over [-10, 10]: a score that is high near 0 separates them.
    const data = Array.from({ length: 400 }, (_, i) => -Math.abs(((i % 40) - 20) / 20));
    const uniform = Array.from({ length: 2000 }, (_, i) => -Math.abs(-10 + (20 * i) / 1999));
    const good = emMv(data, uniform, 20);
    // A constant score cannot tell data from empty space.
    const flat = emMv(data.map(() => 0), uniform.map(() => 0), 20);
    expect(good.em).toBeGreaterThan(flat.em);
    expect(good.mv).toBeLessThan(flat.mv);
  });

  it('refuses empty scores and a volume that is not positive', () => {
    expect(() => emMv([], [1], 1)).toThrow('needs scores');
    expect(() => emMv([1], [1], 0)).toThrow('volume 0');
  });
});
