import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { contentSecurityPolicy } from './csp.ts';

// One config for the app, its unit tests and its browser tests.
// The e2e project drives the *built* app (dist/) in Debian's Chromium, so
// `npm test` builds before running it.
export default defineConfig({
  // The built page carries a Content-Security-Policy (csp.ts); the dev server does not.
  plugins: [svelte(), contentSecurityPolicy()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/core/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/datasets/**/*.test.ts', 'test/docs/**/*.test.ts', 'test/ui/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 240_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
