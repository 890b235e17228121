import { autoencoder } from './autoencoder.ts';
import type { AnyDeclaration } from './declaration.ts';
import type { Detector } from './detector.ts';
import { ENSEMBLE_DECLARATION } from './ensemble.ts';
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

/**
 * The declaration of every `type` a spec can name: each detector's, then the
 * ensemble's (which combines runs and fits nothing, so it is no `Detector`).
 * The schema's detector part and the README's list follow this order.
 */
export const DECLARATIONS: readonly AnyDeclaration[] = [...Object.values(DETECTORS).map((d) => d.declaration), ENSEMBLE_DECLARATION];

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

/** The declaration of a spec `type` (a detector or the ensemble), or undefined for an unknown one. */
export function declarationOf(type: string): AnyDeclaration | undefined {
  return DECLARATIONS.find((d) => d.type === type);
}

/**
 * A new run's params: a copy of its type's defaults (lists copied too, so
 * editing the run never edits the defaults). An ensemble starts with no runs.
 * @throws on an unknown type, listing the known ones
 */
export function detectorDefaults(type: string): Record<string, unknown> {
  const d = declarationOf(type);
  if (!d) throw new Error(`unknown detector "${type}" (known: ${DECLARATIONS.map((x) => x.type).join(', ')})`);
  return Object.fromEntries(Object.entries(d.defaults).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v]));
}
