// Runs one benchmark case on our side in a fresh process and prints
// {"seconds", "maxRssMb"} on stdout. Usage: tsx our-case.ts CASE_ID DATA_FILE
import { readFileSync } from 'node:fs';
import { CASES } from './cases.ts';
import type { Matrix } from '../../app/core/matrix.ts';

const [id, file] = process.argv.slice(2);
const c = CASES.find((x) => x.id === id)!;
const bytes = readFileSync(file);
const data = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8);
const x: Matrix = { rows: c.rows, cols: c.cols, data, names: Array.from({ length: c.cols }, (_, j) => `x${j}`) };

async function detector() {
  if (c.detector === 'ml-isolation-forest') {
    const { IsolationForest } = await import('ml-isolation-forest');
    const rows = Array.from({ length: c.rows }, (_, i) => Array.from(data.subarray(i * c.cols, (i + 1) * c.cols)));
    return () => {
      const f = new IsolationForest({ nEstimators: c.params.trees as number });
      f.train(rows);
      f.predict(rows);
    };
  }
  const { getDetector } = await import('../../app/core/detect/registry.ts');
  const d = getDetector(c.detector);
  const params = d.normalize(c.params);
  if (c.detector === 'autoencoder') await (await import('../../app/serve/tf-node.ts')).initNodeBackend();
  return () => d.score(d.fit(x, params), x);
}

const run = await detector();
const t0 = performance.now();
run();
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
