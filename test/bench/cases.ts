/** The benchmark cases: the same data and settings on our side and scikit-learn's. */
export interface BenchCase {
  id: string;
  detector: 'isolation-forest' | 'lof' | 'autoencoder' | 'ml-isolation-forest';
  rows: number;
  cols: number;
  /** Parameters in our spec's names; the Python side maps them. */
  params: Record<string, unknown>;
  /** The bar from the issue, in words, for the table. */
  target?: string;
}

export const CASES: BenchCase[] = [
  { id: 'if-100k', detector: 'isolation-forest', rows: 100_000, cols: 20, params: { trees: 100, sampleSize: 256, seed: 1 }, target: '≤ 0.3× scikit-learn' },
  { id: 'if-1m', detector: 'isolation-forest', rows: 1_000_000, cols: 20, params: { trees: 100, sampleSize: 256, seed: 1 }, target: '≤ 5 s' },
  { id: 'lof-100k', detector: 'lof', rows: 100_000, cols: 16, params: { k: 20 }, target: '≤ 0.5× scikit-learn' },
  { id: 'ae-100k', detector: 'autoencoder', rows: 100_000, cols: 32, params: { layers: [16, 8, 16], epochs: 20, batchSize: 256, seed: 1 }, target: '≤ 10 s' },
  // ml-isolation-forest takes about a minute at 100k rows; 20k keeps the run short and still shows the gap.
  { id: 'ml-if-20k', detector: 'ml-isolation-forest', rows: 20_000, cols: 16, params: { trees: 100 }, target: 'baseline' },
  { id: 'if-20k', detector: 'isolation-forest', rows: 20_000, cols: 16, params: { trees: 100, sampleSize: 256, seed: 1 }, target: 'vs baseline' },
];
