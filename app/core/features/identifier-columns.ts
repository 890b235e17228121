import { TIMESTAMP_FIELDS } from '../ingest/timestamp.ts';

/**
 * Numbers that name things or places rather than measure them — process and
 * thread ids, ports, block and sequence numbers, counters that only grow,
 * times — are kept out of the default columns. A distance or isolation
 * detector takes them as magnitudes: on an OpenSSH log the highest pids (the
 * last minute of the file) then rank as the most anomalous lines.
 *
 * A numeric column is left out when, on the training rows, any of these holds:
 * - **name**: a word of its name (split at `_`, `.`, `-` and camelCase) is an
 *   identifier word ({@link IDENTIFIER_WORDS}: `pid`, `tid`, `uid`, `gid`,
 *   `id`, `port`, `seq`, `offset`, `inode`, `blk`, `thread`…, and
 *   `requestid`-style joins), or the name is a time field (`time`, `date`,
 *   `timestamp`…, as in `TIMESTAMP_FIELDS`, and the calendar parts `day`,
 *   `month`, `year`);
 * - **near-unique**: every value is an integer, at least
 *   {@link IDENTIFIER_RULES}`.minValues` values are present, more than
 *   `minDistinct` of them are distinct, and they spread evenly over their
 *   range (Kolmogorov distance to the uniform distribution on [min, max]
 *   below `maxUniformDistance`). Measured sizes and latencies are just as
 *   distinct but heavy-tailed (distance 0.9 and more on the samples), so they stay;
 * - **grows with the line**: at least `minChanges` times the value differs
 *   from the row before, and at least `minGrowth` of those changes go up
 *   (sequence numbers, offsets, counters, times).
 *
 * Rows of a CSV of features skip the near-unique rule (see
 * {@link leaveOutIdentifiers}). Changes are counted in row order over the
 * training rows; a column absent
 * from a row is skipped there. The user can name a left-out column in
 * `features.columns` (or tick it in the page) to use it all the same.
 */
export const IDENTIFIER_RULES = {
  /** Share of distinct values among the present ones (0–1) above which evenly spread integers look like ids. */
  minDistinct: 0.5,
  /** Largest Kolmogorov distance (0–1) to the uniform distribution on [min, max] that counts as evenly spread. */
  maxUniformDistance: 0.25,
  /** Fewest present values for the near-unique rule (a handful of lines is always near-unique). */
  minValues: 50,
  /** Share of a column's changes (0–1) that must go up for it to grow with the line. */
  minGrowth: 0.95,
  /** Fewest changes, row to row, for the growth rule. */
  minChanges: 10,
  /** Most values looked at for the near-unique rule; more are sampled evenly (the growth rule sees every row). */
  maxSample: 100_000,
} as const;

/** Words of a column name that make it an identifier (lower case). */
export const IDENTIFIER_WORDS: ReadonlySet<string> = new Set([
  'id', 'ids', 'uuid', 'guid',
  'pid', 'ppid', 'tid', 'uid', 'euid', 'ruid', 'gid', 'egid', 'sid', 'xid', 'zxid', 'txid', 'hwid', 'myid',
  'port', 'sport', 'dport', 'spt', 'dpt',
  'seq', 'seqno', 'seqnum', 'sequence', 'serial',
  'offset', 'inode', 'ino', 'blk', 'thread', 'lineno',
]);

/** Joined names such as `requestid`, `blockid`, `threadid`, `lineid`. */
const JOINED_ID = /^(request|req|session|block|blk|thread|process|proc|user|client|device|log|line|event|job|task|txn|trace|span|msg|conn|node|container|app|parent|worker|object|record|row)_?ids?$/;

/** Time fields, and the calendar parts a log's timestamp is split into (Loghub's Thunderbird `Day`); not `hour`, a feature of its own in a CSV. */
const TIME_NAMES: ReadonlySet<string> = new Set([...TIMESTAMP_FIELDS.map((f) => f.toLowerCase()), 'day', 'month', 'year']);

/** What made a column look like an identifier; only the rules that held are set. */
export interface IdentifierEvidence {
  /** The word of the name that names an identifier (lower case), or the time field's name. */
  name?: string;
  /** The column's field name, as written. */
  field?: string;
  /** The name is a time field (`time`, `timestamp`…). */
  time?: boolean;
  /** Share of distinct values among the present ones, 0–1 (near-unique and evenly spread). */
  distinct?: number;
  /** Share of changes row to row that go up, 0–1 (grows with the line). */
  growth?: number;
}

/** A column the defaults left out, and why, in words for the user. */
export interface LeftOutColumn {
  column: string;
  reason: string;
  evidence: IdentifierEvidence;
}

/**
 * The words of a field name, lower case: split at non-alphanumerics and at
 * camelCase humps (`clientID` → client, id; `HWID` → hwid; `dst_port` → dst, port).
 */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** The word of `name` that names an identifier, or undefined. */
export function identifierWord(name: string): string | undefined {
  return nameWords(name).find((w) => IDENTIFIER_WORDS.has(w) || JOINED_ID.test(w));
}

/**
 * Why the numeric column `name` looks like an identifier, a counter or a
 * time on the given rows, or null when it looks like a measurement.
 * @param values one value per row; NaN where the row has none
 * @param rows the training rows, ascending (all rows when omitted)
 */
export function identifierEvidence(name: string, values: ArrayLike<number>, rows?: ArrayLike<number>, rules: { nearUnique?: boolean } = {}): IdentifierEvidence | null {
  const evidence: IdentifierEvidence = {};
  const word = identifierWord(name);
  if (word) Object.assign(evidence, { name: word, field: name });
  else if (TIME_NAMES.has(name.toLowerCase())) Object.assign(evidence, { name, field: name, time: true });
  const growth = growthShare(values, rows);
  if (growth !== null && growth >= IDENTIFIER_RULES.minGrowth) evidence.growth = growth;
  const distinct = rules.nearUnique === false ? null : evenlySpreadDistinct(values, rows);
  if (distinct !== null) evidence.distinct = distinct;
  return Object.keys(evidence).length ? evidence : null;
}

/**
 * The user's words for evidence: `looks like an identifier (named “pid”, 84 %
 * distinct values spread evenly, grows with the line: 98 % of changes go up)`,
 * `looks like an identifier (“id” in its name)`, `holds a time (named “Time”)`.
 */
export function describeIdentifier(e: IdentifierEvidence): string {
  const parts: string[] = [];
  if (e.name) parts.push(!e.field || e.field.toLowerCase() === e.name.toLowerCase() ? `named “${e.field ?? e.name}”` : `“${e.name}” in its name`);
  if (e.distinct !== undefined) parts.push(`${percent(e.distinct)} distinct values spread evenly`);
  if (e.growth !== undefined) parts.push(`grows with the line: ${percent(e.growth)} of changes go up`);
  const what = e.time ? 'holds a time' : e.name || e.distinct !== undefined ? 'looks like an identifier' : 'looks like a counter';
  return `${what} (${parts.join(', ')})`;
}

/**
 * Splits candidate default columns into those kept and those left out.
 * @param candidates column name and its values (NaN where a row has none), in order
 * @param rows the training rows (all when omitted); sorted here when they are not ascending
 * @param rules `nearUnique: false` skips the near-unique rule: a CSV of
 *   features was made to be features, and an evenly spread integer there
 *   (a uniform count) is one; its names and counters are still judged
 */
export function leaveOutIdentifiers(
  candidates: { column: string; field: string; values: ArrayLike<number> }[],
  rows?: ArrayLike<number>,
  rules: { nearUnique?: boolean } = {},
): { columns: string[]; leftOut: LeftOutColumn[] } {
  const ordered = rows && !ascending(rows) ? Int32Array.from(rows).sort() : rows;
  const columns: string[] = [];
  const leftOut: LeftOutColumn[] = [];
  for (const c of candidates) {
    const evidence = identifierEvidence(c.field, c.values, ordered, rules);
    if (evidence) leftOut.push({ column: c.column, reason: describeIdentifier(evidence), evidence });
    else columns.push(c.column);
  }
  return { columns, leftOut };
}

function percent(share: number): string {
  const p = share * 100;
  return `${p >= 99.5 && p < 100 ? '>99' : Math.round(p)} %`;
}

function ascending(rows: ArrayLike<number>): boolean {
  for (let k = 1; k < rows.length; k++) if (rows[k] < rows[k - 1]) return false;
  return true;
}

/** Share of changes that go up, or null with fewer than `minChanges` changes. */
function growthShare(values: ArrayLike<number>, rows?: ArrayLike<number>): number | null {
  const n = rows ? rows.length : values.length;
  let prev = NaN;
  let up = 0;
  let changes = 0;
  for (let k = 0; k < n; k++) {
    const v = values[rows ? rows[k] : k];
    if (Number.isNaN(v)) continue;
    if (!Number.isNaN(prev) && v !== prev) {
      changes++;
      if (v > prev) up++;
    }
    prev = v;
  }
  return changes >= IDENTIFIER_RULES.minChanges ? up / changes : null;
}

/** The distinct share when the values are integers, near-unique and evenly spread; else null. */
function evenlySpreadDistinct(values: ArrayLike<number>, rows?: ArrayLike<number>): number | null {
  const n = rows ? rows.length : values.length;
  const step = Math.max(1, Math.ceil(n / IDENTIFIER_RULES.maxSample));
  const seen: number[] = [];
  for (let k = 0; k < n; k += step) {
    const v = values[rows ? rows[k] : k];
    if (Number.isNaN(v)) continue;
    if (!Number.isInteger(v)) return null;
    seen.push(v);
  }
  if (seen.length < IDENTIFIER_RULES.minValues) return null;
  const sorted = Float64Array.from(seen).sort();
  let distinct = 1;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  const share = distinct / sorted.length;
  if (share <= IDENTIFIER_RULES.minDistinct) return null;
  const lo = sorted[0];
  const span = sorted[sorted.length - 1] - lo;
  let d = 0;
  for (let i = 0; i < sorted.length; i++) {
    const u = (sorted[i] - lo) / span;
    // The empirical CDF jumps at each value: compare both sides of the step.
    d = Math.max(d, Math.abs((i + 1) / sorted.length - u), Math.abs(i / sorted.length - u));
  }
  return d < IDENTIFIER_RULES.maxUniformDistance ? share : null;
}
