/**
 * Helpers for reader tests: every case runs over several chunk sizes — 1 byte
 * (every multi-byte character and every CRLF is split), 7 bytes (odd
 * boundaries), 64 KiB (the whole fixture at once) — and must give the same
 * data for all of them, which is what streaming means.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { readLogs, sourceFromText, type ReadLogsOptions } from '../../../app/core/ingest/read-logs.ts';
import { IngestError } from '../../../app/core/ingest/ingest-error.ts';
import type { LogData } from '../../../app/core/ingest/log-data.ts';

export const CHUNK_SIZES = [1, 7, 1 << 16];

export type Text = string | Uint8Array;

/** A fixture of test/fixtures/formats as text. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/formats/${name}`, import.meta.url), 'utf8');
}

export function read(files: [string, Text][], chunkSize: number, options?: ReadLogsOptions): Promise<LogData> {
  return readLogs(files.map(([name, text]) => sourceFromText(name, text, chunkSize)), options);
}

export type Plain = ReturnType<typeof plain>;

/** LogData as plain values: typed arrays become `{ type, values }` so equality also checks the column type. */
export function plain(d: LogData) {
  return {
    files: d.files,
    file: Array.from(d.file),
    line: Array.from(d.line),
    raw: d.raw,
    message: d.message,
    timestamp: Array.from(d.timestamp),
    fields: Object.fromEntries(
      Object.entries(d.fields).map(([k, v]) => [k, { type: v instanceof Float64Array ? 'number' : 'string', values: Array.from(v as ArrayLike<unknown>) }]),
    ),
    messageField: d.messageField,
    warnings: d.warnings,
  };
}

/** Runs `check` on the data read at every chunk size, and checks all sizes give the same data. */
export function eachChunkSize(title: string, files: [string, Text][], check: (d: Plain) => void, options?: ReadLogsOptions) {
  describe(title, () => {
    // Each size is read once, by the first test that needs it: any one test runs alone too (-t), in any order.
    const reads = new Map<number, Promise<Plain>>();
    const readAt = (size: number): Promise<Plain> => {
      let d = reads.get(size);
      if (!d) reads.set(size, (d = read(files, size, options).then(plain)));
      return d;
    };
    for (const size of CHUNK_SIZES) {
      it(`in ${size}-byte chunks`, async () => {
        check(await readAt(size));
      });
    }
    it('gives the same data for every chunk size', async () => {
      const results = await Promise.all(CHUNK_SIZES.map(readAt));
      for (const r of results.slice(1)) expect(r).toEqual(results[0]);
    });
  });
}

/** Runs `check` on the error thrown at every chunk size. */
export function eachChunkSizeFails(title: string, files: [string, Text][], check: (e: IngestError) => void, options?: ReadLogsOptions) {
  describe(title, () => {
    for (const size of CHUNK_SIZES) {
      it(`in ${size}-byte chunks`, async () => {
        const e = await read(files, size, options).then(() => null, (x: unknown) => x);
        expect(e).toBeInstanceOf(IngestError);
        check(e as IngestError);
      });
    }
  });
}

/** Milliseconds for an ISO time, for readable expectations. */
export const ms = (iso: string) => Date.parse(iso);
