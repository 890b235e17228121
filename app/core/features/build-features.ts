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
 * Builds the feature matrix a spec asks for from labelled-and-stripped data,
 * one matrix row per data row (line and row units).
 *
 * Everything learned — templates, template shares, scaling — is learned from
 * the training rows only (`trainRows`; all rows when omitted), or taken from
 * `fitted` (an exported spec's state), and then applied to every row: the
 * part being judged never leaks into what the features learned.
 */
export function buildFeatures(
  data: LogData,
  spec: FeatureSpec,
  fitted?: FeatureState,
  onProgress?: (fraction: number) => void,
  minerOptions?: Partial<TemplateMinerOptions>,
  trainRows?: Int32Array,
): Features {
  if (fitted && fitted.unit !== spec.unit) throw new Error(`fitted features are for unit "${fitted.unit}", the spec asks for "${spec.unit}"`);
  let raw: Matrix;
  let columns: string[];
  let parsed: ParsedLines | null = null;
  let templateShare: Record<string, number> | undefined;
  if (spec.unit === 'line') {
    parsed = parseLines(data, onProgress, { options: minerOptions, learned: fitted?.templates, trainRows });
    columns = fitted?.columns ?? (spec.columns?.length ? spec.columns : defaultLineColumns(parsed));
    templateShare = fitted?.templateShare ?? templateShares(parsed, trainRows);
    raw = lineFeatures(parsed, columns, templateShare);
  } else if (spec.unit === 'row') {
    columns = fitted?.columns ?? (spec.columns?.length ? spec.columns : defaultRowColumns(data));
    if (columns.length === 0) {
      throw new Error(`features.unit "row" needs numeric columns, and ${data.files.map((f) => f.name).join(', ')} has none (try unit "line")`);
    }
    raw = rowFeatures(data, columns);
  } else {
    throw new Error(`features.unit: unknown unit "${(spec as { unit: string }).unit}" (known: line, row)`);
  }
  const scaler = fitted?.scaler ?? fitScaler(raw, spec.scaling ?? 'none', trainRows);
  const state: FeatureState = { unit: spec.unit, columns, scaler };
  if (parsed) {
    state.templateShare = templateShare;
    state.templates = fitted?.templates ?? parsed.miner;
  }
  return { matrix: applyScaler(raw, scaler), columns, scaler, state, parsed };
}

/** Share of the training rows (all rows when `trainRows` is omitted) per template id. */
function templateShares(parsed: ParsedLines, trainRows?: Int32Array): Record<string, number> {
  const counts = new Map<number, number>();
  const n = trainRows ? trainRows.length : parsed.templateId.length;
  for (let k = 0; k < n; k++) {
    const id = parsed.templateId[trainRows ? trainRows[k] : k];
    if (id >= 0) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const out: Record<string, number> = {};
  for (const [id, c] of [...counts].sort((a, b) => a[0] - b[0])) out[id] = c / n;
  return out;
}
