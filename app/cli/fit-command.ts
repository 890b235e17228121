import { writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LARGE_FITTED_SPEC } from '../core/score/fit-spec.ts';
import { stringifyFitted } from '../core/score/stringify-fitted.ts';
import type { Spec } from '../core/experiment/spec.ts';
import { fitFromFile } from './fit-training.ts';
import { HELP } from './help.ts';
import { loadSpec } from './load-spec.ts';
import { checkWritable, fsError, UsageError } from './node-source.ts';

/** `law fit SPEC [--data PATH] [--out FILE]` */
export async function fitCommand(args: string[], out: (s: string) => void, warn: (s: string) => void = () => {}): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { data: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return out(HELP.fit);
  if (positionals.length !== 1) throw new UsageError(`fit takes one SPEC file, got ${positionals.length} (see law fit --help)`);
  const specPath = positionals[0];
  const loaded = loadSpec(specPath, values.data);
  // Before training, so a long fit is not lost to a mistyped folder.
  if (values.out !== undefined) checkWritable(values.out);
  const result = await fitFromFile(specPath, loaded, warn);
  const { notes } = result;
  // Paths in a spec are relative to its folder: the written spec's folder now (the current one for stdout).
  const fitted = rebasePaths(result.spec, dirname(resolve(specPath)), values.out === undefined ? process.cwd() : dirname(resolve(values.out)), loaded.dataPath);
  const text = stringifyFitted(fitted);
  const bytes = Buffer.byteLength(text);
  for (const n of notes) warn(`note: ${n}`);
  if (bytes > LARGE_FITTED_SPEC) {
    warn(`warning: the fitted spec is ${megabytes(bytes)} (above ${megabytes(LARGE_FITTED_SPEC)}); LOF keeps its training rows and word vectors their vocabulary: see the README's "Fitted specs"`);
  }
  if (values.out === undefined) return out(text);
  try {
    writeFileSync(values.out, text + '\n');
  } catch (e) {
    throw fsError('cannot write', values.out, e);
  }
  const t = fitted.threshold!;
  const units = fitted.fitted!.units;
  const at = t.scores![t.run];
  warn(`wrote ${values.out} (${megabytes(bytes)}): ${fitted.detectors.length} detector${fitted.detectors.length > 1 ? 's' : ''} fitted on ${units.train.toLocaleString('en-US')} ${fitted.features.unit} units; ${t.run} flags ${at === null ? 'nothing (its threshold allows no unit)' : `scores ≥ ${Number(at.toPrecision(6))}`}`);
}

/**
 * The spec's relative paths (`source.path`, `labels.file`) made relative to
 * another folder, so the written spec points at the same files. With
 * `--data`, `source.path` becomes the data trained on.
 */
export function rebasePaths(spec: Spec, from: string, to: string, dataPath: string | null): Spec {
  const move = (p: string) => relative(to, resolve(from, p)) || '.';
  const out: Spec = { ...spec };
  if (dataPath) out.source = { ...spec.source, path: relative(to, resolve(dataPath)) };
  else if (spec.source?.path) out.source = { ...spec.source, path: move(spec.source.path) };
  if (spec.labels && 'file' in spec.labels) out.labels = { ...spec.labels, file: move(spec.labels.file) };
  return out;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
