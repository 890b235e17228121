#!/usr/bin/env node
// The `law` command. The CLI is TypeScript under app/cli, run through tsx so
// that it shares app/core with the page without a separate build step.
import { register } from 'tsx/esm/api';

// A reader that goes away (`law parse big.log | head -1`) is not an error of ours.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
register();
const { main } = await import('../app/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
