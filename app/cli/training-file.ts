import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { TrainingFile } from '../core/experiment/spec.ts';
import type { Format } from '../core/ingest/sniff-format.ts';
import { FileDigest, type Hash } from '../core/score/sha256.ts';
import packageJson from '../../package.json' with { type: 'json' };
import { fsError } from './node-source.ts';

/** node:crypto's SHA-256 in the shape `FileDigest` takes (several times faster than the portable one). */
function nodeSha256(): Hash {
  const h = createHash('sha256');
  return { update: (b) => h.update(b), hex: () => h.digest('hex') };
}

/**
 * A training file as a fitted spec records it: name, bytes, lines and
 * SHA-256 of the file as it is on disk, and the reader that read it.
 * One streamed pass, so a large file costs no memory.
 */
export async function describeTrainingFile(path: string, format: Format): Promise<TrainingFile> {
  const digest = new FileDigest(nodeSha256());
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) digest.update(chunk);
  } catch (e) {
    throw fsError('cannot read', path, e);
  }
  return { name: basename(path), ...digest.result(), format };
}

/** The workbench version, from package.json (inlined by the CLI build, read by tsx). */
export function workbenchVersion(): string {
  return packageJson.version;
}
