import { autoencoder } from './autoencoder.ts';
import type { Detector } from './detector.ts';
import { isolationForest } from './isolation-forest.ts';
import { lof } from './lof.ts';
import { pca } from './pca.ts';
import { rareTemplate } from './rare-template.ts';
import { templateNovelty } from './template-novelty.ts';
import { templateRate } from './template-rate.ts';
import { templateShare } from './template-share.ts';
import { variableRange } from './variable-range.ts';

/** Detectors that score any feature matrix: what a screen tries on every candidate feature set. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const GENERAL: Detector<any, any>[] = [isolationForest, lof, autoencoder, pca, rareTemplate];

/**
 * One anomaly kind each, judged against the baseline (the training units)
 * from the columns it names: a new template, a template's share, a
 * template's count per window, a variable out of its template's range. A
 * spec or the page picks them with the features they read; a screen's
 * candidate feature sets lack those columns, so it does not try them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const BASELINE_KINDS: Detector<any, any>[] = [templateNovelty, templateShare, templateRate, variableRange];

/** Every detector a spec can name, by `type`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const DETECTORS: Record<string, Detector<any, any>> = Object.fromEntries([...GENERAL, ...BASELINE_KINDS].map((d) => [d.type, d]));

/** The detector types that score any feature matrix (what a screen tries); `DETECTORS` has every type. */
export function detectorTypes(): string[] {
  return GENERAL.map((d) => d.type);
}

/** Whether a type is one of the baseline kinds (it reads particular columns). */
export function isBaselineKind(type: string): boolean {
  return BASELINE_KINDS.some((d) => d.type === type);
}

/** The detector for a spec `type`, or a message listing the known ones. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function getDetector(type: string): Detector<any, any> {
  const d = DETECTORS[type];
  if (!d) throw new Error(`unknown detector "${type}" (known: ${Object.keys(DETECTORS).join(', ')})`);
  return d;
}
