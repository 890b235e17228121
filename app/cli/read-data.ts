import { readLogs, type LogSource } from '../core/ingest/read-logs.ts';
import type { LogData } from '../core/ingest/log-data.ts';
import type { Format } from '../core/ingest/sniff-format.ts';
import { describeWarning } from '../core/ingest/warnings.ts';

/**
 * Reads a log source and reports what reading skipped or changed (malformed
 * rows, truncated lines, invalid UTF-8) on stderr, one line per kind, so the
 * CLI is as open about bad input as the page.
 */
export async function readData(source: LogSource, format: Format | 'auto' | undefined, warn: (s: string) => void): Promise<LogData> {
  const data = await readLogs([source], { format });
  for (const w of data.warnings) warn(`warning: ${describeWarning(w)}`);
  return data;
}
