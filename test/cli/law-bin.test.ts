import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('bin/law.js (what `npx law` runs)', () => {
  it('--help prints the usage and exits 0', () => {
    const r = spawnSync(process.execPath, ['bin/law.js', '--help'], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: law <command> [options]');
    expect(r.stderr).toBe('');
  });

  it('passes the exit code of an error on: unknown command → 2', () => {
    const r = spawnSync(process.execPath, ['bin/law.js', 'frobnicate'], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('law: unknown command "frobnicate" (commands: run, fit, score, watch, parse, screen; see law --help)\n');
  });
});
