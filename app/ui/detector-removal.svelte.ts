// Removing detector cells, and putting them back (Undo) with their runs while
// the features are still those they ran on.
import { ENSEMBLE_TYPE } from '../core/experiment/run-ensemble.ts';
import type { Notebook } from './notebook.svelte.ts';
import type { DetectorSetting } from './settings.ts';

/** Removes a detector cell and the ensembles over it, keeping them for Undo (`nb.removed`). */
export function removeDetector(nb: Notebook, id: string): void {
  nb.stages[id]?.cancel();
  const gone = (d: DetectorSetting) => d.id === id || (d.type === ENSEMBLE_TYPE && (d.params.runs as string[]).includes(id));
  const cells = nb.settings.detectors.flatMap((d, index) => (gone(d) ? [{ index, setting: $state.snapshot(d) as DetectorSetting, run: nb.runs[d.id] }] : []));
  nb.removed = { cells, thresholdRun: nb.settings.threshold.run, prepared: nb.prepared };
  nb.settings.detectors = nb.settings.detectors.filter((d) => !gone(d));
  const runs = { ...nb.runs };
  for (const c of cells) delete runs[c.setting.id];
  nb.runs = runs;
  if (!nb.settings.detectors.some((d) => d.id === nb.settings.threshold.run)) {
    nb.settings.threshold.run = nb.settings.detectors[0]?.id ?? '';
  }
  nb.syncStages();
  nb.save();
}

/** Puts back what the last Remove took away, in its place, with its run when the features are still those it ran on. */
export function undoRemove(nb: Notebook): void {
  const r = nb.removed;
  if (!r) return;
  nb.removed = null;
  const detectors = [...nb.settings.detectors];
  for (const c of r.cells) if (!detectors.some((d) => d.id === c.setting.id)) detectors.splice(Math.min(c.index, detectors.length), 0, c.setting);
  nb.settings.detectors = detectors;
  const runs = { ...nb.runs };
  const stale: string[] = [];
  for (const c of r.cells) {
    // A run belongs to the matrix it scored: after features were rebuilt it runs again.
    if (c.run && nb.prepared && nb.prepared === r.prepared) runs[c.setting.id] = c.run;
    else stale.push(c.setting.id);
  }
  nb.runs = runs;
  if (nb.settings.detectors.some((d) => d.id === r.thresholdRun)) nb.settings.threshold.run = r.thresholdRun;
  nb.syncStages();
  nb.save();
  for (const id of stale) void nb.runDetector(id);
}
