// A retrain, off the scoring thread: the rolling baseline and the spec come
// in, the fitted spec (or the error) goes out. `law watch` keeps scoring with
// the current model meanwhile and swaps in the new one when it arrives.
import { parentPort } from 'node:worker_threads';
import { fitSpec } from '../core/score/fit-spec.ts';
import { FileDigest } from '../core/score/sha256.ts';
import type { RetrainRequest, RetrainResult } from './retrainer.ts';
import { prepareBackends } from './prepare-backends.ts';

parentPort!.on('message', async (req: RetrainRequest) => {
  const started = performance.now();
  try {
    await prepareBackends(req.spec, () => {});
    // What the baseline was, for the fitted spec's provenance: its lines as read.
    const digest = new FileDigest();
    const encoder = new TextEncoder();
    for (const line of req.data.raw) digest.update(encoder.encode(line + '\n'));
    const { bytes, lines, sha256 } = digest.result();
    const { spec } = fitSpec(req.data, req.spec, { data: [{ name: req.name, bytes, lines, sha256, format: req.format }], version: req.version });
    parentPort!.postMessage({ ok: true, spec, ms: performance.now() - started } satisfies RetrainResult);
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: (e as Error).message, ms: performance.now() - started } satisfies RetrainResult);
  }
});
