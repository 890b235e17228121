/**
 * A value as JSON text, as `JSON.stringify(value)` writes it, without
 * recursion: `JSON.stringify` recurses once per level of nesting, so a log
 * line holding a JSON value nested 100 000 deep (which `JSON.parse` reads,
 * without recursion) would end the load with "Maximum call stack size
 * exceeded". This walks an explicit stack instead, so any value
 * `JSON.parse` made is written back, whatever its depth.
 *
 * Same output as `JSON.stringify` for what JSON and database drivers give:
 * own enumerable keys in their order (`__proto__` included, as an ordinary
 * key), `toJSON` honoured, `undefined`/functions/symbols left out of objects
 * and written `null` in arrays, non-finite numbers `null`; undefined for
 * a value JSON has no text for (undefined, a function). A bigint or a cycle
 * throws, as with `JSON.stringify`.
 */
export function jsonText(value: unknown): string | undefined {
  const first = toJsonValue(value, '');
  const top = scalarText(first);
  if (top !== undefined || !isContainer(first)) return top;
  const out: string[] = [];
  type Frame = { array: true; items: unknown[]; i: number } | { array: false; obj: Record<string, unknown>; keys: string[]; i: number; wrote: boolean };
  const stack: Frame[] = [];
  /** The containers being written, to refuse a cycle as JSON.stringify does. */
  const inStack = new Set<object>();
  const open = (v: object): void => {
    if (inStack.has(v)) throw new TypeError('Converting circular structure to JSON');
    inStack.add(v);
    if (Array.isArray(v)) {
      out.push('[');
      stack.push({ array: true, items: v, i: 0 });
    } else {
      out.push('{');
      stack.push({ array: false, obj: v as Record<string, unknown>, keys: Object.keys(v), i: 0, wrote: false });
    }
  };
  open(first);
  while (stack.length > 0) {
    const f = stack[stack.length - 1];
    if (f.array) {
      if (f.i >= f.items.length) {
        out.push(']');
        inStack.delete(f.items);
        stack.pop();
        continue;
      }
      if (f.i > 0) out.push(',');
      const v = toJsonValue(f.items[f.i], String(f.i));
      f.i++;
      const s = scalarText(v);
      if (s !== undefined) out.push(s);
      else if (isContainer(v)) open(v);
      else out.push('null');
    } else {
      if (f.i >= f.keys.length) {
        out.push('}');
        inStack.delete(f.obj);
        stack.pop();
        continue;
      }
      const key = f.keys[f.i++];
      const v = toJsonValue(f.obj[key], key);
      const s = scalarText(v);
      if (s === undefined && !isContainer(v)) continue;
      out.push(f.wrote ? ',' : '', JSON.stringify(key), ':');
      f.wrote = true;
      if (s !== undefined) out.push(s);
      else open(v as object);
    }
  }
  return out.join('');
}

function toJsonValue(v: unknown, key: string): unknown {
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') return (v as { toJSON(k: string): unknown }).toJSON(key);
  return v;
}

function isContainer(v: unknown): v is object {
  return v !== null && typeof v === 'object';
}

/** The text of a value that is not an object or array; undefined for those and for what JSON leaves out. */
function scalarText(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string': return JSON.stringify(v);
    case 'number': return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean': return v ? 'true' : 'false';
    case 'bigint': throw new TypeError('Do not know how to serialize a BigInt');
    case 'object':
      if (v === null) return 'null';
      // A boxed primitive (new String("a")) is written as its value, as JSON.stringify does.
      if (v instanceof String || v instanceof Number || v instanceof Boolean) return JSON.stringify(v);
      return undefined;
    default: return undefined;
  }
}
