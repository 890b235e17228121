// Specs in and out of the page: what Download writes (the experiment as a
// spec, and the fitted spec — the experiment plus what the workers learned —
// that `law score` and `law watch` run alone), and a spec file imported.
import { fittedSpec, unitCounts } from '../core/score/fit-spec.ts';
import { reviewSilences } from '../core/evaluate/review-silences.ts';
import { GROUP_WILDCARD, maskMessage } from '../core/evaluate/anomaly-groups.ts';
import type { Spec, TrainingFile } from '../core/experiment/spec.ts';
import { parseSpec } from '../core/experiment/parse-spec.ts';
import { describeSpecProblem } from '../core/experiment/spec-problem.ts';
import type { IngestApi } from '../workers/ingest.worker.ts';
import { version as WORKBENCH_VERSION } from '../../package.json';
import type { Notebook } from './notebook.svelte.ts';
import { featureSpec, specLabels } from './settings.ts';
import { settingsFromSpec } from './spec-settings.ts';
import { specThreshold } from './threshold-choice.ts';
import { startWorkerJob } from './worker-job.ts';
import { createIngestWorker } from './workers.ts';

/**
 * The fitted spec the page's Download writes: the experiment (`exportSpec`)
 * plus what the workers learned — the feature state, every run's model, the
 * threshold each run flags at as this page shows it, and the files trained
 * on (bytes, lines and SHA-256, read in a worker). `law score` and
 * `law watch` score with it alone.
 * @throws naming a run that has not finished (or failed)
 */
export async function exportFittedSpec(nb: Notebook): Promise<Spec> {
  const spec = exportSpec(nb);
  const prepared = nb.prepared;
  const data = nb.data;
  if (!prepared || !data) throw new Error('load data and run a detector first');
  const missing = spec.detectors.filter((d) => !nb.runs[d.id]);
  if (missing.length) throw new Error(`${missing.map((d) => d.id).join(', ')} ${missing.length > 1 ? 'have' : 'has'} no trained model yet: wait for ${missing.length > 1 ? 'them' : 'it'} to finish, or remove ${missing.length > 1 ? 'them' : 'it'}`);
  // The patterns of marked lines need their text here.
  if (!prepared.units) await nb.rows?.ensure(nb.review.specPart().review?.marks.map((m) => m.unit) ?? []);
  const files = nb.files;
  const formats = data.files.map((f) => f.format);
  const job = startWorkerJob<IngestApi, TrainingFile[]>(createIngestWorker, (api) => api.describe(files, formats));
  const described = await job.result;
  return fittedSpec(spec, {
    state: prepared.state,
    models: Object.fromEntries(spec.detectors.map((d) => [d.id, nb.runs[d.id].model])),
    thresholds: Object.fromEntries(spec.detectors.map((d) => [d.id, nb.thresholds[d.id]])),
    units: unitCounts(prepared.split),
    provenance: { data: described, version: WORKBENCH_VERSION },
  });
}

/** The experiment as a spec (docs/interfaces.md), with what the page showed as `results`. */
export function exportSpec(nb: Notebook): Spec {
  const s = $state.snapshot(nb.settings);
  const spec: Spec = {
    version: 1,
    name: s.name,
    source: {
      path: nb.files.length === 1 ? nb.files[0].name : nb.files.map((f) => f.name).join(','),
      format: s.format,
      ...(s.syslogYear !== undefined && { syslogYear: s.syslogYear }),
    },
    labels: specLabels(s.labels),
    // The columns asked for, resolved from the defaults (before constant ones were dropped).
    features: featureSpec({ ...s.features, columns: nb.prepared?.state.base ?? s.features.columns }),
    split: s.split,
    detectors: s.detectors.map((d) => nb.detectorSpecOf(d)),
    threshold: specThreshold(s.threshold),
    ...reviewPart(nb),
  };
  if (nb.summaries.length && nb.prepared) {
    spec.results = { rows: nb.prepared.matrix.rows, runs: nb.summaries.map((r) => ({ id: r.id, metrics: r.metrics })) };
  }
  return spec;
}

/** The review marks, and the patterns of flagged units marked normal (silenced by `law watch`). */
function reviewPart(nb: Notebook): { review?: Spec['review'] } {
  const part = nb.review.specPart();
  const run = nb.run;
  const prepared = nb.prepared;
  if (!part.review || !run || !prepared || nb.threshold === null) return part;
  const { templateId, templates, units } = prepared;
  const data = nb.data;
  const patternOf = (u: number): string | null => {
    if (units) return null;
    const id = templateId?.[u];
    if (templates && id !== undefined && id >= 0) return templates[id].replaceAll('<*>', GROUP_WILDCARD);
    return data && nb.rows ? maskMessage(nb.rows.message(u)) : null;
  };
  const silence = reviewSilences(part.review.marks, run.scores, nb.threshold, patternOf);
  return silence.length ? { review: { ...part.review, silence } } : part;
}

/**
 * Restores the notebook from a spec file's text and re-runs it on the loaded
 * data. An invalid spec changes nothing and says why.
 */
export async function importSpec(nb: Notebook, text: string, fileName: string): Promise<void> {
  nb.specError = null;
  nb.specNote = null;
  let spec: Spec;
  try {
    spec = parseSpec(JSON.parse(text));
  } catch (e) {
    nb.specError = describeSpecProblem(fileName, e);
    return;
  }
  nb.settings = settingsFromSpec(spec);
  nb.syncStages();
  nb.review.restore(spec.review);
  const source = spec.source?.path?.split(/[\\/]/).pop();
  const loaded = nb.files.map((f) => f.name).join(',');
  nb.specNote = `Imported ${fileName}` + (source && loaded && source !== loaded ? ` (made on ${source}; running on the loaded ${loaded})` : '');
  nb.save();
  if (nb.files.length) await nb.loadFiles(nb.files, { restoring: true });
}
