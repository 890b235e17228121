#!/usr/bin/env node
// The `law` command. The CLI is TypeScript under app/cli, run through tsx so
// that it shares app/core with the page without a separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../app/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
