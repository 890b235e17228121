// Files read whole are bounded: a gzip bomb gets a one-line refusal naming the
// file, the limit and the flag that raises it, not "JavaScript heap out of
// memory" (rc 134) after taking 4.7 GB.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { parseSize } from '../../app/cli/read-limits.ts';
import { law, SMALL_LOG, smallSpec, tempFolder } from './cli-helpers.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { dir, write } = tempFolder();

describe('limits of files read whole, in law', () => {
  it('a 2 MB gzip inflating to 700 MiB: exit 1 at the 512 MiB default, one line naming the file, the limit and --max-bytes', { timeout: 120_000 }, async () => {
    const line = `2026-03-02T10:00:00.000Z INFO ${'request accepted '.repeat(120)}\n`;
    const mib = Buffer.from(line.repeat(Math.ceil((1 << 20) / line.length)));
    const path = `${dir}/bomb.log.gz`;
    await pipeline(Readable.from((function* () { for (let i = 0; i < 700; i++) yield mib; })()), createGzip({ level: 9 }), createWriteStream(path));
    const r = spawnSync(process.execPath, [`${root}bin/law.js`, 'parse', path, '--output', 'templates'], { encoding: 'utf8', timeout: 110_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      'law parse: bomb.log.gz: more than 512 MiB of text once decompressed, the limit per file (maxBytes); nothing from it was kept; raise it with --max-bytes, or score the file as a stream, which has no limit (law score --config SPEC - < FILE)',
    ]);
  });

  it('--max-rows and --max-bytes bound law run, law fit and law score FILE alike', async () => {
    write('small.log', SMALL_LOG);
    const spec = write('small.json', smallSpec());
    const run = await law('run', spec, '--max-rows', '3');
    expect(run.code).toBe(1);
    expect(run.err).toEqual([expect.stringMatching(/^law run: small\.log: more than 3 rows, the limit per file \(maxRows\); nothing from it was kept; raise it with --max-rows/)]);
    expect((await law('run', spec, '--max-rows=4')).code).toBe(0);
    const fit = await law('fit', spec, '--max-bytes', '100B', '--out', `${dir}/f.json`);
    expect(fit.code).toBe(1);
    expect(fit.err[0]).toMatch(/^law fit: small\.log: more than 100 bytes of text, the limit per file \(maxBytes\)/);
    expect((await law('fit', spec, '--out', `${dir}/f.json`)).code).toBe(0);
    const score = await law('score', '--config', `${dir}/f.json`, `${dir}/small.log`, '--max-rows', '2');
    expect(score.code).toBe(1);
    expect(score.err[0]).toMatch(/^law score: small\.log: more than 2 rows/);
  });

  it('a size that is not one is a usage error (exit 2)', async () => {
    const r = await law('parse', `${dir}/small.log`, '--max-bytes', 'lots');
    expect(r.code).toBe(2);
    expect(r.err).toEqual(['law parse: --max-bytes: "lots" is not a size such as 512MiB or 2GB']);
    expect((await law('parse', `${dir}/small.log`, '--max-rows', '0')).err).toEqual(['law parse: --max-rows: "0" is not a whole number ≥ 1']);
  });

  it('reads sizes as people write them', () => {
    expect(parseSize('512MiB', 'f')).toBe(512 * 2 ** 20);
    expect(parseSize('2GB', 'f')).toBe(2e9);
    expect(parseSize('1.5 gib', 'f')).toBe(1.5 * 2 ** 30);
    expect(parseSize('1000', 'f')).toBe(1000);
  });
});
