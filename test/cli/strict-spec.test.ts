// A typo or an absurd parameter in a spec is refused before any work, with
// one line naming the field, and the exit code `law --help` documents for an
// invalid spec — never a silent default (a typo `threshhold` used to flag the
// top 5 %) or a run that ends out of memory.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { law, SMALL_LOG, smallSpec, tempFolder } from './cli-helpers.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { write } = tempFolder();
write('small.log', SMALL_LOG);

/** The exit code `law --help` gives for "an invalid spec". */
async function invalidSpecCode(): Promise<number> {
  const help = (await law('--help')).text;
  const m = /(\d) bad arguments or an invalid spec/.exec(help);
  expect(m, 'law --help documents the exit code of an invalid spec').not.toBeNull();
  return Number(m![1]);
}

describe('law and a strict spec', () => {
  it('law run (bin/law.js) with "threshhold": the documented exit code and the field with the name it was meant as', async () => {
    const { threshold, ...rest } = smallSpec();
    const spec = write('typo.json', { ...rest, threshhold: threshold });
    const r = spawnSync(process.execPath, ['bin/law.js', 'run', spec, '--format', 'json'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(await invalidSpecCode());
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`law run: ${spec}: threshhold: unknown field (did you mean threshold?)\n`);
  });

  it('law run with a typo deeper down, and with trees: 1e9', async () => {
    const code = await invalidSpecCode();
    const unit = write('unti.json', { ...smallSpec(), features: { unti: 'line' } });
    expect(await law('run', unit)).toMatchObject({ code, out: [], err: [`law run: ${unit}: features.unti: unknown field (did you mean unit?)`] });
    const tres = write('tres.json', { ...smallSpec(), detectors: [{ id: 'if', type: 'isolation-forest', params: { tres: 10 } }] });
    expect((await law('run', tres)).err).toEqual([`law run: ${tres}: detectors[0].params.tres: unknown field (did you mean trees?)`]);
    const big = write('big.json', { ...smallSpec(), detectors: [{ id: 'if', type: 'isolation-forest', params: { trees: 1e9 } }] });
    expect(await law('run', big)).toMatchObject({ code, out: [], err: [`law run: ${big}: detectors[0].params.trees: 1000000000 is above the limit 10000`] });
  });

  it('law fit and law watch refuse them the same way', async () => {
    const code = await invalidSpecCode();
    const vectors = write('vectors.json', { ...smallSpec(), features: { unit: 'line', text: { kind: 'word-vectors', size: 1e7 } } });
    expect(await law('fit', vectors)).toMatchObject({ code, out: [], err: [`law fit: ${vectors}: features.text.size: 10000000 is above the limit 512`] });
    const sink = write('sink.json', { ...smallSpec(), deploy: { source: { kind: 'stdin' }, sinks: [{ kind: 'jsonl', pth: '-' }] } });
    expect(await law('watch', sink)).toMatchObject({ code, out: [], err: [`law watch: ${sink}: deploy.sinks[0].pth: unknown field (did you mean path?)`] });
  });
});
