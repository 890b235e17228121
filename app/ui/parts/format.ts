/** Numbers as the page shows them: fixed digits, a dash for "not measurable". */
export function fmt(v: number | null | undefined, digits = 4): string {
  return v === null || v === undefined || Number.isNaN(v) ? '—' : v.toFixed(digits);
}

export function fmtCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function fmtTime(ms: number): string {
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

export function fmtBytes(b: number): string {
  return b >= 1 << 20 ? `${(b / (1 << 20)).toFixed(1)} MiB` : b >= 1024 ? `${(b / 1024).toFixed(1)} KiB` : `${b} B`;
}
