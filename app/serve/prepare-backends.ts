import type { Spec } from '../core/experiment/spec.ts';
import { initNodeBackend } from './tf-node.ts';

/**
 * Async set-up some detectors need before their synchronous fit: the
 * autoencoder's TensorFlow.js backend (wasm, else cpu with a warning).
 */
export async function prepareBackends(spec: Spec, warn: (s: string) => void): Promise<void> {
  if (spec.detectors.some((d) => d.type === 'autoencoder')) await initNodeBackend((m) => warn(`warning: ${m}`));
}
