import { detectorForm, type ParamField } from '../detect/detector-forms.ts';
import { showValue } from '../show-value.ts';
import { getDetector } from '../detect/registry.ts';

/** Most runs one sweep may ask for: each is a full fit and score in a worker. */
export const MAX_GRID_RUNS = 200;

/** A value one parameter takes in a sweep (a list of integers for the autoencoder's layers). */
export type ParamValue = number | string | boolean | number[];

/** One swept parameter and the values it takes, in the order given. */
export interface GridAxis {
  name: string;
  values: ParamValue[];
}

/** The runs of a sweep: each point is the swept parameters of one run. */
export interface ParameterGrid {
  axes: GridAxis[];
  /** Cartesian product of the axes, the first axis varying slowest. */
  points: Record<string, ParamValue>[];
}

export interface ParameterGridOptions {
  /** Cap on the number of runs (default `MAX_GRID_RUNS`). */
  maxRuns?: number;
}

const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?`;
const INTEGER_RANGE = new RegExp(`^(${NUMBER})\\s*\\.\\.\\s*(${NUMBER})$`, 'i');
const STEP_RANGE = new RegExp(`^(${NUMBER})\\s*:\\s*(${NUMBER})\\s*:\\s*(${NUMBER})$`, 'i');

/** Steps of a range are rounded to 12 significant digits, so 0.01:0.1:0.03 ends on 0.1, not 0.09999999999999999. */
const tidy = (v: number) => Number(v.toPrecision(12));

function numberOf(name: string, text: string): number {
  const v = Number(text);
  if (text === '' || !Number.isFinite(v)) throw new Error(`${name}: "${text}" is not a number`);
  return v;
}

/**
 * The values of one parameter, from the text a person typed:
 * - numbers separated by commas: `50, 100, 200`;
 * - an inclusive range of integers: `1..5` (1, 2, 3, 4, 5);
 * - an inclusive range with a step, `start:stop:step`: `0.01:0.1:0.03`
 *   (0.01, 0.04, 0.07, 0.1); the stop is kept when a step lands on it
 *   within rounding;
 * - for a choice or a boolean, the words separated by commas (`true, false`);
 * - for a list of integers (autoencoder layers), lists separated by `;`
 *   (`16, 8, 16; 8, 4, 8`).
 * Items can be mixed (`1..3, 10`). A value given twice is kept once.
 *
 * @param limit most values accepted (a range larger than this is refused
 *   before it is spelt out)
 * @throws Error naming the parameter and the text that is not a value
 */
export function parseParamValues(field: ParamField, text: string, limit = MAX_GRID_RUNS): ParamValue[] {
  const name = field.name;
  const items = text.split(field.kind === 'integers' ? ';' : ',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new Error(`${name}: no values`);
  const values: ParamValue[] = [];
  const push = (v: ParamValue) => {
    values.push(v);
    if (values.length > limit) throw new Error(`${name}: more than ${limit} values`);
  };
  for (const item of items) {
    if (field.kind === 'boolean') {
      const word = item.toLowerCase();
      if (word !== 'true' && word !== 'false') throw new Error(`${name}: "${item}" is not true or false`);
      push(word === 'true');
    } else if (field.kind === 'choice') {
      const choices = field.choices ?? [];
      if (!choices.includes(item)) throw new Error(`${name}: "${item}" is not one of ${choices.join(', ')}`);
      push(item);
    } else if (field.kind === 'integers') {
      push(item.split(/[\s,]+/).filter(Boolean).map((t) => numberOf(name, t)));
    } else {
      let m: RegExpMatchArray | null;
      if ((m = item.match(INTEGER_RANGE))) {
        const [from, to] = [Number(m[1]), Number(m[2])];
        if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) throw new Error(`${name}: "${item}": a range a..b takes integers; use start:stop:step for decimals`);
        if (from > to) throw new Error(`${name}: "${item}" runs backwards`);
        if (to - from + 1 > limit) throw new Error(`${name}: "${item}" has ${to - from + 1} values, more than ${limit}`);
        for (let v = from; v <= to; v++) push(v);
      } else if ((m = item.match(STEP_RANGE))) {
        const [start, stop, step] = [Number(m[1]), Number(m[2]), Number(m[3])];
        if (!(step > 0)) throw new Error(`${name}: "${item}": the step must be above 0`);
        if (start > stop) throw new Error(`${name}: "${item}" runs backwards`);
        const count = Math.floor((stop - start) / step + 1e-9) + 1;
        if (count > limit) throw new Error(`${name}: "${item}" has ${count} values, more than ${limit}`);
        for (let i = 0; i < count; i++) push(tidy(start + i * step));
      } else {
        push(numberOf(name, item));
      }
    }
  }
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = JSON.stringify(v);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** The value as a sweep shows it: `16, 8, 16` for a list. */
export function showParamValue(v: unknown): string {
  return Array.isArray(v) ? v.join(', ') : String(v);
}

/**
 * The runs of a sweep over a detector's parameters. Each non-empty text in
 * `texts` (by parameter name, read by `parseParamValues`) is a swept
 * parameter; every value is checked by the detector's own `normalize`
 * against `base` (the base cell's parameters), and so is every run.
 * Axes follow the order of the detector's form, and points the cartesian
 * product with the first axis varying slowest — the same order every time.
 *
 * @param type detector type, e.g. `isolation-forest`
 * @param base the parameters the unswept ones keep
 * @param texts per parameter name, its values as typed; empty = not swept
 * @throws Error naming the parameter and value that are invalid, when nothing
 *   is swept, or when the grid has more than `maxRuns` runs
 */
export function parameterGrid(
  type: string,
  base: Record<string, unknown>,
  texts: Record<string, string>,
  { maxRuns = MAX_GRID_RUNS }: ParameterGridOptions = {},
): ParameterGrid {
  const detector = getDetector(type);
  const fields = detectorForm(type)?.fields ?? [];
  for (const name of Object.keys(texts)) {
    if (texts[name].trim() && !fields.some((f) => f.name === name)) throw new Error(`${type} has no parameter ${name} to sweep`);
  }
  const check = (params: Record<string, unknown>, what: string) => {
    try {
      detector.normalize(params);
    } catch (e) {
      throw new Error(`${what}: ${(e as Error).message}`, { cause: e });
    }
  };
  const axes: GridAxis[] = [];
  for (const field of fields) {
    const text = texts[field.name]?.trim();
    if (!text) continue;
    const values = parseParamValues(field, text, maxRuns);
    for (const v of values) check({ ...base, [field.name]: v }, `${field.name} = ${showParamValue(v)}`);
    axes.push({ name: field.name, values });
  }
  if (axes.length === 0) throw new Error('no parameter to sweep: give values for at least one');
  const runs = axes.reduce((n, a) => n * a.values.length, 1);
  if (runs > maxRuns) {
    throw new Error(`the grid has ${runs} runs (${axes.map((a) => `${a.values.length} ${a.name}`).join(' × ')}); at most ${maxRuns}: give fewer values`);
  }
  let points: Record<string, ParamValue>[] = [{}];
  for (const axis of axes) points = points.flatMap((p) => axis.values.map((v) => ({ ...p, [axis.name]: v })));
  for (const p of points) check({ ...base, ...p }, Object.entries(p).map(([k, v]) => `${k} = ${showParamValue(v)}`).join(', '));
  return { axes, points };
}

/** Whether a detector is random: its parameters have a `seed`, so repeats over seeds mean something. */
export function isRandomDetector(type: string): boolean {
  return 'seed' in getDetector(type).defaults;
}

/**
 * Repeats of one detector over `count` seeds: `seed`, `seed + 1`, …, from the
 * base parameters' seed.
 * @throws Error when the detector has no seed, or `count` is not an integer in 2..maxRuns
 */
export function seedGrid(type: string, base: Record<string, unknown>, count: number, { maxRuns = MAX_GRID_RUNS }: ParameterGridOptions = {}): ParameterGrid {
  if (!isRandomDetector(type)) throw new Error(`${type} has no seed: its runs would all be the same`);
  if (!Number.isSafeInteger(count) || count < 2 || count > maxRuns) throw new Error(`seeds: ${showValue(count)} (expected an integer from 2 to ${maxRuns})`);
  const first = getDetector(type).normalize(base).seed as number;
  return parameterGrid(type, base, { seed: `${first}..${first + count - 1}` }, { maxRuns });
}
