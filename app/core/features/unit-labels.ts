import type { UnitMembership } from './session-units.ts';

/**
 * Labels of units from labels of rows: a unit (session or window) is
 * anomalous (1) when any of its rows is, as in loglizer's HDFS grouping, else
 * normal (0). A Loghub session CSV needs nothing more: each session is one
 * row, whose `Label` `applyLabels` has already read.
 * @param rowLabels per row: 1 anomalous, 0 normal
 */
export function unitLabels(rowLabels: ArrayLike<number>, units: UnitMembership): Int8Array {
  const count = units.rowStart.length - 1;
  const out = new Int8Array(count);
  for (let u = 0; u < count; u++) {
    for (let p = units.rowStart[u]; p < units.rowStart[u + 1]; p++) {
      if (rowLabels[units.rows[p]]) {
        out[u] = 1;
        break;
      }
    }
  }
  return out;
}
