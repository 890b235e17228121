/**
 * Timestamp recognition. Every timestamp becomes milliseconds since the Unix
 * epoch (UTC); a time written without a zone is read as UTC so that results do
 * not depend on the machine's time zone.
 */

const ISO = /(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?\s?(Z|[+-]\d{2}:?\d{2})?/;
/** BGL: `2005-06-03-15.42.50.363779`. */
const BGL = /\b(\d{4})-(\d{2})-(\d{2})-(\d{2})\.(\d{2})\.(\d{2})(?:\.(\d{1,9}))?/;
/** Common Log Format (nginx, Apache): `10/Oct/2000:13:55:36 -0700`. */
const CLF = /\b(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?: ([+-]\d{4}))?/;
/** ctime, as in Apache error logs: `Sun Dec 04 04:47:44 2005`. */
const CTIME = /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))? (\d{4})\b/;
/** BSD syslog (RFC 3164): `Mar  2 10:15:23`, no year. */
const SYSLOG = /\b([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\b/;
/** HDFS: `081109 203615` (yymmdd hhmmss), only at the start of a line: elsewhere six digits are too often something else. */
const HDFS = /^(\d{2})(\d{2})(\d{2}) (\d{2})(\d{2})(\d{2})\b/;
/** A dotted date, as BGL and Thunderbird write it: `2005.06.03`, maybe with a time after it. */
const DOTTED_DATE = /\b(\d{4})\.(\d{2})\.(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?\b/;

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

/**
 * The year given to timestamps written without one (BSD syslog `Mar  2
 * 10:15:23`). 1970, not the current year, so that reading the same file gives
 * the same rows on any day (a replayed experiment must not change on New
 * Year's Day); on a time axis it reads plainly as "year unknown". Set the
 * reader option `syslogYear` to the real year.
 */
export const DEFAULT_SYSLOG_YEAR = 1970;

/** Month index 0–11 of an English three-letter month name, or -1. */
export function monthIndex(name: string): number {
  return Object.hasOwn(MONTHS, name) ? MONTHS[name] : -1;
}

/** Milliseconds for calendar fields, or NaN when one is out of range. */
export function utcTime(y: number, mo: number, d: number, h: number, mi: number, s: number, frac?: string, zone?: string): number {
  if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return NaN;
  const ms = frac ? Number((frac + '00').slice(0, 3)) : 0;
  let t = Date.UTC(y, mo, d, h, mi, s, ms);
  if (y < 100) t = new Date(t).setUTCFullYear(y);
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  return t;
}

type Reader = (m: RegExpExecArray, year: number) => number;

/** The patterns that give a full time, tried on every line; the earliest match in the line wins. */
const FULL: [RegExp, Reader][] = [
  [ISO, (m) => utcTime(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], m[7], m[8])],
  [BGL, (m) => utcTime(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], m[7])],
  [CLF, (m) => utcTime(+m[3], monthIndex(m[2]), +m[1], +m[4], +m[5], +m[6], undefined, m[7])],
  [CTIME, (m) => utcTime(+m[7], monthIndex(m[1]), +m[2], +m[3], +m[4], +m[5], m[6])],
  [SYSLOG, (m, year) => utcTime(year, monthIndex(m[1]), +m[2], +m[3], +m[4], +m[5], m[6])],
  // Two-digit years as POSIX strptime reads them: 69–99 → 19xx, 00–68 → 20xx.
  [HDFS, (m) => utcTime((+m[1] < 69 ? 2000 : 1900) + +m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])],
];

/** FULL as one alternation, each pattern wrapped in a group of its own. */
const ANY_FULL = new RegExp(FULL.map(([re]) => `(${re.source})`).join('|'));
/** Capture groups of each FULL pattern. */
const FULL_GROUPS = FULL.map(([re]) => new RegExp(`${re.source}|`).exec('')!.length - 1);
/** The index in ANY_FULL's match of each pattern's wrapping group. */
const FULL_GROUP = FULL_GROUPS.map((_, k) => 1 + FULL_GROUPS.slice(0, k).reduce((a, n) => a + n + 1, 0));

/**
 * Finds a timestamp near the start of a log line (within the first 80
 * characters, so a label token or a host may precede it): ISO 8601, BGL
 * `2005-06-03-15.42.50.363779`, CLF `10/Oct/2000:13:55:36 -0700`, ctime
 * `Sun Dec 04 04:47:44 2005`, syslog `Mar  2 10:15:23`, HDFS `081109 203615`
 * at the line start; else a dotted date (`2005.06.03`, midnight UTC unless a
 * time follows it). When
 * several appear, the earliest wins (the header, not a time quoted in the
 * message).
 * @param year the year of a syslog time, which has none; a dotted date on the
 *   same line (Thunderbird: `2005.11.09 … Nov 9 12:01:01`) gives it instead
 * @returns milliseconds since the epoch, or NaN when there is none
 */
export function findLineTimestamp(text: string, year: number = DEFAULT_SYSLOG_YEAR): number {
  const head = text.length > 80 ? text.slice(0, 80) : text;
  // One scan finds what the pattern-by-pattern search finds when the earliest
  // match reads as a valid time: the alternation matches at the earliest
  // position any pattern does, with the first pattern (in FULL's order) that
  // matches there. Seven scans of every line were most of reading a file.
  const m = ANY_FULL.exec(head);
  if (!m) {
    // No pattern matches anywhere: only a dotted date can give a time.
    const date = DOTTED_DATE.exec(head);
    return date ? utcTime(+date[1], +date[2] - 1, +date[3], +(date[4] ?? 0), +(date[5] ?? 0), +(date[6] ?? 0)) : NaN;
  }
  let k = 0;
  while (m[FULL_GROUP[k]] === undefined) k++;
  const t = FULL[k][1](m.slice(FULL_GROUP[k], FULL_GROUP[k] + FULL_GROUPS[k] + 1) as unknown as RegExpExecArray, year);
  // An earliest match that is no valid time (month 13): search pattern by pattern.
  if (Number.isNaN(t)) return findLineTimestampByEachPattern(head, year);
  if (FULL[k][0] !== SYSLOG) return t;
  return withDottedYear(t, head);
}

/** A syslog time (no year of its own) in the year of a dotted date on the same line, if there is one. */
function withDottedYear(t: number, head: string): number {
  const date = DOTTED_DATE.exec(head);
  if (!date) return t;
  const d = new Date(t);
  d.setUTCFullYear(+date[1]);
  return d.getTime();
}

/** `findLineTimestamp` one pattern at a time: the definition (and the path for the rare lines the one scan does not settle). */
export function findLineTimestampByEachPattern(text: string, year: number = DEFAULT_SYSLOG_YEAR): number {
  const head = text.length > 80 ? text.slice(0, 80) : text;
  let best = NaN;
  let bestAt = Infinity;
  let bestIsSyslog = false;
  for (const [re, read] of FULL) {
    const m = re.exec(head);
    if (!m || m.index >= bestAt) continue;
    const t = read(m, year);
    if (Number.isNaN(t)) continue;
    best = t;
    bestAt = m.index;
    bestIsSyslog = re === SYSLOG;
  }
  if (bestIsSyslog) return withDottedYear(best, head);
  if (!Number.isNaN(best)) return best;
  const date = DOTTED_DATE.exec(head);
  return date ? utcTime(+date[1], +date[2] - 1, +date[3], +(date[4] ?? 0), +(date[5] ?? 0), +(date[6] ?? 0)) : NaN;
}

/**
 * Reads a timestamp field: an ISO-8601 string (or another form
 * `findLineTimestamp` knows), or an epoch number in seconds, milliseconds,
 * microseconds or nanoseconds (told apart by magnitude).
 * @returns milliseconds since the epoch, or NaN
 */
export function parseTimestampValue(value: unknown): number {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string' || value === '') return NaN;
  if (/^\d+(\.\d+)?$/.test(value)) return fromEpoch(Number(value));
  const m = ISO.exec(value);
  return m ? utcTime(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], m[7], m[8]) : findLineTimestamp(value);
}

/** Milliseconds for an epoch number whose unit is told by its magnitude, or NaN. */
export function fromEpoch(x: number): number {
  if (!Number.isFinite(x) || x <= 0) return NaN;
  if (x < 1e11) return x * 1000; // seconds (until year 5138)
  if (x < 1e14) return x; // milliseconds
  if (x < 1e17) return x / 1000; // microseconds
  return x / 1e6; // nanoseconds (Loki)
}

/** Field names that hold the event time in JSON and CSV logs, in order of preference. */
export const TIMESTAMP_FIELDS = ['@timestamp', 'timestamp', 'time', 'ts', 'datetime', 'date', 'received_at', 'Time', 'Timestamp', 'Date'];
