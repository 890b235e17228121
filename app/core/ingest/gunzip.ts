import { IngestError } from './ingest-error.ts';

/** The first two bytes of every gzip stream (RFC 1952). */
export function isGzipMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Passes byte chunks through, decompressing them while streaming when they
 * start with the gzip magic bytes (`1f 8b`), whatever the file's name. Uses
 * the standard `DecompressionStream`, which Node 20 and browsers both have,
 * so the page and the CLI read `.gz` files alike. Concatenated gzip members
 * (`cat a.gz b.gz`) are read as one stream in Node; Chromium's stream stops
 * at the end of the first member, which is reported as such.
 *
 * A truncated or corrupt stream throws `IngestError` naming the file; the
 * caller drops what was already read from it. An error of the source itself
 * (a cancel, a read error) is rethrown as it is.
 *
 * @param onCompressed called with the size of every chunk taken from the
 *   source, in bytes, so progress counts the file as it is on disk
 * @returns the chunks and whether they were compressed
 */
export async function* maybeGunzip(
  chunks: AsyncIterable<Uint8Array>,
  fileName: string,
  onCompressed: (bytes: number) => void,
  onGzip: () => void = () => {},
): AsyncGenerator<Uint8Array> {
  const source = chunks[Symbol.asyncIterator]();
  const next = async (): Promise<Uint8Array | null> => {
    const r = await source.next();
    if (r.done) return null;
    onCompressed(r.value.length);
    return r.value;
  };
  // Enough chunks to see two bytes (a source may yield them one at a time).
  const first: Uint8Array[] = [];
  let ended = false;
  let gzip = false;
  try {
    while (first.reduce((s, c) => s + c.length, 0) < 2) {
      const c = await next();
      if (!c) {
        ended = true;
        break;
      }
      first.push(c);
    }
    gzip = isGzipMagic(concat(first, 2));
    if (!gzip) {
      yield* first;
      for (let c = ended ? null : await next(); c; c = await next()) yield c;
      ended = true;
    }
  } finally {
    // Stopped early, or failed: let the source release what it holds (a file handle).
    if (!gzip && !ended) await source.return?.();
  }
  if (!gzip) return;
  onGzip();
  yield* gunzip(first, ended ? null : next, source, fileName);
}

async function* gunzip(
  first: Uint8Array[],
  next: (() => Promise<Uint8Array | null>) | null,
  source: AsyncIterator<Uint8Array>,
  fileName: string,
): AsyncGenerator<Uint8Array> {
  const stream = new DecompressionStream('gzip');
  // Typed for Uint8Array over any buffer: file chunks are never over a SharedArrayBuffer.
  const writer = stream.writable.getWriter() as unknown as WritableStreamDefaultWriter<Uint8Array>;
  const reader = stream.readable.getReader();
  let sourceError: { error: unknown } | null = null;
  // The pump writes while the loop below reads: awaiting writes alone would
  // stall once the decompressed side's queue is full.
  const pump = (async () => {
    try {
      for (const c of first) await writer.write(c);
      while (next) {
        let c: Uint8Array | null;
        try {
          c = await next();
        } catch (e) {
          // The source failed (a read error, a cancel): pass that on as it is.
          sourceError = { error: e };
          await writer.abort(e).catch(() => {});
          return;
        }
        if (!c) break;
        await writer.write(c);
      }
      await writer.close();
    } catch {
      // Corrupt data, or the reading side stopped: the read loop reports it.
      if (next) await source.return?.();
    }
  })();
  try {
    for (;;) {
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await reader.read();
      } catch (e) {
        await pump;
        if (sourceError) throw (sourceError as { error: unknown }).error;
        const detail = (e as Error)?.message ?? String(e);
        // Chromium's DecompressionStream stops after the first member of a multi-member file; Node's reads them all.
        if (/junk found after end/i.test(detail)) {
          throw new IngestError(fileName, 'several gzip files joined into one (as `cat a.gz b.gz` makes), which this browser reads only the first of; decompress it (`gunzip -c`) and load the text, or read it with law; nothing from it was kept', {}, e);
        }
        throw new IngestError(fileName, `truncated or corrupt gzip data (${detail}); nothing from it was kept`, {}, e);
      }
      if (r.done) break;
      yield r.value;
    }
  } finally {
    // Stopped early (an error downstream, a cancel): stop decompressing, and the pump with it.
    await reader.cancel().catch(() => {});
    await pump;
  }
}

function concat(parts: Uint8Array[], max: number): Uint8Array {
  const out = new Uint8Array(Math.min(max, parts.reduce((s, p) => s + p.length, 0)));
  let at = 0;
  for (const p of parts) {
    if (at >= out.length) break;
    const take = p.subarray(0, out.length - at);
    out.set(take, at);
    at += take.length;
  }
  return out;
}
