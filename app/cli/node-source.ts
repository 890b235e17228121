import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { LogSource } from '../core/ingest/read-logs.ts';

/** A file on disk as a streamed log source. */
export function fileSource(path: string): LogSource {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  return { name: basename(path), size, chunks: createReadStream(path, { highWaterMark: 1 << 20 }) };
}

/** Standard input as a log source. */
export function stdinSource(): LogSource {
  return { name: 'stdin', size: 0, chunks: process.stdin };
}

/** Bad arguments or an invalid spec: reported as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
