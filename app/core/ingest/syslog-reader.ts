import type { ReaderContext, RowReader } from './row-readers.ts';
import { findLineTimestamp, monthIndex, parseTimestampValue, utcTime } from './timestamp.ts';

/** Syslog severities 0–7 by name; the names are level words the parser knows. */
export const SYSLOG_SEVERITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];

/**
 * RFC 3164 (BSD) header, PRI optional as in /var/log/syslog:
 * `<34>Oct 11 22:14:15 mymachine su[123]: message`. rsyslog's high-precision
 * file format puts an RFC 3339 time in place of `Oct 11 22:14:15`.
 */
const BSD = /^(?:<(\d{1,3})>)?(?:([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})|(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})))\s+(\S+)\s?(.*)$/;
/** The tag after the host: `su[123]: `, `kernel: `, `sshd(pam_unix)[19939]: `. */
const TAG = /^([^\s[:]+)(?:\[([^\]]*)\])?: ?/;
/** RFC 5424: `<165>1 2003-10-11T22:14:15.003Z host app 1234 ID47 [sd] msg`. */
const IETF = /^<(\d{1,3})>(\d{1,2}) (\S+) (\S+) (\S+) (\S+) (\S+)(?: (.*))?$/;

/** The fields, time and message of one syslog line. */
export interface SyslogLine {
  variant: 'rfc3164' | 'rfc5424';
  fields: Record<string, unknown>;
  /** Milliseconds since the epoch, NaN if none. */
  timestamp: number;
  message: string;
  /** Month 0–11 of a year-less (RFC 3164) time, -1 otherwise: the reader uses it to notice New Year. */
  month: number;
}

/**
 * Parses one syslog line, RFC 5424 or RFC 3164.
 * @param year the year of an RFC 3164 time, which has none
 * @returns null when the line has no syslog header
 */
export function parseSyslog(line: string, year: number): SyslogLine | null {
  const ietf = IETF.exec(line);
  if (ietf && ietf[2] !== '0') return parseIetf(ietf);
  const m = BSD.exec(line);
  if (!m) return null;
  const fields: Record<string, unknown> = {};
  addPri(fields, m[1]);
  let timestamp: number;
  let month = -1;
  if (m[2]) {
    month = monthIndex(m[2]);
    if (month < 0) return null;
    timestamp = utcTime(year, month, +m[3], +m[4], +m[5], +m[6]);
  } else {
    timestamp = parseTimestampValue(m[7]);
  }
  fields.host = m[8];
  let message = m[9];
  const tag = TAG.exec(message);
  if (tag) {
    fields.app = tag[1];
    if (tag[2] !== undefined && tag[2] !== '') fields.pid = tag[2];
    message = message.slice(tag[0].length);
  }
  return { variant: 'rfc3164', fields, timestamp, message, month };
}

/** True when a line starts with a syslog header of either kind. */
export function isSyslogLine(line: string): boolean {
  return parseSyslog(line, 1970) !== null;
}

function parseIetf(m: RegExpExecArray): SyslogLine | null {
  const fields: Record<string, unknown> = {};
  addPri(fields, m[1]);
  const [, , , time, host, app, procid, msgid] = m;
  const timestamp = time === '-' ? NaN : parseTimestampValue(time);
  if (time !== '-' && Number.isNaN(timestamp)) return null;
  if (host !== '-') fields.host = host;
  if (app !== '-') fields.app = app;
  if (procid !== '-') fields.pid = procid;
  if (msgid !== '-') fields.msgid = msgid;
  let rest = m[8] ?? '';
  if (rest.startsWith('-')) {
    rest = rest.slice(1);
  } else if (rest.startsWith('[')) {
    const end = readStructuredData(rest, fields);
    if (end < 0) return null;
    rest = rest.slice(end);
  }
  // A UTF-8 message starts with a BOM (RFC 5424 §6.4); it is not part of the text.
  const message = rest.replace(/^ /, '').replace(/^\uFEFF/, '');
  return { variant: 'rfc5424', fields, timestamp, message, month: -1 };
}

/**
 * Reads `[id name="value" …][id2 …]` into fields named `id.name`; values
 * unescape `\"`, `\\` and `\]`.
 * @returns the index after the last element, or -1 if malformed
 */
function readStructuredData(s: string, fields: Record<string, unknown>): number {
  let i = 0;
  while (s[i] === '[') {
    const idEnd = s.slice(i + 1).search(/[ \]]/);
    if (idEnd < 0) return -1;
    const id = s.slice(i + 1, i + 1 + idEnd);
    i += 1 + idEnd;
    while (s[i] === ' ') {
      const eq = s.indexOf('="', i);
      if (eq < 0) return -1;
      const name = s.slice(i + 1, eq);
      let value = '';
      let j = eq + 2;
      for (; j < s.length && s[j] !== '"'; j++) {
        if (s[j] === '\\' && (s[j + 1] === '"' || s[j + 1] === '\\' || s[j + 1] === ']')) j++;
        value += s[j];
      }
      if (j >= s.length) return -1;
      fields[`${id}.${name}`] = value;
      i = j + 1;
    }
    if (s[i] !== ']') return -1;
    i++;
  }
  return i;
}

/** PRI = facility × 8 + severity. */
function addPri(fields: Record<string, unknown>, pri: string | undefined): void {
  if (pri === undefined) return;
  const p = Number(pri);
  if (p > 191) return;
  fields.facility = p >> 3;
  fields.severity = p & 7;
  fields.level = SYSLOG_SEVERITIES[p & 7];
}

/**
 * Syslog, RFC 3164 or RFC 5424, line by line. Fields: `host`, `app`, `pid`,
 * and from PRI when present `facility`, `severity` (0–7) and `level` (its
 * name); RFC 5424 adds `msgid` and structured data as `id.name`. The message
 * is the text after the header.
 *
 * RFC 3164 times have no year: they take `syslogYear` (default 1970, see
 * `DEFAULT_SYSLOG_YEAR`), and one more each time the month jumps back by more
 * than six (December → January), so a file across New Year stays in order.
 * A line without a header is kept as a text row, with a warning.
 */
export function syslogReader(ctx: ReaderContext): RowReader {
  let year = ctx.syslogYear;
  let lastMonth = -1;
  return {
    line({ number, text }) {
      if (text.trim() === '') return;
      const parsed = parseSyslog(text, year);
      if (!parsed) {
        ctx.warnings.add('syslog-no-header', number, () => `${ctx.fileName}, line ${number}: no syslog header; kept as a text line`);
        ctx.builder.addRow(ctx.fileIndex, number, text, text, findLineTimestamp(text, year));
        return;
      }
      let { timestamp } = parsed;
      if (parsed.month >= 0) {
        if (lastMonth >= 0 && lastMonth - parsed.month > 6) {
          year++;
          timestamp = parseSyslog(text, year)!.timestamp;
        }
        lastMonth = parsed.month;
      }
      ctx.builder.addRow(ctx.fileIndex, number, text, parsed.message, timestamp, parsed.fields);
    },
    end() {},
  };
}
