/// <reference lib="webworker" />
// Labels and features off the main thread; the matrix comes back as a transferred buffer.
import { expose, transfer } from 'comlink';
import { prepareExperiment } from '../core/experiment/run-experiment.ts';
import type { Spec } from '../core/experiment/spec.ts';
import { availableLineColumns } from '../core/features/line-features.ts';
import { defaultRowColumns } from '../core/features/row-features.ts';
import type { LogData } from '../core/ingest/log-data.ts';

const api = {
  prepare(data: LogData, spec: Pick<Spec, 'labels' | 'features'>) {
    const { labels, features, data: seen } = prepareExperiment(data, spec);
    const parsed = features.parsed;
    const result = {
      labels,
      matrix: features.matrix,
      columns: features.columns,
      state: features.state,
      /** Every column the user could pick for this unit and data. */
      available: parsed ? availableLineColumns(parsed) : defaultRowColumns(seen),
      templateId: parsed?.templateId ?? null,
      templates: parsed?.templates ?? null,
    };
    return transfer(result, [features.matrix.data.buffer]);
  },
};
export type FeaturesApi = typeof api;
expose(api);
