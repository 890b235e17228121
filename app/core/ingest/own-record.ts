/**
 * Records keyed by what logs contain (field names, label columns, key=value
 * keys, group values). Log text is not code: a field named `__proto__`,
 * `constructor` or `toString` is a name like any other, so such a record is
 * made without a prototype and read through own properties only. A plain
 * `{}` would turn `out["__proto__"] = v` into a prototype change (the field
 * vanishes, or its keys show up as fields), and `rec["constructor"]` would
 * find `Object` where the data has no such field.
 *
 * Reading needs `ownValue` even for records made here: one that crossed from
 * a worker (structured clone) or came out of `JSON.parse` has
 * `Object.prototype` again — though both keep an own `__proto__` key as an
 * own key.
 */

/** An empty record with no prototype: any string is an ordinary key of it. */
export function ownRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The record's own value at `key`; undefined when the record has no such own key (never an inherited one). */
export function ownValue<T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return record !== null && record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Sets an own key, `__proto__` included, on any record (one with a prototype, too). */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A copy of a record's own enumerable keys into a record with no prototype. */
export function copyOwn<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const out = ownRecord<T>();
  for (const key of Object.keys(record)) out[key] = record[key];
  return out;
}
