// The notebook's side of the Screen cell: what a screen reads and judges, and
// a candidate taken up as the notebook's features and detector.
import { declarationOf } from '../core/detect/registry.ts';
import type { ScreenCandidate } from '../core/experiment/screen.ts';
import type { Spec } from '../core/experiment/spec.ts';
import type { ScreenInput } from '../workers/screen.worker.ts';
import type { Notebook } from './notebook.svelte.ts';
import type { FeatureSettings } from './settings.ts';

/** What a screen reads and judges: these files, labels, split and unit; and a key naming them. */
export function screenInput(nb: Notebook): { input: ScreenInput; key: string } | null {
  if (!nb.files.length) return null;
  const spec: Spec = { version: 1, ...nb.specParts(), detectors: [] };
  return { input: { files: nb.files, format: nb.settings.format, readerOptions: nb.readerOptions(), spec }, key: screenKey(nb) };
}

/** Names what a screen judged (files, unit, labels, split), cheaply: the Screen cell compares it on every change. */
export function screenKey(nb: Notebook): string {
  return JSON.stringify([nb.files.map((f) => f.name), nb.settings.features.unit, nb.settings.labels, nb.settings.split]);
}

/** A screen's candidate becomes the notebook's feature set and its one detector, the threshold's run. */
export function applyScreenCandidate(nb: Notebook, c: ScreenCandidate): void {
  nb.cancelDetectors();
  nb.settings.detectors = [];
  const id = nb.freshId(declarationOf(c.detector.type)?.idPrefix ?? c.detector.type);
  const { columns, scaling, ...rest } = c.features;
  nb.settings.features = { ...rest, columns: columns ?? null, scaling: scaling ?? 'none' } as FeatureSettings;
  nb.settings.detectors = [{ id, type: c.detector.type, params: { ...c.detector.params } }];
  nb.settings.threshold.run = id;
  nb.syncStages();
  nb.changedFeatures();
}
