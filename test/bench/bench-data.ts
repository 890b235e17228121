import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '../../app/core/random.ts';

/**
 * Benchmark data: rows × cols float64, row-major, little-endian, written once
 * to a temp file so both sides read the very same numbers. A mixture of a
 * correlated Gaussian cloud and 1 % uniform outliers, seeded.
 */
export function benchData(rows: number, cols: number, seed = 42): string {
  const dir = join(tmpdir(), 'law-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `data-${rows}x${cols}-s${seed}.f64`);
  if (existsSync(path)) return path;
  const rnd = createRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd.next())) * Math.cos(2 * Math.PI * rnd.next());
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const outlier = rnd.next() < 0.01;
    const base = gauss();
    for (let j = 0; j < cols; j++) data[i * cols + j] = outlier ? rnd.uniform(-6, 6) : 0.7 * base + 0.5 * gauss() + j * 0.1;
  }
  writeFileSync(path, new Uint8Array(data.buffer));
  return path;
}
