/**
 * scikit-learn 1.2.1's numbers on Loghub's HDFS 100k block sessions
 * (test/fixtures/sklearn-hdfs-100k-sessions.json), and how the reference
 * tests hold ours against them. Shared by the detectors' test (a matrix built
 * locally) and the session features' test (the matrix built by readLogs).
 */
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isolationForest } from '../../app/core/detect/isolation-forest.ts';
import { averagePrecision, bestF1, rocAuc } from '../../app/core/evaluate/index.ts';
import type { Matrix } from '../../app/core/matrix.ts';

/** The sessions CSV, in the shared datasets folder beside the checkout (absent there, the tests skip). */
export const HDFS_SESSIONS_CSV = fileURLToPath(new URL('../../../shared/datasets/hdfs-100k-sessions/HDFS_100k_block_sessions.csv', import.meta.url));

export interface Scores { roc_auc: number; pr_auc: number; best_f1: number }

interface Reference {
  results: (Scores & { detector: string; params: Record<string, unknown> })[];
  full_precision: { 'PCA-SPE': Scores & { n_components: number } };
}

export const reference: Reference = JSON.parse(readFileSync(new URL('../fixtures/sklearn-hdfs-100k-sessions.json', import.meta.url), 'utf8'));

/** scikit-learn's numbers (rounded to 4 decimals) for one detector, LOF by its k. */
export function sk(detector: string, k?: number): Scores {
  const r = reference.results.find((x) => x.detector === detector && (k === undefined || x.params.n_neighbors === k));
  if (!r) throw new Error(`no reference for ${detector}`);
  return r;
}

/** Our scores judged as the reference judges them. */
export function metrics(scores: Float64Array, labels: ArrayLike<number>): Scores {
  return {
    roc_auc: rocAuc(scores, labels) as number,
    pr_auc: averagePrecision(scores, labels) as number,
    best_f1: (bestF1(scores, labels) as { f1: number }).f1,
  };
}

/** The references are rounded to 4 decimals: "at least" means ≥ reference − half a unit of that rounding. */
export const ROUNDING = 0.00005;

/** Ours reach the reference on all three numbers. */
export function reaches(got: Scores, ref: Scores): void {
  expect(got.roc_auc).toBeGreaterThanOrEqual(ref.roc_auc - ROUNDING);
  expect(got.pr_auc).toBeGreaterThanOrEqual(ref.pr_auc - ROUNDING);
  expect(got.best_f1).toBeGreaterThanOrEqual(ref.best_f1 - ROUNDING);
}

/** Isolation Forest (100 trees, 256 samples) over seeds 0..4: each seed's numbers and their mean. */
export function forestOverSeeds(x: Matrix, labels: ArrayLike<number>): { mean: Scores; runs: Scores[] } {
  const runs = [0, 1, 2, 3, 4].map((seed) => {
    const params = isolationForest.normalize({ trees: 100, sampleSize: 256, seed });
    return metrics(isolationForest.score(isolationForest.fit(x, params), x), labels);
  });
  const mean = (k: keyof Scores): number => runs.reduce((s, r) => s + r[k], 0) / runs.length;
  return { mean: { roc_auc: mean('roc_auc'), pr_auc: mean('pr_auc'), best_f1: mean('best_f1') }, runs };
}
