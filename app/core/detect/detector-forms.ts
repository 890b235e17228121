/**
 * How each detector's parameters are shown as a form. The page builds every
 * detector cell from these, and they are made from the detectors'
 * declarations (`declaration.ts`), so a new detector or parameter needs
 * nothing here and nothing in the UI.
 */
import type { AnyDeclaration, ParamDeclaration, ParamKind } from './declaration.ts';
import { DETECTORS } from './registry.ts';

/** One control of a detector cell. */
export interface ParamField {
  name: string;
  label: string;
  kind: Exclude<ParamKind, 'ids'>;
  /** The input's range: the parameter's limit, or the narrower span its declaration gives the page. */
  min?: number;
  max?: number;
  step?: number;
  choices?: readonly string[];
  /** An empty input means null (PCA's components: chosen by variance). */
  nullable?: boolean;
  help?: string;
}

export interface DetectorForm {
  type: string;
  /** Name shown on the cell. */
  label: string;
  /** One line on what it does and where it comes from. */
  summary: string;
  fields: ParamField[];
  /** Short id used for a new run of this type (`if`, `lof`, …). */
  idPrefix: string;
}

/** The control of one declared parameter (only the keys that apply). */
function fieldOf(name: string, p: ParamDeclaration): ParamField {
  if (p.kind === 'ids') throw new Error(`${name}: a list of run ids has no generic control`);
  const field: ParamField = { name, label: p.label, kind: p.kind };
  const min = p.input?.min ?? p.limit?.min;
  const max = p.input?.max ?? p.limit?.max;
  if (min !== undefined) field.min = min;
  if (max !== undefined) field.max = max;
  if (p.input?.step !== undefined) field.step = p.input.step;
  if (p.choices) field.choices = p.choices;
  if (p.nullable) field.nullable = true;
  if (p.help) field.help = p.help;
  return field;
}

/** A detector's form, from its declaration: one field per parameter, in the declaration's order. */
export function formOf(d: AnyDeclaration): DetectorForm {
  return {
    type: d.type,
    label: d.label,
    summary: d.summary,
    idPrefix: d.idPrefix,
    fields: Object.entries<ParamDeclaration>(d.params).map(([name, p]) => fieldOf(name, p)),
  };
}

/** The form of every registered detector (the ensemble's cell is drawn by hand: it picks runs). */
export const DETECTOR_FORMS: DetectorForm[] = Object.values(DETECTORS).map((d) => formOf(d.declaration));

export function detectorForm(type: string): DetectorForm | undefined {
  return DETECTOR_FORMS.find((f) => f.type === type);
}
