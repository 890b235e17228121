/**
 * Flagged lines grouped by pattern, the way a multi-host syslog aggregator
 * shows them: one row per pattern with its count, scores, main host and time
 * range, so a reviewer reads 30 patterns instead of 3 000 lines.
 */

/** Which rows are flagged: a per-row mask (non-zero / true = flagged) or a list of row indices. */
export type FlaggedRows = { mask: ArrayLike<number | boolean> } | { rows: ArrayLike<number> };

/** Per-row inputs; every array is indexed by row. */
export interface AnomalyGroupsInput {
  flagged: FlaggedRows;
  /** Score per row (score units), higher = more anomalous. */
  scores: ArrayLike<number>;
  /** Template text per row, variables as `<*>`; used when given. */
  templates?: ArrayLike<string> | null;
  /** Raw message per row; used when there are no templates. */
  messages?: ArrayLike<string> | null;
  /** Host per row (null or '' when unknown). */
  hosts?: ArrayLike<string | null> | null;
  /** Time per row (ms since the epoch; NaN when unknown). */
  times?: ArrayLike<number> | null;
  /** Example rows kept per group (count; default 3). */
  examples?: number;
}

/** One pattern among the flagged rows. */
export interface AnomalyGroup {
  /** The template or masked message, variable parts shown as `***`. */
  pattern: string;
  /** Flagged rows with this pattern (count of rows). */
  count: number;
  /** Mean and highest score of those rows (score units). */
  meanScore: number;
  maxScore: number;
  /** The most common host among them, null when no row has one; ties go to the alphabetically first. */
  topHost: string | null;
  /** Rows from `topHost` (count of rows). */
  topHostCount: number;
  /** Earliest and latest finite time among them (ms since the epoch); NaN when none has a time. */
  first: number;
  last: number;
  /** The first few of those rows, in row order (row indices). */
  exampleRows: number[];
}

/** The marker for a variable part in a group's pattern. */
export const GROUP_WILDCARD = '***';

/**
 * Groups the flagged rows by pattern, largest group first (then higher max
 * score, then pattern text, so the order is stable).
 *
 * The pattern is the row's template with each `<*>` replaced by `***`. Without
 * templates it is the raw message with every whitespace-separated token that
 * holds a digit, or is a run of 8 or more hex letters (`deadbeef`), replaced
 * by `***`, and whitespace collapsed to single spaces — deliberately cruder
 * than the template miner, so it works on any text with no parsing step.
 *
 * @returns the groups; empty when no row is flagged
 * @throws RangeError when neither templates nor messages are given, or a flagged row index is out of range
 */
export function anomalyGroups(input: AnomalyGroupsInput): AnomalyGroup[] {
  const { scores, templates, messages, hosts, times, examples = 3 } = input;
  const n = scores.length;
  const text = templates ?? messages;
  if (!text) throw new RangeError('anomalyGroups: give templates or messages');
  const patternOf = templates ? (i: number) => templates[i].replaceAll('<*>', GROUP_WILDCARD) : (i: number) => maskMessage(text[i]);
  const groups = new Map<string, Acc>();
  for (const i of flaggedRows(input.flagged, n)) {
    const pattern = patternOf(i);
    let g = groups.get(pattern);
    if (!g) groups.set(pattern, (g = { pattern, count: 0, sum: 0, max: -Infinity, hosts: new Map(), first: NaN, last: NaN, rows: [] }));
    const s = scores[i];
    g.count++;
    g.sum += s;
    if (s > g.max) g.max = s;
    const host = hosts?.[i];
    if (host) g.hosts.set(host, (g.hosts.get(host) ?? 0) + 1);
    const t = times ? times[i] : NaN;
    if (Number.isFinite(t)) {
      // `!(t >= first)` is also true while first is still NaN.
      if (!(t >= g.first)) g.first = t;
      if (!(t <= g.last)) g.last = t;
    }
    if (g.rows.length < examples) g.rows.push(i);
  }
  const out = [...groups.values()].map(finish);
  return out.sort((a, b) => b.count - a.count || b.maxScore - a.maxScore || (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0));
}

/**
 * A raw message with its variable-looking tokens (any digit, or 8+ hex
 * letters) replaced by `***` and whitespace collapsed.
 */
export function maskMessage(message: string): string {
  const tokens = message.split(/\s+/).filter((t) => t !== '');
  return tokens.map((t) => (/\d/.test(t) || /^[0-9a-f]{8,}$/i.test(t) ? GROUP_WILDCARD : t)).join(' ');
}

interface Acc {
  pattern: string;
  count: number;
  sum: number;
  max: number;
  hosts: Map<string, number>;
  first: number;
  last: number;
  rows: number[];
}

function finish(g: Acc): AnomalyGroup {
  let topHost: string | null = null;
  let topHostCount = 0;
  for (const [host, c] of g.hosts) {
    if (c > topHostCount || (c === topHostCount && topHost !== null && host < topHost)) {
      topHost = host;
      topHostCount = c;
    }
  }
  return {
    pattern: g.pattern, count: g.count, meanScore: g.sum / g.count, maxScore: g.max,
    topHost, topHostCount, first: g.first, last: g.last, exampleRows: g.rows,
  };
}

/** The flagged row indices in increasing order, from either form. */
function flaggedRows(flagged: FlaggedRows, n: number): number[] {
  if ('mask' in flagged) {
    const { mask } = flagged;
    if (mask.length !== n) throw new RangeError(`flagged.mask: ${mask.length} entries, but there are ${n} rows`);
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (mask[i]) rows.push(i);
    return rows;
  }
  const rows = Array.from(flagged.rows);
  for (const i of rows) {
    if (!(Number.isInteger(i) && i >= 0 && i < n)) throw new RangeError(`flagged.rows: ${i} is not a row index (0–${n - 1})`);
  }
  // Row order makes `exampleRows` the first rows whichever form came in;
  // a repeated index must not count its row twice.
  rows.sort((a, b) => a - b);
  return rows.filter((r, j) => j === 0 || r !== rows[j - 1]);
}
