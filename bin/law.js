#!/usr/bin/env node
// The `law` command. The CLI is TypeScript under app/cli, sharing app/core with
// the page. It runs from the plain-JavaScript build in dist-cli/ (made by
// `npm install` and `npm test`: scripts/build-cli.mjs), which starts without
// compiling anything; when that build is missing or older than a source file
// (an edit since the last build), it runs the sources through tsx instead, so
// what runs is always what is checked out.
import { existsSync, readdirSync, statSync } from 'node:fs';

// A reader that goes away (`law parse big.log | head -1`) is not an error of ours.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const root = new URL('..', import.meta.url);
const built = new URL('dist-cli/main.js', root);

/** Newest modification time among the files the build is made of (a few ms for a few hundred files). */
function newestSource() {
  let newest = statSync(new URL('package.json', root)).mtimeMs;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of ['app/cli', 'app/core', 'app/serve']) walk(new URL(dir, root).pathname);
  return newest;
}

const useBuild = process.env.LAW_FROM_SOURCE !== '1' && existsSync(built) && statSync(built).mtimeMs >= newestSource();
let main;
if (useBuild) {
  ({ main } = await import(built.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../app/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
