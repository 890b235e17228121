import { autoencoder } from './autoencoder.ts';
import type { Detector } from './detector.ts';
import { isolationForest } from './isolation-forest.ts';
import { lof } from './lof.ts';
import { pca } from './pca.ts';
import { rareTemplate } from './rare-template.ts';

/** Every detector a spec can name, by `type`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const DETECTORS: Record<string, Detector<any, any>> = Object.fromEntries(
  [isolationForest, lof, autoencoder, pca, rareTemplate].map((d) => [d.type, d]),
);

export function detectorTypes(): string[] {
  return Object.keys(DETECTORS);
}

/** The detector for a spec `type`, or a message listing the known ones. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function getDetector(type: string): Detector<any, any> {
  const d = DETECTORS[type];
  if (!d) throw new Error(`unknown detector "${type}" (known: ${detectorTypes().join(', ')})`);
  return d;
}
