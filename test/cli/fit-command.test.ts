// `law fit` writes the production artifact: a spec that `law score` runs
// alone. For every example spec, scores from the written fitted spec (in a
// folder where neither its training data nor its label file can be found)
// must equal scores after re-training from the original spec, every run.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { law, smallSpec, SMALL_LOG, tempFolder } from './cli-helpers.ts';
import { loadSpec } from '../../app/cli/load-spec.ts';
import { fitFromFile } from '../../app/cli/fit-training.ts';
import { Scorer, scoredUnits } from '../../app/core/score/scorer.ts';
import { parseSpec } from '../../app/core/experiment/parse-spec.ts';
import { readLogs } from '../../app/core/ingest/read-logs.ts';
import { fileSource } from '../../app/cli/node-source.ts';
import { createHash } from 'node:crypto';

const root = fileURLToPath(new URL('../../', import.meta.url));
const experiments = join(root, 'experiments');
const { dir, write } = tempFolder();

interface Unit { row: number; line: number; score: number; anomaly: boolean; text: string }
const parse = (out: string[]) => out.map((l) => JSON.parse(l) as Unit);

describe('law fit + law score on every example spec', () => {
  const specs = readdirSync(experiments).filter((f) => f.endsWith('.json')).sort();

  it.each(specs)('%s: the fitted spec alone scores every run as re-training does, to 1e-12', async (file) => {
    const specPath = join(experiments, file);
    const original = parseSpec(JSON.parse(readFileSync(specPath, 'utf8')));
    const dataPath = join(experiments, original.source!.path!);
    const out = join(dir, file.replace(/\.json$/, '.fitted.json'));
    const fit = await law('fit', specPath, '--out', out);
    expect(fit.code).toBe(0);
    // Nothing the fitted spec names can be found: it must not need any of it.
    const fitted = JSON.parse(readFileSync(out, 'utf8'));
    fitted.source.path = 'nowhere/gone.log';
    if (fitted.labels?.file) fitted.labels.file = 'nowhere/labels.csv';
    const moved = write(file.replace(/\.json$/, '.moved.json'), fitted);

    // Re-training from the original spec, as `law score` does with an unfitted spec.
    const retrained = (await fitFromFile(specPath, loadSpec(specPath), () => {})).spec;
    const data = await readLogs([fileSource(dataPath)], { format: original.source?.format });
    for (const d of original.detectors) {
      const r = await law('score', '--config', moved, dataPath, '--run', d.id);
      expect(r.code, r.err.join('\n')).toBe(0);
      const got = parse(r.out);
      const want = scoredUnits(new Scorer(retrained, d.id).score(data));
      expect(got.length, d.id).toBe(want.length);
      let worst = 0;
      for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i].score - want[i].score));
      expect(worst, `${file} ${d.id}: largest difference`).toBeLessThanOrEqual(1e-12);
      expect(got.map((u) => u.anomaly), d.id).toEqual(want.map((u) => u.anomaly));
      expect(got.map((u) => [u.line, u.text]), d.id).toEqual(want.map((u) => [u.line, u.text]));
    }
  }, 120_000);
});

describe('law fit', () => {
  const logPath = write('small.log', SMALL_LOG);
  const specPath = write('small.json', smallSpec());

  it('prints the fitted spec on standard output: readable, with the fitted parts and the provenance', async () => {
    const r = await law('fit', specPath);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    const fitted = JSON.parse(r.text);
    expect(parseSpec(fitted).fitted).toBeDefined();
    expect(fitted.fitted.data).toEqual([{
      name: 'small.log',
      bytes: statSync(logPath).size,
      lines: 4,
      sha256: createHash('sha256').update(readFileSync(logPath)).digest('hex'),
      format: 'text',
    }]);
    expect(fitted.fitted.version).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
    expect(Date.parse(fitted.fitted.at)).toBeGreaterThan(Date.now() - 60_000);
    expect(fitted.fitted.units).toEqual({ total: 4, train: 4, judged: 4 });
    expect(fitted.threshold.scores.if).toBeTypeOf('number');
    // The spec reads as a spec; the numbers by the thousand stay on one line each.
    expect(r.out[1]).toBe('  "version": 1,');
    expect(r.out.find((l) => l.startsWith('    "state": {'))).toBeDefined();
    expect(r.out.find((l) => l.startsWith('      "model": {"type":"isolation-forest"'))).toBeDefined();
  });

  it('--out writes it, with its paths made relative to where it is, and says what it wrote', async () => {
    const { dir: other } = tempFolder();
    const out = join(other, 'deep', '..', 'small.fitted.json');
    const r = await law('fit', specPath, '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^law fit: wrote .*small\.fitted\.json \(0\.0 MB\): 1 detector fitted on 4 line units; if flags scores ≥ [\d.]+$/);
    const fitted = JSON.parse(readFileSync(join(other, 'small.fitted.json'), 'utf8'));
    expect(fitted.source.path).toBe(relative(other, logPath));
  });

  it('a fitted spec scores as re-training does (the small spec, every line)', async () => {
    const out = join(dir, 'small.fitted.json');
    await law('fit', specPath, '--out', out);
    expect(parse((await law('score', '--config', out, logPath)).out)).toEqual(parse((await law('score', '--config', specPath, logPath)).out));
  });

  it('says that LOF keeps its training rows', async () => {
    const lof = write('lof.json', { ...smallSpec(), detectors: [{ id: 'lof', type: 'lof', params: { k: 2 } }], threshold: undefined });
    const r = await law('fit', lof, '--out', join(dir, 'lof.fitted.json'));
    expect(r.err[0]).toBe('law fit: note: lof: the LOF model keeps 4 training rows × 3 columns (LOF compares every new unit with them)');
  });

  it('refuses what it cannot do: no spec, a spec without data, an unwritable --out', async () => {
    expect((await law('fit')).err).toEqual(['law fit: fit takes one SPEC file, got 0 (see law fit --help)']);
    const { source: _s, ...noSource } = smallSpec();
    const bare = write('bare.json', noSource);
    const r = await law('fit', bare);
    expect([r.code, r.err]).toEqual([2, [`law fit: ${bare}: the spec has no source.path to train on; give it with --data PATH`]]);
    const w = await law('fit', specPath, '--out', join(dir, 'no-such-folder', 'x.json'));
    expect(w.code).toBe(1);
    expect(w.err[0]).toMatch(/^law fit: cannot write .*no-such-folder\/x\.json: no such file$/);
  });

  it('a fitted spec edited by hand is refused by law score, naming the field (exit 2)', async () => {
    const out = join(dir, 'edit.fitted.json');
    await law('fit', specPath, '--out', out);
    const spec = JSON.parse(readFileSync(out, 'utf8'));
    spec.features.columns = ['level'];
    writeFileSync(out, JSON.stringify(spec));
    const r = await law('score', '--config', out, logPath);
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain('features.columns: ["level"] differs from the columns the state was fitted with');
  });
});

describe('law fit + law score: the four kinds judged against a baseline', () => {
  const fixtures = join(root, 'test', 'fixtures', 'anomaly-kinds');
  // Scores of the new files with the fitted spec alone, worked out in test/fixtures/anomaly-kinds/README.md:
  // lines-new.log: 60 ms, a never-seen line, 30 ms, 2.5 s (another unit); windows-new.log: (2, 3, 0), then 2 never-seen lines.
  const cases: [string, string, Record<string, number[]>][] = [
    ['lines.json', 'lines-new.log', { new: [0, 1, 0, 0], range: [30 / 1.4826 - 3, 0, 0, 0] }],
    ['windows.json', 'windows-new.log', { new: [0, 2], share: [10 * Math.log(23 / 22), 4 * Math.log(23 / 10)], rate: [0, 2] }],
  ];

  it.each(cases)('%s: the fitted spec alone scores %s as re-training does, with the scores worked out by hand', async (file, newLog, want) => {
    const specPath = join(fixtures, file);
    const out = join(dir, file.replace(/\.json$/, '.fitted.json'));
    const fit = await law('fit', specPath, '--out', out);
    expect(fit.code, fit.err.join('\n')).toBe(0);
    const fitted = JSON.parse(readFileSync(out, 'utf8'));
    fitted.source.path = 'nowhere/gone.log';
    const moved = write(file.replace(/\.json$/, '.moved.json'), fitted);
    const retrained = (await fitFromFile(specPath, loadSpec(specPath), () => {})).spec;
    const dataPath = join(fixtures, newLog);
    const data = await readLogs([fileSource(dataPath)], { format: 'text' });
    for (const [id, scores] of Object.entries(want)) {
      const r = await law('score', '--config', moved, dataPath, '--run', id);
      expect(r.code, r.err.join('\n')).toBe(0);
      const got = parse(r.out);
      const again = scoredUnits(new Scorer(retrained, id).score(data));
      expect(got.map((u) => u.score), id).toEqual(again.map((u) => u.score));
      expect(got.map((u) => u.anomaly), id).toEqual(again.map((u) => u.anomaly));
      expect(got.length, id).toBe(scores.length);
      scores.forEach((s, i) => expect(got[i].score, `${id} unit ${i}`).toBeCloseTo(s, 13));
    }
  });
});
