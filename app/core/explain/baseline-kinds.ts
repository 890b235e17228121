/**
 * Why a unit scored what it did under one of the detectors that judge
 * against the baseline (`template-novelty`, `template-share`,
 * `template-rate`, `variable-range`): per column the detector's own term
 * (what its score takes the largest of, or adds up), and a sentence naming
 * the template and the value here beside the baseline's.
 *
 * Session and window columns are named by their template, so the matrix
 * says which template it is. A line's template and variables are not in
 * the matrix: the caller passes the unit's lines and the features' state as
 * `context`, and without it the sentence says what the column says.
 */
import { GROUP_WILDCARD, maskMessage } from '../evaluate/anomaly-groups.ts';
import type { FeatureState } from '../features/build-features.ts';
import { variableDeviations, type VariableDeviation } from '../features/template-variables.ts';
import { isAggregateColumn } from '../features/unit-columns.ts';
import { ownValue } from '../ingest/own-record.ts';
import type { Matrix } from '../matrix.ts';
import { TemplateMiner } from '../parse/template-miner.ts';
import { noveltyTerms, UNSEEN_TEMPLATES_COLUMN, type TemplateNoveltyModel } from '../detect/template-novelty.ts';
import { rateTerms, type TemplateRateModel } from '../detect/template-rate.ts';
import { baselineShares, shareTerms, type TemplateShareModel } from '../detect/template-share.ts';
import { outsideRange, type VariableRangeModel } from '../detect/variable-range.ts';

/** The detector types explained here, which are also their explanation kinds. */
export const BASELINE_KINDS = ['template-novelty', 'template-share', 'template-rate', 'variable-range'] as const;
export type BaselineKind = (typeof BASELINE_KINDS)[number];

/** One line of the explained unit, as parsing saw it. */
export interface ExplainLine {
  message: string;
  /** Its template id; −1 when it matched none of the templates learned on the baseline. */
  templateId: number;
  /** Its template's text, null when none. */
  template: string | null;
}

/** What the matrix does not hold about a unit: its lines and what the features learned. */
export interface ExplainContext {
  /** The unit's lines (a line unit: the line itself). */
  lines?: ExplainLine[];
  /** The features' state: the templates and the ranges of their variables. */
  state?: Pick<FeatureState, 'templates' | 'variableRanges'>;
}

/** A kind's per-column terms and its sentence. */
export interface BaselineExplanation {
  raw: Float64Array;
  note: string;
}

/** Most never-seen lines quoted in a note. */
const QUOTED = 3;

/** A number as a note shows it: whole numbers as they are, the rest to 4 significant digits. */
export function showNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
}

const percent = (share: number) => `${showNumber(100 * share)} %`;
const plural = (n: number, one: string, many = `${one}s`) => `${showNumber(n)} ${n === 1 ? one : many}`;

/** How a column is named in a sentence: a template by its text, `unseen` and aggregates by their name. */
function columnName(name: string): string {
  return name === UNSEEN_TEMPLATES_COLUMN ? 'templates never seen (“unseen”)' : isAggregateColumn(name) ? `column “${name}”` : `template “${name}”`;
}

/** The first column with the largest term. */
function largest(raw: Float64Array): number {
  let best = 0;
  for (let j = 1; j < raw.length; j++) if (raw[j] > raw[best]) best = j;
  return best;
}

/**
 * The terms and sentence of a baseline kind for one row.
 * @param values the row's values (row `row` of `x`)
 */
export function explainBaselineKind(type: BaselineKind, model: unknown, x: Matrix, values: Float64Array, context: ExplainContext = {}): BaselineExplanation {
  switch (type) {
    case 'template-novelty': return novelty(model as TemplateNoveltyModel, x, values, context);
    case 'template-share': return share(model as TemplateShareModel, x, values);
    case 'template-rate': return rate(model as TemplateRateModel, x, values);
    case 'variable-range': return range(model as VariableRangeModel, x, values, context);
  }
}

function novelty(model: TemplateNoveltyModel, x: Matrix, values: Float64Array, context: ExplainContext): BaselineExplanation {
  const raw = noveltyTerms(model, values);
  const { minShare } = model.params;
  if (model.mode === 'line') {
    const share = values[model.column!];
    const line = context.lines?.[0];
    const template = line?.template ?? null;
    if (share > minShare) {
      return { raw, note: `Not new: its template${template ? ` “${template}”` : ''} has ${percent(share)} of the baseline's ${plural(model.rows, 'training line')}.` };
    }
    if (share > 0) {
      return { raw, note: `New template: its template${template ? ` “${template}”` : ''} has ${percent(share)} of the baseline's ${plural(model.rows, 'training line')}, at most the ${percent(minShare)} that counts as new.` };
    }
    const seen = line ? (template ? `; its template here is “${template}”` : `; it matches none of the templates learned there, and as a template reads “${asTemplate(line.message)}”`) : '';
    return { raw, note: `New template: none of the baseline's ${plural(model.rows, 'training line')} has this line's template (share 0)${seen}.` };
  }
  const total = raw.reduce((s, v) => s + v, 0);
  if (total === 0) return { raw, note: `No line of this unit has a template new to the baseline (${plural(model.rows, 'training unit')}).` };
  const unseen = [...new Set((context.lines ?? []).filter((l) => l.templateId < 0).map((l) => asTemplate(l.message)))];
  const quoted = unseen.length ? ` (${unseen.slice(0, QUOTED).map((m) => `“${m}”`).join(', ')}${unseen.length > QUOTED ? ` and ${unseen.length - QUOTED} more` : ''})` : '';
  const parts = model.novel!
    .filter((c) => values[c.index] > 0)
    .map((c) => (c.name === UNSEEN_TEMPLATES_COLUMN ? `${showNumber(values[c.index])} never seen${quoted}` : `${showNumber(values[c.index])} of template “${c.name}” (${percent(c.share)} of the baseline)`));
  return { raw, note: `${plural(total, 'line')} with a template new to the baseline (${plural(model.rows, 'training unit')}): ${parts.join(', ')}.` };
}

/** A line that matched no template, as a template would show it: numbers and ids masked. */
function asTemplate(message: string): string {
  return maskMessage(message).replaceAll(GROUP_WILDCARD, '<*>');
}

function share(model: TemplateShareModel, x: Matrix, values: Float64Array): BaselineExplanation {
  const shares = baselineShares(model);
  const raw = shareTerms(model, shares, values);
  const dir = model.params.direction;
  const j = largest(raw);
  if (!(raw[j] > 0)) {
    const how = dir === 'rarer' ? 'rarer here than in the baseline' : dir === 'commoner' ? 'commoner here than in the baseline' : 'off its baseline share here';
    return { raw, note: `No template is ${how}.` };
  }
  let n = 0;
  for (let c = 0; c < model.cols; c++) n += values[c];
  const k = values[j], q = k / n, p = shares[j];
  return {
    raw,
    note: `${capitalise(columnName(x.names[j]))}: ${showNumber(k)} of the unit's ${plural(n, 'event')} (${percent(q)}), against ${percent(p)} of the baseline's (${showNumber(model.counts[j])} of ${plural(model.total, 'event')} in ${plural(model.rows, 'training unit')}, smoothed): G = ${showNumber(raw[j])}, ${q < p ? 'rarer' : 'commoner'} than in the baseline (G ≥ 3.84 is p < 0.05 under the baseline's share).`,
  };
}

function rate(model: TemplateRateModel, x: Matrix, values: Float64Array): BaselineExplanation {
  const raw = rateTerms(model, values);
  const j = largest(raw);
  if (!(raw[j] > 0)) {
    const how = model.params.direction === 'more' ? 'above' : model.params.direction === 'fewer' ? 'below' : 'away from';
    return { raw, note: `No column is ${how} its baseline mean here.` };
  }
  const z = (values[j] - model.mean[j]) / model.sd[j];
  return {
    raw,
    note: `${capitalise(columnName(x.names[j]))}: ${showNumber(values[j])} in this unit, against ${showNumber(model.mean[j])} ± ${showNumber(model.sd[j])} per unit in the baseline (mean ± σ over ${plural(model.rows, 'training unit')}; σ at least √mean and √minVariance): z = ${showNumber(z)}.`,
  };
}

function range(model: VariableRangeModel, x: Matrix, values: Float64Array, context: ExplainContext): BaselineExplanation {
  const z = values[model.column];
  const raw = new Float64Array(x.cols);
  raw[model.column] = z;
  const { k } = model.params;
  const score = outsideRange(model, z);
  const line = context.lines?.[0];
  const entry = line && line.templateId >= 0 ? ownValue(context.state?.variableRanges, String(line.templateId)) : undefined;
  if (!line || !context.state?.templates) {
    return { raw, note: `Its numbers sit ${showNumber(z)} robust scales from its template's baseline median (column “${x.names[model.column]}”): ${score > 0 ? `${showNumber(score)} beyond` : 'within'} ± ${showNumber(k)}.` };
  }
  const template = line.template ?? asTemplate(line.message);
  if (!entry) {
    return { raw, note: `Its template “${template}” has no numeric variable with a baseline range (none is a number in at least 5 training lines that is not an identifier or a counter${line.templateId < 0 ? '; the template is new to the baseline' : ''}).` };
  }
  const devs = variableDeviations(entry, TemplateMiner.fromJSON(context.state.templates).variables(line.message, line.templateId));
  if (devs.length === 0) return { raw, note: `Template “${template}”: none of its judged variables holds a number in the baseline's unit on this line.` };
  const d = devs.reduce((a: VariableDeviation, b) => (b.z > a.z ? b : a));
  const r = d.range;
  const unit = r.unit ? ` ${r.unit}` : '';
  const lo = r.median - k * r.scale, hi = r.median + k * r.scale;
  const where = score > 0 ? `${showNumber(score)} beyond the range ${showNumber(lo)} to ${showNumber(hi)}${unit}` : `inside the range ${showNumber(lo)} to ${showNumber(hi)}${unit}`;
  return {
    raw,
    note: `Template “${template}”, variable ${r.position + 1}${r.name ? ` (${r.name})` : ''}: ${showNumber(d.value)}${unit} against its baseline median ${showNumber(r.median)}${unit} (robust scale ${showNumber(r.scale)}; ${plural(r.count, 'training line')} from ${showNumber(r.min)} to ${showNumber(r.max)}): ${showNumber(d.z)} scales from the median, ${where} (k = ${showNumber(k)}).`,
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
