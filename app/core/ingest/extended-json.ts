import { ownRecord } from './own-record.ts';

/**
 * MongoDB Extended JSON (what `mongoexport` writes, canonical or relaxed) to
 * plain values: `{"$oid": "…"}` → the id text, `{"$date": …}` → an ISO 8601
 * string, `{"$numberLong": "…"}` and the other number wrappers → numbers.
 * A wrapper this does not know stays an object (flattened like any other).
 *
 * Objects come out without a prototype, every key of the document an own
 * key (`__proto__` too). The walk keeps its own stack, so a document nested
 * as deep as `JSON.parse` reads is unwrapped without running out of stack.
 */
export function unwrapExtendedJson(value: unknown): unknown {
  const root = ownRecord<unknown>();
  // Work: the unwrapped `value` goes to `into[at]` (an array's index, or an object's key).
  const work: { into: Record<string, unknown>; at: string; value: unknown }[] = [{ into: root, at: 'value', value }];
  while (work.length > 0) {
    const { into, at, value: v } = work.pop()!;
    if (Array.isArray(v)) {
      const out = new Array<unknown>(v.length);
      into[at] = out;
      const slots = out as unknown as Record<string, unknown>;
      for (let i = v.length - 1; i >= 0; i--) work.push({ into: slots, at: String(i), value: v[i] });
      continue;
    }
    if (v === null || typeof v !== 'object') {
      into[at] = v;
      continue;
    }
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length >= 1 && keys[0].startsWith('$')) {
      const unwrapped = unwrapOne(keys, obj);
      if (unwrapped !== NOT_A_WRAPPER) {
        into[at] = unwrapped;
        continue;
      }
    }
    const out = ownRecord<unknown>();
    into[at] = out;
    // Keys are made now, in the document's order; their values as the work reaches them.
    for (const k of keys) out[k] = undefined;
    for (let i = keys.length - 1; i >= 0; i--) work.push({ into: out, at: keys[i], value: obj[keys[i]] });
  }
  return root.value;
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
