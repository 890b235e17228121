import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { joinRuleFromFile } from '../core/ingest/apply-labels.ts';
import { parseLabelFile } from '../core/ingest/label-file.ts';
import { parseSpec } from '../core/experiment/parse-spec.ts';
import { describeSpecProblem } from '../core/experiment/spec-problem.ts';
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
 * Reads and validates a spec file; every problem is a UsageError naming the
 * file (see `describeSpecProblem`), whose `cause` is what was thrown: the
 * file system's error, JSON's SyntaxError, or the spec's FieldError.
 * @param options.labelFile read a `labels.file` (default true); scoring with a
 *   fitted spec needs no labels, so no label file
 */
export function loadSpec(path: string, dataOverride?: string, options: { labelFile?: boolean } = {}): LoadedSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read spec ${path}: ${describeFsError(e)}`, { cause: e });
  }
  let spec: Spec;
  try {
    spec = parseSpec(JSON.parse(text));
  } catch (e) {
    // The cause keeps the SyntaxError or the FieldError (its field and detail) for whoever catches this.
    throw new UsageError(describeSpecProblem(path, e), { cause: e });
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
      throw new UsageError(`labels.file: cannot read ${labelPath}: ${describeFsError(e)}`, { cause: e });
    }
    spec.labels = joinRuleFromFile(labels, parseLabelFile(text, basename(labelPath)));
  }
  return { spec, written, dataPath };
}
