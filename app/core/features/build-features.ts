import type { LogData } from '../ingest/log-data.ts';
import type { Matrix } from '../matrix.ts';
import { parseLines, type ParsedLines } from '../parse/line-fields.ts';
import type { MinerState, TemplateMinerOptions } from '../parse/template-miner.ts';
import type { FeatureSpec } from './feature-spec.ts';
import { defaultLineColumns, lineFeatures } from './line-features.ts';
import { defaultRowColumns, rowFeatures } from './row-features.ts';
import { applyScaler, fitScaler, type Scaler } from './scaler.ts';

/**
 * What features learned from the training data, so new data is turned into
 * the same columns the same way (`law score`, exported specs).
 */
export interface FeatureState {
  unit: FeatureSpec['unit'];
  columns: string[];
  scaler: Scaler;
  /** Line unit: share of training rows per template id. */
  templateShare?: Record<string, number>;
  /** Line unit: the templates mined on the training rows; new rows are matched against them. */
  templates?: MinerState;
}

export interface Features {
  /** The matrix detectors see (scaled). */
  matrix: Matrix;
  /** The columns used, resolved from defaults when the spec named none. */
  columns: string[];
  scaler: Scaler;
  /** Everything needed to build the same features for new data. */
  state: FeatureState;
  /** Per-row parse results (line unit only), for showing templates. */
  parsed: ParsedLines | null;
}

/**
 * Builds the feature matrix a spec asks for from labelled-and-stripped data.
 * Every unit is one matrix row per data row for now (sessions and windows
 * come with their own units).
 */
export function buildFeatures(
  data: LogData,
  spec: FeatureSpec,
  fitted?: FeatureState,
  onProgress?: (fraction: number) => void,
  minerOptions?: Partial<TemplateMinerOptions>,
): Features {
  if (fitted && fitted.unit !== spec.unit) throw new Error(`fitted features are for unit "${fitted.unit}", the spec asks for "${spec.unit}"`);
  let raw: Matrix;
  let columns: string[];
  let parsed: ParsedLines | null = null;
  if (spec.unit === 'line') {
    parsed = parseLines(data, onProgress, { options: minerOptions, learned: fitted?.templates });
    columns = fitted?.columns ?? (spec.columns?.length ? spec.columns : defaultLineColumns(parsed));
    raw = lineFeatures(parsed, columns, fitted?.templateShare);
  } else if (spec.unit === 'row') {
    columns = fitted?.columns ?? (spec.columns?.length ? spec.columns : defaultRowColumns(data));
    if (columns.length === 0) {
      throw new Error(`features.unit "row" needs numeric columns, and ${data.files.map((f) => f.name).join(', ')} has none (try unit "line")`);
    }
    raw = rowFeatures(data, columns);
  } else {
    throw new Error(`features.unit: unknown unit "${(spec as { unit: string }).unit}" (known: line, row)`);
  }
  const scaler = fitted?.scaler ?? fitScaler(raw, spec.scaling ?? 'none');
  const state: FeatureState = { unit: spec.unit, columns, scaler };
  if (parsed) {
    state.templateShare = fitted?.templateShare ?? templateShares(parsed);
    state.templates = fitted?.templates ?? parsed.miner;
  }
  return { matrix: applyScaler(raw, scaler), columns, scaler, state, parsed };
}

function templateShares(parsed: ParsedLines): Record<string, number> {
  const n = parsed.templateId.length;
  const out: Record<string, number> = {};
  parsed.templateCounts.forEach((count, id) => {
    if (count > 0) out[id] = count / n;
  });
  return out;
}
