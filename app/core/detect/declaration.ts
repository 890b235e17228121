/**
 * A detector's declaration: everything the rest of the workbench needs to
 * know about its parameters, written once beside its code. The registry's
 * defaults, the page's parameter form (`detector-forms.ts`), the JSON
 * Schema's detector part (`params-schema.ts`, written into
 * `experiment/spec.schema.json` by `scripts/detector-docs.ts`) and the
 * README's list of parameters (`detector-docs.ts`) are all derived from it,
 * so a new parameter is one entry here plus its check in `normalize`.
 */
import type { ParamLimit } from './param-limits.ts';

/**
 * How a parameter is edited and typed: a whole number, a number, a switch, one
 * word of `choices`, a list of whole numbers (autoencoder layers) or a list of
 * run ids (an ensemble's runs, which the page picks with checkboxes).
 */
export type ParamKind = 'integer' | 'number' | 'boolean' | 'choice' | 'integers' | 'ids';

/** One parameter of a detector. */
export interface ParamDeclaration {
  kind: ParamKind;
  /** The label of its control in the page. */
  label: string;
  /** The control's tooltip: what the value means, in a few words. */
  help?: string;
  /** The JSON Schema's description, for spec writers, where its type, bounds and default do not say enough. */
  description?: string;
  /**
   * The bounds `normalize` refuses values outside: the entry of the
   * detector's own limits table (a list's `maxItems` included). Seeds take
   * any safe integer and have none.
   */
  limit?: Readonly<ParamLimit>;
  /** `choice`: the words allowed, as `normalize` checks them. */
  choices?: readonly string[];
  /** `choice`: how the page names a word where the word itself reads badly (`zscore`: z-score). */
  choiceLabels?: Readonly<Record<string, string>>;
  /** `null` is a value too (PCA's `components`: null = chosen by variance); an empty input in the page means null. */
  nullable?: boolean;
  /** Lists: the fewest entries (1 when not given). */
  minItems?: number;
  /** A spec must give it, so it has no default (an ensemble's `runs`). */
  required?: boolean;
  /** The page's input where it differs from `limit`: a narrower useful range, and the spinner's step. */
  input?: { min?: number; max?: number; step?: number };
  /** What the README writes in brackets instead of the default (for null or a required value). */
  docs?: string;
}

/**
 * A detector's parameters and how it is shown.
 * @typeParam Params the detector's parameter object; every key needs a declaration.
 */
export interface DetectorDeclaration<Params extends object> {
  /** The `type` a spec names. */
  type: string;
  /** The cell's name in the page. */
  label: string;
  /** One line in the cell on what it does and where it comes from. */
  summary: string;
  /** Short id for a new run of this type (`if`, `lof`, …). */
  idPrefix: string;
  /** The README's one line on it, after its parameters. */
  docs: string;
  /** The values a missing parameter takes, in the order specs and the schema list them. */
  defaults: Readonly<Params>;
  /** Every parameter, in the order the page's form shows them. */
  params: { readonly [K in keyof Params & string]: ParamDeclaration };
}

/** A declaration of any detector, for lists of them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDeclaration = DetectorDeclaration<any>;

/** The parameter names of a declaration, in the order of its defaults (what specs and the schema use). */
export function declaredNames(d: AnyDeclaration): string[] {
  return Object.keys(d.defaults);
}

/** The limits table a declaration gives: per bounded parameter, its limit. */
export function declaredLimits(d: AnyDeclaration): Record<string, Readonly<ParamLimit>> {
  const out: Record<string, Readonly<ParamLimit>> = {};
  for (const [name, p] of Object.entries<ParamDeclaration>(d.params)) if (p.limit) out[name] = p.limit;
  return out;
}
