/// <reference lib="webworker" />
// Reads the files and builds labels and features off the main thread; the
// matrix comes back as a transferred buffer. Reading here again is cheaper for
// the page than posting it every loaded row.
import { expose, transfer } from 'comlink';
import { prepareExperiment } from '../core/experiment/run-experiment.ts';
import type { Spec } from '../core/experiment/spec.ts';
import { availableColumns } from '../core/features/available-columns.ts';
import { readLogs } from '../core/ingest/read-logs.ts';
import type { Format } from '../core/ingest/sniff-format.ts';

const api = {
  async prepare(files: File[], format: Format | 'auto', readerOptions: Record<string, unknown>, spec: Pick<Spec, 'labels' | 'features' | 'split' | 'parse'>, onProgress: (f: number) => void) {
    const data = await readLogs(
      files.map((f) => ({ name: f.name, size: f.size, chunks: f.stream() as unknown as AsyncIterable<Uint8Array> })),
      { format, readerOptions, onProgress: (read, total) => onProgress(total ? (0.3 * read) / total : 0) },
    );
    const { labels, features, data: seen, split } = prepareExperiment(data, spec, (f) => onProgress(0.3 + 0.7 * f));
    const { parsed, units } = features;
    const result = {
      labels,
      matrix: features.matrix,
      columns: features.columns,
      state: features.state,
      /** Every column the user could pick for this unit and data. */
      available: availableColumns(spec.features.unit, seen, parsed),
      templateId: parsed?.templateId ?? null,
      templates: parsed?.templates ?? null,
      split,
      units: units && { kind: units.kind, names: units.names, time: units.time, group: units.group, groupField: units.groupField, rowStart: units.rowStart, rows: units.rows, notes: units.notes },
      summary: features.summary,
      dropped: features.dropped,
      leftOut: features.leftOut,
      notes: features.notes,
    };
    const buffers = [features.matrix.data.buffer, ...(units ? [units.time.buffer, units.rowStart.buffer, units.rows.buffer] : [])];
    return transfer(result, buffers as ArrayBuffer[]);
  },
};
export type FeaturesApi = typeof api;
expose(api);
