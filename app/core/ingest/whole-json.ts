import { IngestError } from './ingest-error.ts';

/**
 * A whole JSON document (an API response, a JSON array): parsed once, with a
 * malformed one reported by file and, where the engine says where, line.
 */
export function parseJsonDocument(text: string, fileName: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    throw new IngestError(fileName, `not valid JSON, so not ${what} (${message})`, { line: errorLine(text, message) }, e);
  }
}

/**
 * The line of a JSON.parse error: V8 says "at position N" (and newer V8 "line
 * L column C"), Firefox "at line L column C"; when it says neither (V8's
 * "Unexpected token …, "…" is not valid JSON"), undefined.
 */
function errorLine(text: string, message: string): number | undefined {
  const lc = /line (\d+) column \d+/.exec(message);
  if (lc) return Number(lc[1]);
  const pos = /position (\d+)/.exec(message);
  if (pos) return lineAt(text, Math.min(Number(pos[1]), text.length));
  if (/end of (JSON|data)/i.test(message)) return lineAt(text, text.length);
  return undefined;
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** A step of a path into a JSON document: an object key, or `*` for every element of an array. */
export type JsonPathStep = string;

/**
 * The line where each value at `path` starts, in document order, e.g.
 * `['hits', 'hits', '*']` → the line of each search hit. A quick scan of the
 * text (strings and nesting only, no values built), run after JSON.parse
 * succeeded, so the text is known to be valid. Rows get the line of their
 * item in a pretty-printed response; in a one-line response, line 1.
 */
export function valueLines(text: string, path: JsonPathStep[]): number[] {
  const out: number[] = [];
  // Per open container: is it an array, its depth of match (how many steps of
  // `path` it matches, -1 if off the path), and, for an object, the last key.
  const stack: { array: boolean; matched: number; key: string | null }[] = [];
  let line = 1;
  let expectKey = false;
  /** Called at the start of every value: returns how many steps it matches, -1 if none. */
  const valueStart = (): number => {
    if (stack.length === 0) return 0;
    const top = stack[stack.length - 1];
    if (top.matched < 0 || top.matched >= path.length) return -1;
    const step = path[top.matched];
    const ok = top.array ? step === '*' : step === top.key;
    if (!ok) return -1;
    const matched = top.matched + 1;
    if (matched === path.length) out.push(line);
    return matched;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
    } else if (c === 34) {
      // A string: a key when an object expects one, else a value.
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 ? 2 : 1;
      if (expectKey) {
        const raw = text.slice(i + 1, j);
        stack[stack.length - 1].key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        expectKey = false;
      } else valueStart();
      i = j;
    } else if (c === 123 || c === 91) {
      const matched = valueStart();
      stack.push({ array: c === 91, matched, key: null });
      expectKey = c === 123;
    } else if (c === 125 || c === 93) {
      stack.pop();
      expectKey = false;
    } else if (c === 44) {
      expectKey = stack.length > 0 && !stack[stack.length - 1].array;
    } else if (c === 58 || c === 32 || c === 9 || c === 13) {
      // `:` and white space
    } else {
      // A number, true, false or null: skip to its end.
      valueStart();
      while (i + 1 < text.length && !/[\s,\]}]/.test(text[i + 1])) i++;
    }
  }
  return out;
}
