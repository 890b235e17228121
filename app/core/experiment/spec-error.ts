/** A spec problem: `path` says where (`detectors[0].params.trees`). */
export class SpecError extends Error {
  constructor(readonly path: string, detail: string) {
    super(`${path}: ${detail}`);
    this.name = 'SpecError';
  }
}
