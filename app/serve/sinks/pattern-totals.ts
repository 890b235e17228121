import { createHash } from 'node:crypto';
import type { WatchRecord } from './sink.ts';

/**
 * A flagged pattern's running totals, as the write-back sinks (SQL, MongoDB)
 * keep them beside its means, so that a batch adds to them without reading
 * the rows counted before.
 */
export interface PatternTotals {
  /** Flagged units of the pattern (count). */
  total: number;
  /** Sum of their scores (score units). */
  scoreSum: number;
  /** Sum of their times (ms since the epoch) over the `timeCount` units that have one. */
  timeSum: number;
  timeCount: number;
  /** Flagged units per host (counts). */
  hosts: Record<string, number>;
}

/** The totals with what the aggregate shows of them. */
export interface PatternSummary extends PatternTotals {
  meanScore: number;
  /** Null when no unit had a time. */
  meanTime: Date | null;
  /** The host with the most flagged units (ties: the first in text order), null when none had a host. */
  topHost: string | null;
}

/** A pattern's id in the aggregate (and on its rows): 40 hex digits of its SHA-1. */
export function groupId(pattern: string): string {
  return createHash('sha1').update(pattern).digest('hex');
}

/** The flagged records by pattern, each pattern's in record order, patterns as they first appear. */
export function flaggedByPattern(records: readonly WatchRecord[]): Map<string, WatchRecord[]> {
  const groups = new Map<string, WatchRecord[]>();
  for (const r of records) if (r.anomaly) (groups.get(r.pattern) ?? groups.set(r.pattern, []).get(r.pattern)!).push(r);
  return groups;
}

/**
 * Adds a pattern's new flagged records to its totals (`old`, or none yet).
 * `old.hosts` is not changed.
 */
export function addToPattern(old: PatternTotals | null, records: readonly WatchRecord[]): PatternSummary {
  const hosts: Record<string, number> = { ...(old?.hosts ?? {}) };
  let total = old?.total ?? 0, scoreSum = old?.scoreSum ?? 0, timeSum = old?.timeSum ?? 0, timeCount = old?.timeCount ?? 0;
  for (const r of records) {
    total++;
    scoreSum += r.score;
    if (r.time) {
      timeSum += Date.parse(r.time);
      timeCount++;
    }
    if (r.host) hosts[r.host] = (hosts[r.host] ?? 0) + 1;
  }
  const topHost = Object.entries(hosts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
  return { total, scoreSum, timeSum, timeCount, hosts, meanScore: scoreSum / total, meanTime: timeCount ? new Date(timeSum / timeCount) : null, topHost };
}
