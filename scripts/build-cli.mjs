// Builds the `law` command line into dist-cli/ as plain JavaScript, so that a
// start does not compile TypeScript (tsx took ~0.5 s of every `law --help`).
// Run by `npm install` (the `prepare` script) and by `npm test`; bin/law.js
// falls back to tsx on the sources whenever this build is missing or older
// than any source, so an edit is never hidden behind a stale build.
//
// Packages stay external (they load from node_modules as before); code
// splitting keeps main.ts's per-command dynamic imports lazy in the bundle.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// An argument builds elsewhere (the tests build a copy to check it).
const outdir = process.argv[2] ?? `${root}dist-cli`;
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { main: 'app/cli/main.ts', 'retrain-thread': 'app/serve/retrain-thread.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
// The chunks are ES modules wherever the folder is (outside this package's "type": "module" too).
writeFileSync(`${outdir}/package.json`, '{ "type": "module" }\n');
