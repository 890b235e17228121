import type { ReaderContext, RowReader } from './row-readers.ts';
import { findLineTimestamp, parseTimestampValue } from './timestamp.ts';

/** A double-quoted CLF string; nginx escapes `"` as `\x22`, Apache as `\"`. */
const QUOTED = '"((?:[^"\\\\]|\\\\.)*)"';
/**
 * Common Log Format, and Combined (referer and user agent added):
 * `127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0" 200 2326 "http://ref/" "Mozilla/4.08"`.
 * What follows (nginx's extra variables) is matched by {@link REQUEST_TIME}.
 */
const CLF = new RegExp(`^(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] ${QUOTED} (\\d{3}|-) (\\d+|-)(?: ${QUOTED} ${QUOTED})?`);

/**
 * nginx's `$request_time` appended to the combined format (the common
 * `log_format main … "$http_user_agent" $request_time`, perhaps after more
 * quoted variables such as `"$http_x_forwarded_for"`): seconds with a
 * decimal point (nginx prints milliseconds, `0.005`), as the first bare
 * number after the quoted ones. A number without a decimal point is left
 * alone: it may be a port, a size or an upstream status.
 */
const REQUEST_TIME = new RegExp(`^(?: ${QUOTED})* (\\d+\\.\\d+)(?:\\s|$)`);

/** Fields of one CLF line, or null when it is not one. */
export function parseClf(line: string): Record<string, unknown> | null {
  const m = CLF.exec(line);
  if (!m) return null;
  const [, remote, ident, user, time, request, status, bytes, referer, agent] = m;
  const fields: Record<string, unknown> = { remote_addr: remote, ident, user, time };
  // A request line is `METHOD PATH PROTOCOL`; scanners send junk, kept whole as the path.
  const parts = unescape(request).split(' ');
  if (parts.length === 3) [fields.method, fields.path, fields.protocol] = parts;
  else if (request !== '-') fields.path = unescape(request);
  if (status !== '-') fields.status = Number(status);
  // `-` means no body was sent (a 304, a HEAD): 0 bytes.
  fields.bytes = bytes === '-' ? 0 : Number(bytes);
  if (referer !== undefined) fields.referer = unescape(referer);
  if (agent !== undefined) fields.user_agent = unescape(agent);
  if (agent !== undefined) {
    // `request_time` in seconds: the latency column reads it as such (× 1000 ms).
    const t = REQUEST_TIME.exec(line.slice(m[0].length));
    if (t) fields.request_time = Number(t[t.length - 1]);
  }
  return fields;
}

/** True when a line is in the Common or Combined Log Format. */
export function isClfLine(line: string): boolean {
  return CLF.test(line);
}

function unescape(s: string): string {
  return s.includes('\\') ? s.replace(/\\x([0-9a-fA-F]{2})|\\(.)/g, (_, hex: string | undefined, c: string) => (hex ? String.fromCharCode(parseInt(hex, 16)) : c)) : s;
}

/**
 * nginx/Apache access logs (common and combined): fields `remote_addr`,
 * `ident`, `user`, `time`, `method`, `path`, `protocol`, `status`, `bytes`,
 * `referer`, `user_agent`, and `request_time` (seconds) when nginx appends
 * `$request_time`; the timestamp from `time`. The message is the
 * whole line: the parser masks addresses and numbers, and the request, status
 * and user agent together make a request's template. A line that is not CLF is
 * kept as a text row, with a warning.
 */
export function clfReader(ctx: ReaderContext): RowReader {
  return {
    line({ number, text }) {
      if (text.trim() === '') return;
      const fields = parseClf(text);
      if (!fields) {
        ctx.warnings.add('clf-no-match', number, () => `${ctx.fileName}, line ${number}: not in the Common/Combined Log Format; kept as a text line`);
        ctx.builder.addRow(ctx.fileIndex, number, text, text, findLineTimestamp(text, ctx.syslogYear));
        return;
      }
      ctx.builder.addRow(ctx.fileIndex, number, text, text, parseTimestampValue(fields.time), fields);
    },
    end() {},
  };
}
