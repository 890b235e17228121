import { open, stat, type FileHandle } from 'node:fs/promises';
import { fsError } from './node-source.ts';

/** What following a file yields: bytes appended, or a new file in its place. */
export type FollowEvent =
  | { kind: 'bytes'; bytes: Uint8Array }
  /** From here on the bytes are of a new file (rotated: renamed and re-created; or truncated, copytruncate style); lines start again at 1. */
  | { kind: 'restart'; reason: 'rotated' | 'truncated' };

/** How often a followed file is checked for new bytes, in ms: new lines are seen within this. */
export const POLL_MS = 250;
/** Largest read, in bytes: a file that grows fast is handed on in pieces of this size. */
const READ_BYTES = 1 << 20;

/**
 * Reads a file to its end, then what is appended to it, like `tail -F`,
 * until `signal` aborts. Follows both rotation styles: a file renamed away
 * and created anew (its old handle is read to the end first, so the last
 * lines written before the rename are kept) and a file truncated in place
 * (copytruncate). A file that is deleted is waited for until it comes back.
 * A missing file at the start is waited for as well.
 */
export async function* followFile(path: string, options: { signal?: AbortSignal; pollMs?: number } = {}): AsyncGenerator<FollowEvent> {
  const pollMs = options.pollMs ?? POLL_MS;
  const { signal } = options;
  let handle: FileHandle | null = null;
  let inode = -1;
  let offset = 0;
  const buffer = new Uint8Array(READ_BYTES);
  try {
    while (!signal?.aborted) {
      if (!handle) {
        handle = await openIfThere(path);
        if (!handle) {
          await sleep(pollMs, signal);
          continue;
        }
        inode = (await handle.stat()).ino;
      }
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      if (bytesRead > 0) {
        offset += bytesRead;
        yield { kind: 'bytes', bytes: buffer.slice(0, bytesRead) };
        continue;
      }
      // At the end of what the handle holds: is the path still this file?
      const now = await stat(path).catch(() => null);
      if (now && now.ino !== inode) {
        // Lines written between our last read and the rename are still in the old file: read it to its end first.
        for (let more = await handle.read(buffer, 0, buffer.length, offset); more.bytesRead > 0; more = await handle.read(buffer, 0, buffer.length, offset)) {
          offset += more.bytesRead;
          yield { kind: 'bytes', bytes: buffer.slice(0, more.bytesRead) };
        }
        await handle.close();
        handle = null;
        offset = 0;
        yield { kind: 'restart', reason: 'rotated' };
        continue;
      }
      if (now && now.size < offset) {
        offset = 0;
        yield { kind: 'restart', reason: 'truncated' };
        continue;
      }
      await sleep(pollMs, signal);
    }
  } finally {
    await handle?.close();
  }
}

async function openIfThere(path: string): Promise<FileHandle | null> {
  try {
    return await open(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw fsError('cannot read', path, e);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
