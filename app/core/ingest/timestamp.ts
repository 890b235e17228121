/**
 * Timestamp recognition. Every timestamp becomes milliseconds since the Unix
 * epoch (UTC); a time written without a zone is read as UTC so that results do
 * not depend on the machine's time zone.
 */

const ISO = /(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?\s?(Z|[+-]\d{2}:?\d{2})?/;

/** Milliseconds since the epoch for an ISO-8601-like match, or NaN. */
function fromIsoMatch(m: RegExpExecArray): number {
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac ? Number((frac + '00').slice(0, 3)) : 0;
  let t = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, ms);
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  return t;
}

/**
 * Finds an ISO-8601 timestamp near the start of a log line (within the first
 * 80 characters, so a label token or a host may precede it).
 * @returns milliseconds since the epoch, or NaN when there is none
 */
export function findLineTimestamp(text: string): number {
  const m = ISO.exec(text.length > 80 ? text.slice(0, 80) : text);
  return m ? fromIsoMatch(m) : NaN;
}

/**
 * Reads a timestamp field: an ISO-8601 string, or an epoch number in seconds,
 * milliseconds or nanoseconds (told apart by magnitude).
 * @returns milliseconds since the epoch, or NaN
 */
export function parseTimestampValue(value: unknown): number {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string' || value === '') return NaN;
  if (/^\d+(\.\d+)?$/.test(value)) return fromEpoch(Number(value));
  const m = ISO.exec(value);
  return m ? fromIsoMatch(m) : NaN;
}

function fromEpoch(x: number): number {
  if (!Number.isFinite(x) || x <= 0) return NaN;
  if (x < 1e11) return x * 1000; // seconds (until year 5138)
  if (x < 1e14) return x; // milliseconds
  if (x < 1e17) return x / 1000; // microseconds
  return x / 1e6; // nanoseconds (Loki)
}

/** Field names that hold the event time in JSON and CSV logs, in order of preference. */
export const TIMESTAMP_FIELDS = ['@timestamp', 'timestamp', 'time', 'ts', 'datetime', 'date', 'received_at', 'Time', 'Timestamp', 'Date'];
