/**
 * MongoDB Extended JSON (what `mongoexport` writes, canonical or relaxed) to
 * plain values: `{"$oid": "…"}` → the id text, `{"$date": …}` → an ISO 8601
 * string, `{"$numberLong": "…"}` and the other number wrappers → numbers.
 * A wrapper this does not know stays an object (flattened like any other).
 */
export function unwrapExtendedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapExtendedJson);
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length >= 1 && keys[0].startsWith('$')) {
    const unwrapped = unwrapOne(keys, obj);
    if (unwrapped !== NOT_A_WRAPPER) return unwrapped;
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = unwrapExtendedJson(obj[k]);
  return out;
}

const NOT_A_WRAPPER = Symbol('not a wrapper');

function unwrapOne(keys: string[], obj: Record<string, unknown>): unknown {
  const v = obj[keys[0]];
  if (keys.length === 1) {
    switch (keys[0]) {
      case '$oid':
      case '$symbol':
      case '$uuid':
        return typeof v === 'string' ? v : NOT_A_WRAPPER;
      case '$date':
        return dateText(v);
      case '$numberLong':
      case '$numberInt':
      case '$numberDouble':
      case '$numberDecimal':
        return typeof v === 'string' ? numberOf(v) : NOT_A_WRAPPER;
      case '$timestamp': {
        // A BSON timestamp: `t` is seconds since the epoch, `i` an ordinal within the second.
        const t = (v as { t?: unknown } | null)?.t;
        return typeof t === 'number' ? new Date(t * 1000).toISOString() : NOT_A_WRAPPER;
      }
      case '$binary': {
        const b = v as { base64?: unknown } | string | null;
        return typeof b === 'string' ? b : typeof b?.base64 === 'string' ? b.base64 : NOT_A_WRAPPER;
      }
      case '$minKey':
      case '$maxKey':
        return keys[0];
      default:
        return NOT_A_WRAPPER;
    }
  }
  // Legacy binary: { "$binary": "…", "$type": "00" }.
  if (keys.length === 2 && keys[0] === '$binary' && keys[1] === '$type' && typeof v === 'string') return v;
  return NOT_A_WRAPPER;
}

/** `$date` holds an ISO string (relaxed), `{ "$numberLong": "ms" }` (canonical) or a number of ms (legacy). */
function dateText(v: unknown): unknown {
  if (typeof v === 'string') return v;
  const ms = typeof v === 'number' ? v : typeof (v as { $numberLong?: unknown } | null)?.$numberLong === 'string' ? Number((v as { $numberLong: string }).$numberLong) : NaN;
  if (!Number.isFinite(ms)) return NOT_A_WRAPPER;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? NOT_A_WRAPPER : d.toISOString();
}

/** A number, or the text when it is not a safe one (a 64-bit id, "NaN", a decimal beyond doubles). */
function numberOf(s: string): number | string {
  const n = Number(s);
  if (!Number.isFinite(n)) return s;
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) return s;
  return n;
}

/** True when text holds an Extended JSON wrapper MongoDB writes on every document (`$oid`, `$date`). */
export function hasExtendedJsonMarkers(text: string): boolean {
  return /\{\s*"\$(oid|date)"\s*:/.test(text);
}
