import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { readLogs, sourceFromText } from '../core/ingest/read-logs.ts';
import type { LogData } from '../core/ingest/log-data.ts';
import type { Format } from '../core/ingest/sniff-format.ts';

/** Formats whose header line every later batch needs in front of it. */
const DELIMITED = new Set<string | undefined>(['csv', 'tsv', 'loghub-structured', 'loghub-sessions']);

/** How often a followed file is checked for new bytes, in ms. */
const POLL_MS = 300;

/**
 * Reads a file to its end, then keeps reading what is appended (like
 * `tail -f`), handing complete lines to `onData` in batches. A file that
 * shrinks (rotated or truncated) is read again from its start. Runs until the
 * process is interrupted or `signal` aborts.
 */
export async function followFile(
  path: string,
  options: { format?: Format | 'auto'; signal?: AbortSignal },
  onData: (data: LogData) => void,
): Promise<void> {
  let offset = 0;
  let partial = '';
  let format = options.format;
  let header = '';
  /** Complete lines of the file handed on so far, so rows keep the file's line numbers. */
  let linesBefore = 0;
  const decoder = new TextDecoder();
  while (!options.signal?.aborted) {
    const size = (await stat(path)).size;
    if (size < offset) {
      offset = 0;
      partial = '';
      linesBefore = 0;
    }
    if (size > offset) {
      const handle = await open(path, 'r');
      const bytes = new Uint8Array(size - offset);
      await handle.read(bytes, 0, bytes.length, offset);
      await handle.close();
      offset = size;
      const text = partial + decoder.decode(bytes, { stream: true });
      const cut = text.lastIndexOf('\n');
      partial = text.slice(cut + 1);
      if (cut >= 0) {
        const lines = text.slice(0, cut + 1);
        const count = lines.split('\n').length - 1;
        // Appended blank lines hold no rows (reading them alone would fail); they still count.
        if (lines.trim() !== '') {
          const first = !header && (format === undefined || format === 'auto' || DELIMITED.has(format));
          const data = await readLogs([sourceFromText(basename(path), header + lines)], { format });
          // Line numbers of the file, not of this batch (whose first line may be the repeated header).
          const shift = linesBefore - (header ? 1 : 0);
          if (shift !== 0) for (let i = 0; i < data.line.length; i++) data.line[i] += shift;
          if (first) {
            format = data.files[0].format;
            // Delimited files need their header in front of every later batch.
            if (DELIMITED.has(format)) header = lines.slice(0, lines.indexOf('\n') + 1);
            else header = '';
          }
          onData(data);
        }
        linesBefore += count;
      }
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
