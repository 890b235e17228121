import { describe, it, expect } from 'vitest';
import { law } from './cli-helpers.ts';

describe('law (main)', () => {
  it('--help prints the usage with every command, exit 0', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const r = await law(flag);
      expect(r.code).toBe(0);
      expect(r.err).toEqual([]);
      expect(r.text).toContain('Usage: law <command> [options]');
      expect(r.text).toMatch(/^\s+run SPEC\s/m);
      expect(r.text).toMatch(/^\s+score\s/m);
      expect(r.text).toContain('Exit codes: 0 ok, 1');
    }
  });

  it('no command: one line on stderr naming the commands, exit 2', async () => {
    const r = await law();
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual(['law: no command given (commands: run, fit, score, watch, parse, screen; see law --help)']);
  });

  it('run --help and score --help print their options, exit 0', async () => {
    const run = await law('run', '--help');
    expect(run.code).toBe(0);
    expect(run.text).toMatch(/^law run SPEC \[--data PATH\] \[--format table\|json\]/);
    expect(run.text).toContain('--data PATH');
    expect(run.text).toContain('--format FORMAT');
    const score = await law('score', '-h');
    expect(score.code).toBe(0);
    expect(score.text).toMatch(/^law score --config SPEC \[FILE\|-\] \[--run ID\] \[--follow\]/);
    for (const option of ['--config SPEC', '--run ID', '--follow', '--data PATH']) expect(score.text).toContain(option);
  });

  it('an unknown command: exit 2 and one line on stderr naming it and the commands', async () => {
    const r = await law('frobnicate', 'x');
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual(['law: unknown command "frobnicate" (commands: run, fit, score, watch, parse, screen; see law --help)']);
    // Commands are looked up among our own names only, never an object's inherited ones.
    for (const name of ['constructor', 'toString', '__proto__']) {
      const p = await law(name);
      expect(p.code, name).toBe(2);
      expect(p.err, name).toEqual([`law: unknown command "${name}" (commands: run, fit, score, watch, parse, screen; see law --help)`]);
    }
  });

  it('an unknown option: exit 2 and one line on stderr naming it', async () => {
    const r = await law('run', '--bogus', 'spec.json');
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).not.toContain('\n');
    expect(r.err[0]).toMatch(/^law run: .*--bogus/);
  });
});
