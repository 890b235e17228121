// Syslog times without a year (`Oct 11 22:14:15`) are read in the spec's
// `source.syslogYear`, in every way law reads: a whole file, a stream on
// standard input, and the fitted spec that carries the year to production.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { law, tempFolder } from './cli-helpers.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SYSLOG = join(root, 'test/fixtures/formats/bsd-syslog.log');
const { write } = tempFolder();

function spec(source: Record<string, unknown>) {
  return {
    version: 1,
    source: { path: SYSLOG, ...source },
    features: { unit: 'line', columns: ['level', 'length', 'template'] },
    detectors: [{ id: 'if', type: 'isolation-forest', params: { trees: 20, seed: 1 } }],
    threshold: { run: 'if', method: 'contamination', value: 0.2 },
  };
}

const years = (units: { time: number | null }[]) => [...new Set(units.map((u) => new Date(u.time!).getUTCFullYear()))];

describe('source.syslogYear', () => {
  it('dates a whole file, the fitted spec and a stream in the year given', async () => {
    const fitted = write('fitted.json', '');
    const fit = await law('fit', write('s.json', spec({ syslogYear: 2024 })), '--out', fitted);
    expect(fit.code, fit.err.join('\n')).toBe(0);
    expect(JSON.parse(readFileSync(fitted, 'utf8')).source.syslogYear).toBe(2024);

    const file = await law('score', '--config', fitted, SYSLOG);
    expect(file.code, file.err.join('\n')).toBe(0);
    const units = file.out.filter(Boolean).map((l) => JSON.parse(l));
    expect(units.length).toBe(readFileSync(SYSLOG, 'utf8').trim().split('\n').length);
    expect(years(units)).toEqual([2024]);
    expect(units[0].time).toBe('2024-10-11T22:14:15.000Z');

    // Standard input goes through the streaming reader: the same year.
    const piped = execFileSync(process.execPath, [join(root, 'bin/law.js'), 'score', '--config', fitted, '-'], { input: readFileSync(SYSLOG), encoding: 'utf8', timeout: 60_000 });
    const streamed = piped.trim().split('\n').map((l) => JSON.parse(l));
    expect(streamed.map((u) => u.time)).toEqual(units.map((u) => u.time));
  });

  it('is 1970 when not given, so replays stay deterministic', async () => {
    const r = await law('score', '--config', write('plain.json', spec({})), SYSLOG);
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(years(r.out.filter(Boolean).map((l) => JSON.parse(l)))).toEqual([1970]);
  });
});
