import { parseSpec } from '../core/experiment/parse-spec.ts';
import type { Spec } from '../core/experiment/spec.ts';
import { stringifyFitted } from '../core/score/stringify-fitted.ts';
import type { StateDir } from './state-dir.ts';

/**
 * Every model version the service scored with, kept in the state folder as
 * a fitted spec of its own (`models/v000001.json` …): version 1 is the spec
 * it was started with, each retrain adds one. A restart goes on with the
 * newest, so a retrained model is not lost.
 */
export class ModelStore {
  constructor(private readonly state: StateDir) {}

  /** The newest version and its spec; null when the state holds none yet. */
  latest(): { version: number; spec: Spec } | null {
    const versions = this.state.modelVersions();
    const version = versions[versions.length - 1];
    if (version === undefined) return null;
    const spec = parseSpec(this.state.readJson(this.state.modelName(version)));
    return { version, spec };
  }

  /** Keeps a new version; returns its number. */
  add(spec: Spec): number {
    const versions = this.state.modelVersions();
    const version = (versions[versions.length - 1] ?? 0) + 1;
    this.state.writeText(this.state.modelName(version), stringifyFitted(spec) + '\n');
    return version;
  }
}
