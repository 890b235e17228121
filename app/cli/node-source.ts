import { accessSync, constants, createReadStream, fstatSync, openSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { LogSource } from '../core/ingest/read-logs.ts';

/**
 * A file on disk as a streamed log source. The file is opened here, so a
 * missing, folder or unreadable file fails before any work starts.
 * @throws naming the path when it is missing, a folder, or unreadable (also
 *   part-way through reading): data that cannot be read (exit code 1)
 */
export function fileSource(path: string): LogSource {
  let fd: number;
  let size: number;
  try {
    fd = openSync(path, 'r');
    const info = fstatSync(fd);
    if (info.isDirectory()) throw Object.assign(new Error('it is a folder, not a file'), { code: 'EISDIR' });
    size = info.size;
  } catch (e) {
    throw fsError('cannot read', path, e);
  }
  return { name: basename(path), size, chunks: namingErrors(createReadStream('', { fd, highWaterMark: 1 << 20 }), path) };
}

/** A stream's chunks, an error while reading rethrown with the path. */
async function* namingErrors(chunks: AsyncIterable<Uint8Array>, path: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of chunks) yield chunk;
  } catch (e) {
    throw fsError('cannot read', path, e);
  }
}

/**
 * Checks, before any work, that FILE can be written: its folder exists and
 * is writable, and FILE is not a folder.
 * @throws naming the path otherwise (exit code 1)
 */
export function checkWritable(path: string): void {
  const folder = dirname(path);
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch (e) {
    // A missing folder says "no such file", as writing the file would: test/cli/fit-command.test.ts holds that text.
    throw fsError('cannot write', path, e);
  }
  if (!isFolder) throw new Error(`cannot write ${path}: ${folder} is not a folder`);
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error('it is a folder, not a file'), { code: 'EISDIR' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw fsError('cannot write', path, e);
  }
  try {
    accessSync(folder, constants.W_OK);
  } catch (e) {
    throw new Error(`cannot write ${path}: permission denied in ${folder}`, { cause: e });
  }
}

/** A file system error as one line naming the path: "cannot read logs/app.log: no such file". */
export function fsError(verb: string, path: string, e: unknown): Error {
  return new Error(`${verb} ${path}: ${describeFsError(e)}`, { cause: e });
}

/** Standard input as a log source. */
export function stdinSource(): LogSource {
  return { name: 'stdin', size: 0, chunks: process.stdin };
}

/** A file system error as a person would say it (the path is the caller's to name). */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder';
  if (code === 'ELOOP') return 'too many symbolic links';
  if (code === 'ENAMETOOLONG') return 'the name is too long';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'EMFILE' || code === 'ENFILE') return 'too many open files';
  // Node's own text repeats the path ("EIO: i/o error, read '/x'"): keep only what went wrong.
  const message = (e as Error).message ?? String(e);
  return code ? message.replace(/,\s*\w+\s+'[^']*'(\s*->\s*'[^']*')?$/, '') : message;
}

/** Bad arguments or an invalid spec: reported as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
