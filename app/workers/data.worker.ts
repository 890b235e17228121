/// <reference lib="webworker" />
// Holds the loaded logs for the page: reads the files once, builds labels and
// features from what it holds, and answers the page's requests for the rows it
// shows. The page keeps only typed arrays (see page-data.ts). Cancel = the page
// terminates this worker (and reads the files again in a new one to show rows).
import { expose, transfer } from 'comlink';
import { prepareExperiment } from '../core/experiment/run-experiment.ts';
import { preparedView, type PreparedView } from '../core/experiment/prepared-view.ts';
import type { Spec } from '../core/experiment/spec.ts';
import { groupValues, unitGroupValues } from '../core/features/group-values.ts';
import { availableColumns } from '../core/features/available-columns.ts';
import type { FeatureUnits } from '../core/features/feature-units.ts';
import type { LogData } from '../core/ingest/log-data.ts';
import { readLogs } from '../core/ingest/read-logs.ts';
import type { Format } from '../core/ingest/sniff-format.ts';
import { pageDataOf, rowRecords, type PageData, type RowRecord } from './page-data.ts';

let data: LogData | null = null;

function loaded(): LogData {
  if (!data) throw new Error('no data is loaded in this worker');
  return data;
}

const api = {
  /** Reads the files and keeps them; the page gets their numbers, field names and first rows. */
  async read(files: File[], format: Format | 'auto', readerOptions: Record<string, unknown>, limits: { maxBytes?: number; maxRows?: number }, onProgress: (read: number, total: number) => void): Promise<PageData> {
    data = await readLogs(
      files.map((f) => ({ name: f.name, size: f.size, chunks: f.stream() as unknown as AsyncIterable<Uint8Array> })),
      { format, readerOptions, onProgress, maxBytes: limits.maxBytes, maxRows: limits.maxRows },
    );
    const page = pageDataOf(data);
    return transfer(page, [page.file.buffer, page.line.buffer, page.timestamp.buffer] as ArrayBuffer[]);
  },

  /** Labels, split and features of the data held; the matrix and units come back as transferred buffers. */
  prepare(spec: Pick<Spec, 'labels' | 'features' | 'split' | 'parse'>, onProgress: (f: number) => void): PreparedView {
    const prepared = prepareExperiment(loaded(), spec, onProgress);
    const { view, buffers } = preparedView(prepared, availableColumns(spec.features.unit, prepared.data, prepared.features.parsed));
    return transfer(view, buffers);
  },

  /** The text of the rows the page shows. */
  rows(rows: number[] | Int32Array): RowRecord[] {
    return rowRecords(loaded(), rows);
  },

  /** The group of every unit for a detector's `groupBy` (see core/features/group-values.ts). */
  groupValues(field: string, units: Pick<FeatureUnits, 'rowStart' | 'rows' | 'group' | 'groupField'> | null): string[] {
    return unitGroupValues(field, groupValues(loaded(), field), units);
  },
};
export type DataApi = typeof api;
expose(api);
