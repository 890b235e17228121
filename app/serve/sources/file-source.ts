import { createHash } from 'node:crypto';
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { StreamIngest } from '../../core/ingest/stream-ingest.ts';
import type { Format } from '../../core/ingest/sniff-format.ts';
import type { SourceBatch, WatchSource } from './source.ts';
import { sleep } from '../sleep.ts';

/** Where reading a followed file stands, in a checkpoint. */
export interface FilePosition {
  /** The inode read (a rotated file keeps it under its new name). */
  inode: number;
  /** SHA-256 of the file's first `fingerprintBytes` bytes: an inode reused by another file does not match. */
  fingerprint: string;
  fingerprintBytes: number;
  /** Bytes read and handed on: always just after a newline, so a partial line is read again. */
  offset: number;
  /** The number of the next line. */
  line: number;
  /** A CSV-like file's header line, read again before resuming. */
  header?: string;
}

/** Formats whose first line every row needs. */
const DELIMITED = new Set<string | undefined>(['csv', 'tsv', 'loghub-structured', 'loghub-sessions']);
const FINGERPRINT_BYTES = 256;
const READ_BYTES = 1 << 20;

export interface FileSourceOptions {
  format?: Format | 'auto';
  /** Reader options (`syslogYear`). */
  readerOptions?: Record<string, unknown>;
  /** ms between looks at a file that has not grown. */
  pollMs?: number;
  /** Told what happened to the file: rotated, truncated, deleted, found again, resumed. */
  onEvent?: (message: string, fields?: Record<string, unknown>) => void;
}

/** One file being read: its handle, where reading stands, and the reader of its rows. */
interface Generation {
  handle: FileHandle;
  inode: number;
  offset: number;
  line: number;
  header?: string;
  /** Bytes after the last newline, not handed on yet. */
  tail: Uint8Array;
  ingest: StreamIngest;
  /** Bytes pushed into `ingest`: one that saw none has nothing to end. */
  pushed: number;
  fingerprint: string;
  fingerprintBytes: number;
}

/**
 * A log file followed like `tail -F`, with a checkpoint exact to the line:
 * rows are handed on only for complete lines, and the position after them
 * (inode, a fingerprint of the first bytes, byte offset, line number) is
 * what a restart resumes from. Both rotation styles are followed —
 * rename + create (the old file is read to its end first, also when the
 * rename happened while the service was down: the checkpointed inode is
 * looked for in the folder) and copytruncate — and a file that is deleted is
 * waited for until it comes back.
 */
export class FileSource implements WatchSource {
  readonly name: string;

  constructor(private readonly path: string, private readonly options: FileSourceOptions = {}) {
    this.name = basename(path);
  }

  async *batches(position: unknown | null, signal: AbortSignal): AsyncGenerator<SourceBatch> {
    const pollMs = this.options.pollMs ?? 250;
    let gen: Generation | null = null;
    try {
      const resumed = await this.resume(position as FilePosition | null);
      if (resumed?.rotatedAway) {
        // Rotated while we were down: finish the old file, then the new one from its start.
        yield* this.readToEnd(resumed.gen);
        await resumed.gen.handle.close();
        this.options.onEvent?.(`${this.name} was rotated while stopped: read the rest of the old file, now reading the new one from line 1`);
      } else if (resumed) {
        gen = resumed.gen;
      }
      while (!signal.aborted) {
        if (!gen) {
          const handle = await openIfThere(this.path);
          if (!handle) {
            await sleep(pollMs, signal);
            continue;
          }
          gen = await this.generation(handle, 0, 1, undefined);
        }
        const got = await this.readMore(gen);
        if (got === 'replaced') {
          // Truncated and written again before we looked (copytruncate): the first bytes are not what they were.
          yield* this.finish(gen);
          const handle = gen.handle;
          gen = await this.generation(handle, 0, 1, undefined);
          this.options.onEvent?.(`${this.name} was truncated: reading it again from line 1`);
          continue;
        }
        if (got) {
          yield* got;
          continue;
        }
        const now = await stat(this.path).catch(() => null);
        if (now && now.ino !== gen.inode) {
          // Lines written between our last read and the rename are still in the old file: read it to its end first.
          yield* this.readToEnd(gen);
          await gen.handle.close();
          gen = null;
          this.options.onEvent?.(`${this.name} was rotated (a new file took its name): reading it from line 1`);
          continue;
        }
        if (now && now.size < gen.offset + gen.tail.length) {
          yield* this.finish(gen);
          const handle = gen.handle;
          gen = await this.generation(handle, 0, 1, undefined);
          this.options.onEvent?.(`${this.name} was truncated: reading it again from line 1`);
          continue;
        }
        await sleep(pollMs, signal);
      }
    } finally {
      await gen?.handle.close();
    }
  }

  /** Opens where a checkpoint left off: the same file, or the rotated one found by its inode. */
  private async resume(p: FilePosition | null): Promise<{ gen: Generation; rotatedAway: boolean } | null> {
    if (!p) return null;
    const same = async (path: string): Promise<FileHandle | null> => {
      const handle = await openIfThere(path);
      if (!handle) return null;
      const info = await handle.stat();
      if (info.ino === p.inode && info.size >= p.offset && (await fingerprintOf(handle, p.fingerprintBytes)) === p.fingerprint) return handle;
      await handle.close();
      return null;
    };
    const here = await same(this.path);
    if (here) {
      this.options.onEvent?.(`resuming ${this.name} at line ${p.line} (byte ${p.offset})`, { line: p.line, offset: p.offset });
      return { gen: await this.generation(here, p.offset, p.line, p.header), rotatedAway: false };
    }
    const folder = dirname(this.path);
    for (const name of await readdir(folder).catch(() => [] as string[])) {
      const candidate = join(folder, name);
      const info = await stat(candidate).catch(() => null);
      if (!info || info.ino !== p.inode || candidate === this.path) continue;
      const handle = await same(candidate);
      if (handle) {
        this.options.onEvent?.(`resuming ${name} (${this.name} rotated while stopped) at line ${p.line}`, { line: p.line, offset: p.offset });
        return { gen: await this.generation(handle, p.offset, p.line, p.header), rotatedAway: true };
      }
    }
    this.options.onEvent?.(`the checkpointed ${this.name} is gone (neither it nor a rotated copy matches): reading ${this.name} from line 1`);
    return null;
  }

  private async generation(handle: FileHandle, offset: number, line: number, header: string | undefined): Promise<Generation> {
    const info = await handle.stat();
    const fingerprintBytes = Math.min(FINGERPRINT_BYTES, info.size);
    const resume = offset > 0 ? { line, header } : undefined;
    return {
      handle, inode: info.ino, offset, line, header, tail: new Uint8Array(0), pushed: 0,
      ingest: new StreamIngest({ fileName: this.name, format: this.options.format, readerOptions: this.options.readerOptions, resume }),
      fingerprint: await fingerprintOf(handle, fingerprintBytes), fingerprintBytes,
    };
  }

  /**
   * Reads what was appended; the batches of its complete lines, null at the
   * end of the file, or `replaced` when the file's first bytes changed (it
   * was truncated and grew again between two looks): what was read then is
   * another file's, and is dropped.
   */
  private async readMore(gen: Generation): Promise<SourceBatch[] | null | 'replaced'> {
    const buffer = new Uint8Array(READ_BYTES);
    const { bytesRead } = await gen.handle.read(buffer, 0, buffer.length, gen.offset + gen.tail.length);
    if (bytesRead === 0) return null;
    if (gen.fingerprintBytes > 0 && (await fingerprintOf(gen.handle, gen.fingerprintBytes)) !== gen.fingerprint) return 'replaced';
    const bytes = concat(gen.tail, buffer.subarray(0, bytesRead));
    const cut = bytes.lastIndexOf(10) + 1;
    gen.tail = bytes.slice(cut);
    if (cut === 0) return [];
    if (gen.fingerprintBytes < FINGERPRINT_BYTES) {
      // The file has grown since its fingerprint was taken: take it again over more bytes.
      const size = (await gen.handle.stat()).size;
      gen.fingerprintBytes = Math.min(FINGERPRINT_BYTES, size);
      gen.fingerprint = await fingerprintOf(gen.handle, gen.fingerprintBytes);
    }
    return this.handOn(gen, bytes.subarray(0, cut));
  }

  /** Complete lines into the reader; the rows they made, with the position after them. */
  private handOn(gen: Generation, lines: Uint8Array): SourceBatch[] {
    if (gen.offset === 0 && gen.header === undefined && DELIMITED.has(this.options.format)) {
      gen.header = new TextDecoder().decode(lines.subarray(0, lines.indexOf(10) + 1));
    }
    const data = gen.ingest.push(lines);
    gen.pushed += lines.length;
    gen.offset += lines.length;
    for (let i = lines.indexOf(10); i >= 0; i = lines.indexOf(10, i + 1)) gen.line++;
    return data ? [{ data, position: this.position(gen) }] : [];
  }

  /** A file that will not grow again (rotated away, truncated): its last line too, even without a newline. */
  private *finish(gen: Generation): Generator<SourceBatch> {
    if (gen.tail.length > 0) {
      const tail = gen.tail;
      gen.tail = new Uint8Array(0);
      yield* this.handOn(gen, tail);
    }
    const last = gen.pushed > 0 ? gen.ingest.end() : null;
    if (last) yield { data: last, position: this.position(gen) };
  }

  private async *readToEnd(gen: Generation): AsyncGenerator<SourceBatch> {
    for (let got = await this.readMore(gen); got && got !== 'replaced'; got = await this.readMore(gen)) yield* got;
    yield* this.finish(gen);
  }

  private position(gen: Generation): FilePosition {
    return { inode: gen.inode, fingerprint: gen.fingerprint, fingerprintBytes: gen.fingerprintBytes, offset: gen.offset, line: gen.line, ...(gen.header !== undefined ? { header: gen.header } : {}) };
  }
}

async function fingerprintOf(handle: FileHandle, bytes: number): Promise<string> {
  const buffer = new Uint8Array(bytes);
  if (bytes > 0) await handle.read(buffer, 0, bytes, 0);
  return createHash('sha256').update(buffer).digest('hex');
}

async function openIfThere(path: string): Promise<FileHandle | null> {
  try {
    return await open(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b.slice();
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
