import { timestampOf, type ReaderContext, type RowReader } from './row-readers.ts';
import { ownRecord } from './own-record.ts';
import { findLineTimestamp } from './timestamp.ts';

/** One line split into logfmt pairs, and how many of its tokens were not pairs. */
export interface LogfmtLine {
  /** The pairs by key; no prototype, so a key `__proto__` or `constructor` is a pair like any other. */
  pairs: Record<string, string>;
  /** Tokens that were `key=value` pairs. */
  pairCount: number;
  /** Tokens that were not (bare words). */
  otherCount: number;
}

const KEY = /^[A-Za-z_@][\w.@\-/]*$/;

/**
 * Splits a logfmt line (`ts=… level=info msg="quoted \"value\"" bytes=512`).
 * Values may be double-quoted with backslash escapes. A bare word is not a
 * pair: logfmt reads it as `key=true`, but in real logs it is nearly always a
 * stray word of an unquoted message, so it is counted and dropped.
 */
export function parseLogfmt(line: string): LogfmtLine {
  const pairs = ownRecord<string>();
  let pairCount = 0;
  let otherCount = 0;
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && (line[i] === ' ' || line[i] === '\t')) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && line[i] !== '=' && line[i] !== ' ' && line[i] !== '\t' && line[i] !== '"') i++;
    const key = line.slice(start, i);
    if (line[i] !== '=' || !KEY.test(key)) {
      // Not a pair: skip the word, a quoted part included.
      otherCount++;
      i = skipWord(line, i);
      continue;
    }
    i++; // '='
    let value: string;
    if (line[i] === '"') {
      const [text, end] = readQuoted(line, i + 1);
      value = text;
      i = end;
    } else {
      const vStart = i;
      while (i < n && line[i] !== ' ' && line[i] !== '\t') i++;
      value = line.slice(vStart, i);
    }
    pairs[key] = value;
    pairCount++;
  }
  return { pairs, pairCount, otherCount };
}

/** True when a line is mostly pairs: two or more, and at least four tokens in five. */
export function isLogfmtLine(line: string): boolean {
  if (!line.includes('=')) return false;
  const { pairCount, otherCount } = parseLogfmt(line);
  return pairCount >= 2 && pairCount >= 4 * otherCount;
}

/** Reads a double-quoted value from `i` (after the opening quote); returns the text and the index after the closing quote. */
function readQuoted(line: string, i: number): [string, number] {
  let out = '';
  while (i < line.length) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) {
      const e = line[i + 1];
      out += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
      i += 2;
    } else if (c === '"') {
      return [out, i + 1];
    } else {
      out += c;
      i++;
    }
  }
  // An unclosed quote runs to the end of the line: keep what there is.
  return [out, i];
}

function skipWord(line: string, i: number): number {
  while (i < line.length && line[i] !== ' ' && line[i] !== '\t') {
    if (line[i] === '"') i = readQuoted(line, i + 1)[1];
    else i++;
  }
  return i;
}

/** Field names that hold the message in logfmt, in order of preference. */
const LOGFMT_MESSAGE = ['msg', 'message'];

/**
 * logfmt: one row per line, a field per pair; the message is `msg` or
 * `message` when the line has one, else the whole line. A line that is not
 * mostly pairs is kept as a text row, with a warning.
 */
export function logfmtReader(ctx: ReaderContext): RowReader {
  let messageField: string | null | undefined;
  return {
    line({ number, text }) {
      if (text.trim() === '') return;
      const parsed = parseLogfmt(text);
      if (parsed.pairCount === 0 || parsed.pairCount < parsed.otherCount) {
        ctx.warnings.add('logfmt-not-pairs', number, () => `${ctx.fileName}, line ${number}: not key=value pairs; kept as a text line`);
        ctx.builder.addRow(ctx.fileIndex, number, text, text, findLineTimestamp(text, ctx.syslogYear));
        return;
      }
      const fields: Record<string, unknown> = parsed.pairs;
      const found = LOGFMT_MESSAGE.find((f) => f in fields) ?? null;
      if (messageField === undefined && found) {
        messageField = found;
        ctx.builder.setMessageField(ctx.fileIndex, found);
      }
      const message = found ? (fields[found] as string) : text;
      const t = timestampOf(fields);
      ctx.builder.addRow(ctx.fileIndex, number, text, message, Number.isNaN(t) ? findLineTimestamp(text, ctx.syslogYear) : t, fields);
    },
    end() {},
  };
}
