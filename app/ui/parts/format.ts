/** Numbers as the page shows them: fixed digits, a dash for "not measurable". */
export function fmt(v: number | null | undefined, digits = 4): string {
  return v === null || v === undefined || Number.isNaN(v) ? '—' : v.toFixed(digits);
}

export function fmtCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** A time as `2026-03-02 10:00:00.000` (UTC); empty when missing or out of Date's range. */
export function fmtTime(ms: number | null | undefined): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return '';
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

export function fmtBytes(b: number): string {
  return b >= 1 << 20 ? `${(b / (1 << 20)).toFixed(1)} MiB` : b >= 1024 ? `${(b / 1024).toFixed(1)} KiB` : `${b} B`;
}
