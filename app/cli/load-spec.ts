import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { joinRuleFromFile } from '../core/ingest/apply-labels.ts';
import { parseLabelFile } from '../core/ingest/label-file.ts';
import { parseSpec } from '../core/experiment/parse-spec.ts';
import type { Spec } from '../core/experiment/spec.ts';
import { describeFsError, UsageError } from './node-source.ts';

export interface LoadedSpec {
  /** The spec, with a label file read and joined (`labels: { join }`). */
  spec: Spec;
  /** The spec as written (a label file still a `file`): what a fitted spec written from it keeps. */
  written: Spec;
  /** The data file: `--data`, else `source.path` resolved against the spec's folder. */
  dataPath: string | null;
}

/**
 * Reads and validates a spec file; every problem is a UsageError naming the file.
 * @param options.labelFile read a `labels.file` (default true); scoring with a
 *   fitted spec needs no labels, so no label file
 */
export function loadSpec(path: string, dataOverride?: string, options: { labelFile?: boolean } = {}): LoadedSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read spec ${path}: ${describeFsError(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  let spec: Spec;
  try {
    spec = parseSpec(json);
  } catch (e) {
    throw new UsageError(`${path}: ${(e as Error).message}`);
  }
  const dataPath = dataOverride ?? (spec.source?.path ? resolve(dirname(path), spec.source.path) : null);
  const written = { ...spec };
  const labels = spec.labels;
  if (labels && 'file' in labels && options.labelFile !== false) {
    // Core never reads files: the label file is read here and joined as rows.
    const labelPath = resolve(dirname(path), labels.file);
    let text: string;
    try {
      text = readFileSync(labelPath, 'utf8');
    } catch (e) {
      throw new UsageError(`labels.file: cannot read ${labelPath}: ${describeFsError(e)}`);
    }
    spec.labels = joinRuleFromFile(labels, parseLabelFile(text, basename(labelPath)));
  }
  return { spec, written, dataPath };
}
