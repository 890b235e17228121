import type { RunReport } from '../core/experiment/run-experiment.ts';

const fixed = (v: number | null, digits = 4) => (v === null ? '—' : v.toFixed(digits));

/** The `--format table` rendering of a run report, aligned for a terminal. */
export function formatReportTable(report: RunReport): string {
  const { rows, labelled, anomalies } = report.dataset;
  const head = `${rows} units${labelled ? `, ${anomalies} labelled anomalous` : ', no labels'}`;
  const header = ['run', 'detector', 'ROC-AUC', 'PR-AUC', 'precision', 'recall', 'F1', 'threshold', 'flagged', 'best F1', 'fit ms', 'score ms'];
  const body = report.runs.map((r) => [
    r.id, r.detector, fixed(r.metrics.rocAuc), fixed(r.metrics.prAuc), fixed(r.metrics.precision), fixed(r.metrics.recall),
    fixed(r.metrics.f1), fixed(r.metrics.threshold), String(r.metrics.flagged), fixed(r.metrics.bestF1),
    r.timing.fitMs.toFixed(1), r.timing.scoreMs.toFixed(1),
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((row) => row[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => (j < 2 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ');
  return [head, '', line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/**
 * Each run's material threshold notes (a tie that cost a tenth or more of
 * the units asked for, nothing or everything flagged, a budget above the
 * units) as `warning:` lines, so that a script reading stdout is unaffected
 * and a person at the terminal sees them. `--format json` has every note.
 */
export function warnThresholdNotes(report: RunReport, warn: (s: string) => void): void {
  for (const r of report.runs) for (const note of r.notes ?? []) if (note.material) warn(`warning: run ${r.id}: threshold: ${note.text}`);
}
