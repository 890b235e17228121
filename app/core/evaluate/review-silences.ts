import type { ReviewMark } from './review-marks.ts';

/**
 * The patterns a person's review says not to alert on in production: those
 * of units they marked normal although the run flagged them (score at or
 * above its threshold). Each pattern once, in order of first mark; a unit
 * without a pattern (a session, a window) gives none.
 * @param patternOf a unit's pattern (template with `***`), or null
 */
export function reviewSilences(marks: readonly ReviewMark[], scores: ArrayLike<number>, threshold: number, patternOf: (unit: number) => string | null): string[] {
  const out: string[] = [];
  for (const m of marks) {
    if (m.label !== 0 || !(scores[m.unit] >= threshold)) continue;
    const p = patternOf(m.unit);
    if (p && !out.includes(p)) out.push(p);
  }
  return out;
}
