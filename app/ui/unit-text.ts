/**
 * What a unit (a line, a session or a window) says, for the panels that show
 * one: its rows, its first line, the lines around it, its template. Text
 * only; components render it as text, never as HTML.
 */
import { unitFirstRow } from '../core/features/session-units.ts';
import type { FieldColumn } from '../core/ingest/log-data.ts';
import type { PageData } from '../workers/page-data.ts';
import type { PreparedView } from '../core/experiment/prepared-view.ts';

type UnitsOf = Pick<PreparedView, 'units'>;

/** The data rows of unit `u`, in row order (a line or table row is its own unit). */
export function unitRows(prepared: UnitsOf, u: number): number[] {
  const units = prepared.units;
  if (!units) return [u];
  const rows: number[] = [];
  for (let p = units.rowStart[u]; p < units.rowStart[u + 1]; p++) rows.push(units.rows[p]);
  return rows;
}

/** The row that stands for unit `u`: the line itself, or a session's or window's first line. */
export function unitRow(prepared: UnitsOf, u: number): number {
  return unitFirstRow(prepared.units, u);
}

/** Rows `around` before and after `row` in row order, within the data. */
export function rowsAround(rowCount: number, row: number, around = 3): number[] {
  const out: number[] = [];
  for (let r = Math.max(0, row - around); r <= Math.min(rowCount - 1, row + around); r++) out.push(r);
  return out;
}

/** The template of a row, or null when templates were not mined (table rows) or the row has none. */
export function rowTemplate(prepared: Pick<PreparedView, 'templateId' | 'templates'>, row: number): string | null {
  const id = prepared.templateId?.[row];
  return id === undefined || id < 0 ? null : (prepared.templates?.[id] ?? null);
}

/** Field names taken as the host of a row, most specific first. */
const HOST_FIELDS = ['hostname', 'host', 'source'];

/** The data's host-like string field (hostname, host, source; any letter case), or null. */
export function hostField(data: Pick<PageData, 'fieldKinds'>): string | null {
  const names = Object.keys(data.fieldKinds);
  for (const want of HOST_FIELDS) {
    const name = names.find((n) => n.toLowerCase() === want || n.toLowerCase().endsWith(`.${want}`));
    if (name && data.fieldKinds[name] === 'text') return name;
  }
  return null;
}

/** A field's value in a row as text ('' when missing). */
export function fieldText(column: FieldColumn | undefined, row: number): string {
  return column ? valueText(column[row]) : '';
}

/** A field's value as text ('' when missing). */
export function valueText(v: string | number | null | undefined): string {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? '' : String(v);
}
