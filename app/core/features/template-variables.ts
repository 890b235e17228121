/**
 * Each template's own range for its numeric variables, learned on the
 * training lines, and how far a line's values sit from it: the line column
 * `variable-range`. The latency in `<*> INFO api took <*>` is judged among
 * the lines of that template only, not against every latency of the log.
 *
 * Baseline. For every template and every wildcard position, each training
 * line of the template that fits it (`TemplateMiner.variables`) gives one
 * value. A position is judged when
 * - every such value is a number, optionally followed by a unit (`35`,
 *   `35ms`, `2.5 s`, `512KB`), with the same unit in every value;
 * - there are at least {@link VARIABLE_RULES}`.minValues` of them;
 * - it does not look like an identifier or a counter, by the rules of the
 *   default columns (`identifier-columns.ts`): an identifier word as its
 *   name (`port=<*>`, `pid <*>`), near-unique evenly spread integers, or
 *   values that grow from line to line (sequence numbers, offsets).
 * Its baseline is the median m of the values and a robust scale s > 0:
 *   s = 1.4826 · MAD, the median absolute deviation from m (1.4826 makes it
 *       the standard deviation of normal data);
 *   s = 1.2533 · mean |x − m| when the MAD is 0 (more than half the values
 *       equal; Iglewicz and Hoaglin's modified z-score does the same);
 *   s = 1, one unit of the variable, when every value was the same.
 *
 * Column. For a line of template t, each judged position holding a number
 * in the baseline's unit gives the robust z-score z = |v − m| / s; the
 * column is the largest (0 when the line's template is unseen or has no
 * judged position, or its values do not fit the template: counted as
 * missing in the preview). The `variable-range` detector turns it into how
 * far outside m ± k·s the line is.
 */
import { ownValue } from '../ingest/own-record.ts';
import type { ParsedLines } from '../parse/line-fields.ts';
import { TemplateMiner } from '../parse/template-miner.ts';
import { identifierEvidence } from './identifier-columns.ts';

/** The line column this module computes. */
export const VARIABLE_RANGE_COLUMN = 'variable-range';

export const VARIABLE_RULES = {
  /** Fewest training values for a position to have a range (fewer say nothing about its spread). */
  minValues: 5,
  /** MAD → standard deviation of normal data. */
  madScale: 1.4826,
  /** Mean absolute deviation → standard deviation of normal data (√(π/2)). */
  meanAdScale: 1.2533,
} as const;

/** The baseline of one numeric variable of a template. */
export interface VariableRange {
  /** The wildcard's index in the template, 0-based, as `TemplateMiner.variables` orders them. */
  position: number;
  /** The key or word before the wildcard (`latency_ms`, `took`); '' when none. */
  name: string;
  /** The unit after the number (`ms`); '' for plain numbers. */
  unit: string;
  median: number;
  /** Robust scale s (> 0), in the variable's unit; see the module comment. */
  scale: number;
  /** Training values, and the smallest and largest of them. */
  count: number;
  min: number;
  max: number;
}

/** The judged variables of one template. */
export interface TemplateVariables {
  /** The template's text when it was learned: named in explanations, checked when a fitted state is applied. */
  template: string;
  variables: VariableRange[];
}

/** Spec `features.state.variableRanges`: by template id (as `templateShare`), the templates with a judged variable. */
export type VariableRanges = Record<string, TemplateVariables>;

/** One judged variable of a line, against its baseline. */
export interface VariableDeviation {
  range: VariableRange;
  /** The line's value, in the baseline's unit. */
  value: number;
  /** |value − median| / scale. */
  z: number;
}

const NUMBER_WITH_UNIT = /^([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*([A-Za-z%µ]*)$/;

/** A variable's text as a number and a unit (`"2.5 s"` → 2.5, `s`), or null when it is not one. */
export function parseVariableNumber(text: string): { value: number; unit: string } | null {
  const m = NUMBER_WITH_UNIT.exec(text.trim());
  if (!m) return null;
  const value = Number(m[1]);
  return Number.isFinite(value) ? { value, unit: m[2] } : null;
}

/**
 * Learns the ranges on the training rows (all rows when omitted).
 * @param messages per row, the message parsing saw (`data.message`)
 */
export function fitVariableRanges(messages: ArrayLike<string>, parsed: ParsedLines, trainRows?: ArrayLike<number>): VariableRanges {
  const miner = TemplateMiner.fromJSON(parsed.miner);
  const byTemplate = new Map<number, number[]>();
  const n = trainRows ? trainRows.length : parsed.templateId.length;
  for (let k = 0; k < n; k++) {
    const row = trainRows ? trainRows[k] : k;
    const id = parsed.templateId[row];
    if (id < 0) continue;
    let rows = byTemplate.get(id);
    if (!rows) byTemplate.set(id, (rows = []));
    rows.push(row);
  }
  const out: VariableRanges = {};
  for (const id of [...byTemplate.keys()].sort((a, b) => a - b)) {
    const columns: { values: number[]; unit: string | null; numeric: boolean }[] = [];
    for (const row of byTemplate.get(id)!) {
      const vars = miner.variables(messages[row], id);
      vars.forEach((text, i) => {
        const c = (columns[i] ??= { values: [], unit: null, numeric: true });
        if (!c.numeric) return;
        const v = parseVariableNumber(text);
        if (!v || (c.unit !== null && v.unit !== c.unit)) {
          c.numeric = false;
          return;
        }
        c.unit = v.unit;
        c.values.push(v.value);
      });
    }
    const names = miner.variableNames(id);
    const variables: VariableRange[] = [];
    columns.forEach((c, position) => {
      if (!c || !c.numeric || c.values.length < VARIABLE_RULES.minValues) return;
      const name = names[position] ?? '';
      if (identifierEvidence(name, c.values)) return;
      variables.push({ position, name, unit: c.unit ?? '', ...robustRange(c.values) });
    });
    if (variables.length) out[id] = { template: parsed.templates[id], variables };
  }
  return out;
}

/** Median, robust scale, count, min and max of some values (see the module comment). */
export function robustRange(values: ArrayLike<number>): Pick<VariableRange, 'median' | 'scale' | 'count' | 'min' | 'max'> {
  const sorted = Float64Array.from(values).sort();
  const m = median(sorted);
  const dev = Float64Array.from(sorted, (v) => Math.abs(v - m)).sort();
  let scale = VARIABLE_RULES.madScale * median(dev);
  if (!(scale > 0)) scale = (VARIABLE_RULES.meanAdScale * dev.reduce((s, d) => s + d, 0)) / dev.length;
  if (!(scale > 0)) scale = 1;
  return { median: m, scale, count: sorted.length, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** The middle value of sorted values, or the mean of the two middle ones. */
function median(sorted: Float64Array): number {
  const n = sorted.length, h = n >> 1;
  return n % 2 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
}

/** The judged variables of a line of a template, given its variable texts (`TemplateMiner.variables`), in position order. */
export function variableDeviations(entry: TemplateVariables, vars: readonly string[]): VariableDeviation[] {
  const out: VariableDeviation[] = [];
  for (const range of entry.variables) {
    const text = vars[range.position];
    const v = text === undefined ? null : parseVariableNumber(text);
    if (!v || v.unit !== range.unit) continue;
    out.push({ range, value: v.value, z: Math.abs(v.value - range.median) / range.scale });
  }
  return out;
}

/**
 * The `variable-range` column: per row, its largest robust z-score (0 where
 * none is judged), and how many rows had none.
 * @throws naming `features.state.variableRanges` when the ranges do not belong to these templates
 */
export function variableRangeColumn(messages: ArrayLike<string>, parsed: ParsedLines, ranges: VariableRanges): { values: Float64Array; missing: number } {
  checkVariableRanges(ranges, parsed.templates);
  const miner = TemplateMiner.fromJSON(parsed.miner);
  const n = parsed.templateId.length;
  const values = new Float64Array(n);
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const id = parsed.templateId[i];
    const entry = id >= 0 ? ownValue(ranges, String(id)) : undefined;
    const devs = entry ? variableDeviations(entry, miner.variables(messages[i], id)) : [];
    if (devs.length === 0) missing++;
    for (const d of devs) if (d.z > values[i]) values[i] = d.z;
  }
  return { values, missing };
}

const FIELD = 'features.state.variableRanges';

/**
 * Checks ranges (a fitted spec's, or just learned) against the templates
 * they are applied with: each is a template id with that template's text,
 * and a list of well-formed ranges.
 * @throws naming the field (`features.state.variableRanges.3.variables[0].scale`)
 */
export function checkVariableRanges(ranges: unknown, templates: readonly string[]): asserts ranges is VariableRanges {
  if (typeof ranges !== 'object' || ranges === null || Array.isArray(ranges)) throw new Error(`${FIELD}: expected an object of templates by id`);
  for (const [id, entry] of Object.entries(ranges as Record<string, unknown>)) {
    const at = `${FIELD}.${id}`;
    const e = entry as Partial<TemplateVariables> | null;
    if (!/^\d+$/.test(id) || Number(id) >= templates.length) throw new Error(`${at}: not a template id of the fitted templates (0–${templates.length - 1})`);
    if (typeof e !== 'object' || e === null || !Array.isArray(e.variables)) throw new Error(`${at}: expected { template, variables: [...] }`);
    if (e.template !== templates[Number(id)]) {
      throw new Error(`${at}.template: ${JSON.stringify(e.template)} is not template ${id} of the fitted templates (${JSON.stringify(templates[Number(id)])}); fit the spec again`);
    }
    e.variables.forEach((r, j) => {
      const ok = typeof r === 'object' && r !== null && Number.isInteger(r.position) && r.position >= 0 && typeof r.name === 'string' && typeof r.unit === 'string'
        && [r.median, r.min, r.max].every(Number.isFinite) && r.scale > 0 && Number.isFinite(r.scale) && Number.isInteger(r.count);
      if (!ok) throw new Error(`${at}.variables[${j}]: expected { position, name, unit, median, scale > 0, count, min, max }`);
    });
  }
}
