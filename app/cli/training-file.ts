import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { TrainingFile } from '../core/experiment/spec.ts';
import type { Format } from '../core/ingest/sniff-format.ts';

/**
 * A training file as a fitted spec records it: name, bytes, lines and
 * SHA-256 of the file as it is on disk, and the reader that read it.
 * One streamed pass, so a large file costs no memory.
 */
export async function describeTrainingFile(path: string, format: Format): Promise<TrainingFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  let newlines = 0;
  let last = -1;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) newlines++;
    last = chunk[chunk.length - 1];
  }
  return { name: basename(path), bytes, lines: newlines + (bytes > 0 && last !== 10 ? 1 : 0), sha256: hash.digest('hex'), format };
}

/** The workbench version, from package.json. */
export function workbenchVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
