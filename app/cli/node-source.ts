import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { LogSource } from '../core/ingest/read-logs.ts';

/**
 * A file on disk as a streamed log source.
 * @throws naming the path when it is missing, a folder, or unreadable: data
 *   that cannot be read (exit code 1)
 */
export function fileSource(path: string): LogSource {
  let size: number;
  try {
    const info = statSync(path);
    if (info.isDirectory()) throw Object.assign(new Error('it is a folder, not a file'), { code: 'EISDIR' });
    size = info.size;
  } catch (e) {
    throw new Error(`cannot read ${path}: ${describeFsError(e)}`, { cause: e });
  }
  return { name: basename(path), size, chunks: createReadStream(path, { highWaterMark: 1 << 20 }) };
}

/** Standard input as a log source. */
export function stdinSource(): LogSource {
  return { name: 'stdin', size: 0, chunks: process.stdin };
}

/** A file system error as a person would say it. */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES') return 'permission denied';
  return (e as Error).message;
}

/** Bad arguments or an invalid spec: reported as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
