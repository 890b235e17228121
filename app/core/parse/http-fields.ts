import type { KeyValueLookup } from './line-fields.ts';

export const STATUS_KEYS = ['status', 'status_code', 'statusCode', 'http.status', 'http_status', 'response.status', 'code'];
export const LATENCY_KEYS: [string, number][] = [
  ['latency_ms', 1], ['duration_ms', 1], ['elapsed_ms', 1], ['response_time_ms', 1], ['took_ms', 1], ['time_ms', 1],
  ['latency', 1], ['duration', 1], ['elapsed', 1], ['response_time', 1], ['request_time', 1000], ['rt', 1], ['took', 1],
  ['latency_s', 1000], ['duration_s', 1000],
];
/** `HTTP/1.1" 200` in combined/common log format. */
const CLF_STATUS = /HTTP\/\d(?:\.\d)?"?\s+(\d{3})\b/;
/** `in 120 ms`, `took 35ms`, `after 1.2 s`. */
const PROSE_LATENCY = /\b(?:in|took|after)\s+(\d+(?:\.\d+)?)\s?(ms|s|sec|seconds|milliseconds)\b/i;

/** An HTTP status code (100–599) from a field, a key=value pair or a request line; NaN if none. */
export function httpStatus(message: string, get: KeyValueLookup): number {
  for (const k of STATUS_KEYS) {
    const v = Number(get(k));
    if (Number.isInteger(v) && v >= 100 && v <= 599) return v;
  }
  const m = CLF_STATUS.exec(message);
  return m ? Number(m[1]) : NaN;
}

/** A latency in milliseconds from a field, a key=value pair or prose; NaN if none. */
export function latencyMs(message: string, get: KeyValueLookup): number {
  for (const [k, factor] of LATENCY_KEYS) {
    const raw = get(k);
    if (raw === undefined || raw === null) continue;
    const m = /^(-?\d+(?:\.\d+)?)\s*(ms|s|us|µs)?$/.exec(String(raw).trim());
    if (!m) continue;
    const unit = m[2] === 's' ? 1000 : m[2] === 'us' || m[2] === 'µs' ? 0.001 : m[2] === 'ms' ? 1 : factor;
    return Number(m[1]) * unit;
  }
  const m = PROSE_LATENCY.exec(message);
  if (!m) return NaN;
  return Number(m[1]) * (/^m/i.test(m[2]) ? 1 : 1000);
}
