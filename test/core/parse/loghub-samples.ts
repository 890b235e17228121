// Loghub-2k samples for parser tests and benchmarks, read from
// ../shared/datasets/loghub-2k beside the checkout (never copied into the
// repository; see that folder's README and LICENSE: Loghub, Zhu et al.,
// ISSRE 2023, https://github.com/logpai/loghub).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The twelve Loghub-2k systems. */
export const LOGHUB_SYSTEMS = [
  'HDFS', 'Hadoop', 'Spark', 'Zookeeper', 'OpenStack', 'HPC',
  'Thunderbird', 'Windows', 'Linux', 'Android', 'HealthApp', 'Apache',
] as const;
export type LoghubSystem = (typeof LOGHUB_SYSTEMS)[number];

/**
 * Published grouping accuracy of Drain on the Loghub-2k samples, with
 * per-system regexes and parameters, on the original ground truth
 * (logpai/logparser docs/benchmark.md).
 */
export const DRAIN_GA: Record<LoghubSystem, number> = {
  HDFS: 0.998, Hadoop: 0.948, Spark: 0.92, Zookeeper: 0.967, OpenStack: 0.733, HPC: 0.887,
  Thunderbird: 0.955, Windows: 0.997, Linux: 0.69, Android: 0.911, HealthApp: 0.78, Apache: 1.0,
};

/** The loghub-2k folder, or null when it is absent. */
export function loghubDir(): string | null {
  const dir = fileURLToPath(new URL('../../../../shared/datasets/loghub-2k', import.meta.url));
  return existsSync(dir) ? dir : null;
}

/** RFC 4180 CSV: quoted fields may hold commas, `""` and line breaks; CRLF or LF rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** One system's structured sample: message content and ground truth per line. */
export interface LoghubSample {
  content: string[];
  eventId: string[];
  eventTemplate: string[];
}

/** Reads `<S>_2k.log_structured_corrected.csv` (or the original `_structured.csv`). */
export function loadLoghub(dir: string, system: LoghubSystem, corrected = true): LoghubSample {
  const file = `${dir}/${system}/${system}_2k.log_structured${corrected ? '_corrected' : ''}.csv`;
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${file}: no ${name} column`);
    return i;
  };
  const content = col('Content');
  const eventId = col('EventId');
  const eventTemplate = col('EventTemplate');
  const lines = rows.filter((r) => r.length === header.length);
  return {
    content: lines.map((r) => r[content]),
    eventId: lines.map((r) => r[eventId]),
    eventTemplate: lines.map((r) => r[eventTemplate]),
  };
}
