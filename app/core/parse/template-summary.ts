/** One mined template as the page's template table shows it. */
export interface TemplateRow {
  id: number;
  template: string;
  count: number;
  /** Share of all rows (0–1). */
  share: number;
  /** First and last row index (0-based) with this template. */
  firstRow: number;
  lastRow: number;
  /** First and last timestamp (ms since the epoch), NaN without times. */
  firstTime: number;
  lastTime: number;
  /** Up to three row indices, the first rows with this template. */
  examples: number[];
}

/** The number of distinct templates seen after a given row: how fast templates appear. */
export interface GrowthPoint {
  /** Rows read (1-based count). */
  rows: number;
  templates: number;
}

/**
 * Counts, first and last sight, and examples per template, plus the template
 * growth curve over the file (sampled to at most `points` points) — the curve
 * that shows template explosion.
 * @param templateId per row, the template's id (−1 for a row that matched none)
 * @param timestamp per row, ms since the epoch (NaN where unknown)
 */
export function summarizeTemplates(
  templateId: ArrayLike<number>,
  templates: readonly string[],
  timestamp?: ArrayLike<number>,
  points = 200,
): { rows: TemplateRow[]; growth: GrowthPoint[]; unmatched: number } {
  const n = templateId.length;
  const byId = new Map<number, TemplateRow>();
  const growth: GrowthPoint[] = [];
  const every = Math.max(1, Math.floor(n / points));
  let unmatched = 0;
  for (let i = 0; i < n; i++) {
    const id = templateId[i];
    if (id < 0) unmatched++;
    else {
      const t = timestamp ? timestamp[i] : NaN;
      let row = byId.get(id);
      if (!row) {
        row = { id, template: templates[id] ?? '', count: 0, share: 0, firstRow: i, lastRow: i, firstTime: t, lastTime: t, examples: [] };
        byId.set(id, row);
      }
      row.count++;
      row.lastRow = i;
      if (!Number.isNaN(t)) {
        if (Number.isNaN(row.firstTime) || t < row.firstTime) row.firstTime = t;
        if (Number.isNaN(row.lastTime) || t > row.lastTime) row.lastTime = t;
      }
      if (row.examples.length < 3) row.examples.push(i);
    }
    if ((i + 1) % every === 0 || i === n - 1) growth.push({ rows: i + 1, templates: byId.size });
  }
  const rows = [...byId.values()];
  for (const r of rows) r.share = r.count / n;
  rows.sort((a, b) => b.count - a.count || a.id - b.id);
  return { rows, growth, unmatched };
}
