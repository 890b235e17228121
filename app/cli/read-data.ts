import { IngestError } from '../core/ingest/ingest-error.ts';
import { readLogs, type LogSource } from '../core/ingest/read-logs.ts';
import { readLimits } from './read-limits.ts';
import type { LogData } from '../core/ingest/log-data.ts';
import type { Format } from '../core/ingest/sniff-format.ts';
import { describeWarning } from '../core/ingest/warnings.ts';
import { sourceReaderOptions, type Spec } from '../core/experiment/spec.ts';

/** How to read: a spec's `source` (its format and syslog year), or just a format. */
export type ReadHow = Pick<NonNullable<Spec['source']>, 'syslogYear'> & { format?: Format | 'auto' };

/**
 * Reads a log source and reports what reading skipped or changed (malformed
 * rows, truncated lines, invalid UTF-8) on stderr, one line per kind, so the
 * CLI is as open about bad input as the page.
 */
export async function readData(source: LogSource, how: ReadHow, warn: (s: string) => void): Promise<LogData> {
  let data: LogData;
  try {
    data = await readLogs([source], { format: how.format, readerOptions: sourceReaderOptions(how), ...readLimits() });
  } catch (e) {
    throw explainReadLimit(e);
  }
  for (const w of data.warnings) warn(`warning: ${describeWarning(w)}`);
  return data;
}

/** A file over a read limit: the error, with how to raise the limit or avoid it. */
export function explainReadLimit(e: unknown): unknown {
  if (e instanceof IngestError && e.limit) {
    const flag = e.limit === 'maxBytes' ? '--max-bytes' : '--max-rows';
    return new Error(`${e.message}; raise it with ${flag}, or score the file as a stream, which has no limit (law score --config SPEC - < FILE)`, { cause: e });
  }
  return e;
}
