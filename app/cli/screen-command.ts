import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { applyCandidate, screen, type ScreenCandidate, type ScreenResult } from '../core/experiment/screen.ts';
import { unfittedSpec } from '../core/score/fit-spec.ts';
import { rebasePaths } from './fit-command.ts';
import { HELP } from './help.ts';
import { loadSpec } from './load-spec.ts';
import { checkWritable, fileSource, fsError, UsageError } from './node-source.ts';
import { prepareBackends } from '../serve/prepare-backends.ts';
import { readData } from './read-data.ts';

/** `law screen SPEC [--data PATH] [--format table|json] [--apply OUT] [--resamples N] [--seed S]` */
export async function screenCommand(args: string[], out: (s: string) => void, warn: (s: string) => void = () => {}): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      format: { type: 'string', default: 'table' },
      apply: { type: 'string' },
      resamples: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '0' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return out(HELP.screen);
  if (positionals.length !== 1) throw new UsageError(`screen takes one SPEC file, got ${positionals.length} (see law screen --help)`);
  if (values.format !== 'table' && values.format !== 'json') throw new UsageError(`--format: "${values.format}" is not table or json`);
  const resamples = Number(values.resamples);
  if (!(Number.isInteger(resamples) && resamples >= 10 && resamples <= 100_000)) throw new UsageError(`--resamples: "${values.resamples}" is not a whole number from 10 to 100000`);
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed: "${values.seed}" is not a whole number`);
  const specPath = positionals[0];
  const { spec, written, dataPath } = loadSpec(specPath, values.data);
  if (!dataPath) throw new UsageError(`${specPath}: the spec has no source.path; give the data with --data PATH`);
  if (values.apply !== undefined) checkWritable(values.apply);
  // Every detector is tried, the autoencoder included.
  await prepareBackends({ ...spec, detectors: [{ id: 'ae', type: 'autoencoder' }] }, warn);
  const data = await readData(fileSource(dataPath), spec.source ?? {}, warn);
  let lastNote = 0;
  const result = screen(data, unfittedSpec(spec), {
    resamples,
    seed,
    onCandidate: (done, total) => {
      // A line every few seconds, so a long screen shows it is alive.
      if (performance.now() - lastNote > 5000 || done === total) {
        lastNote = performance.now();
        warn(`screened ${done} of ${total} candidates`);
      }
    },
  });
  for (const c of result.candidates) if (c.error) warn(`note: ${c.name} × ${c.detector.type} could not run: ${c.error}`);
  out(values.format === 'json' ? JSON.stringify(result) : formatScreenTable(result));
  if (values.apply !== undefined) {
    if (result.best < 0) throw new Error('no candidate ran, so none can be applied');
    const best = result.candidates[result.best];
    const applied = rebasePaths(applyCandidate(written, best), dirname(resolve(specPath)), dirname(resolve(values.apply)), values.data ? dataPath : null);
    try {
      writeFileSync(values.apply, JSON.stringify(applied, null, 2) + '\n');
    } catch (e) {
      throw fsError('cannot write', values.apply, e);
    }
    warn(`wrote ${values.apply}: features "${best.name}", detector ${best.detector.type}`);
  }
}

const fixed = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? '—' : v.toFixed(digits));
/** EM and MV are in units of the box's volume, anything from 1e-9 to 1e6: three significant digits. */
const sci = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toPrecision(3));
const interval = (ci: [number, number] | undefined) => (ci ? `[${fixed(ci[0])}, ${fixed(ci[1])}]` : '');

/** The leaderboard for a terminal, best first. */
export function formatScreenTable(result: ScreenResult): string {
  const labelled = result.criterion === 'labels';
  const header = labelled
    ? ['#', 'features', 'detector', 'PR-AUC', '95 % CI', 'ROC-AUC', '95 % CI', 'units', 'ms']
    : ['#', 'features', 'detector', 'stability*', 'seed stability*', 'EM*', 'MV*', 'units', 'ms'];
  const row = (c: ScreenCandidate, i: number) => {
    const head = [String(i + 1), c.name, c.detector.type];
    if (c.error) return [...head, `could not run: ${c.error.slice(0, 60)}`, ...Array(header.length - 4).fill('')];
    return labelled
      ? [...head, fixed(c.metrics.prAuc), interval(c.ci?.prAuc), fixed(c.metrics.rocAuc), interval(c.ci?.rocAuc), String(c.units), c.ms.toFixed(0)]
      : [...head, fixed(c.labelFree?.stability), fixed(c.labelFree?.seedStability), sci(c.labelFree?.em), sci(c.labelFree?.mv), String(c.units), c.ms.toFixed(0)];
  };
  const body = result.candidates.map(row);
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((r) => r[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => (j >= 1 && j <= 2 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ');
  const lines = [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
  const cmp = result.comparison;
  if (cmp) {
    lines.push('', cmp.significant
      ? `#1 is better than #2 on PR-AUC at 95 % (difference ${interval(cmp.difference)}, paired bootstrap p = ${cmp.pValue.toFixed(3)}).`
      : `#1 is not significantly better than #2 on PR-AUC (difference ${interval(cmp.difference)}, paired bootstrap p = ${cmp.pValue.toFixed(3)}): either will do.`);
  }
  if (!labelled && (result.tiedAtTop ?? 0) > 1) {
    lines.push('', `${result.tiedAtTop} candidates tie at the top on stability (within 0.001): the proxy cannot choose among them; mark a pooled sample of their top units in the page's Screen cell.`);
  }
  if (!labelled) {
    lines.push('', '* No labels: ranked by a proxy, the stability of the ranking (Spearman correlation with the same detector refitted on an 80 % subsample; seed stability: with another seed). Stable is not the same as right: review the top units of the first candidates. EM, MV: Excess-Mass (higher better) and Mass-Volume (lower better) areas of Goix (2016), from uniform points in the data\'s box; they compare detectors on the same features only, and on discrete features (a template\'s share, counts) the data has no volume, so a detector that memorises it scores well.');
  }
  return lines.join('\n');
}
