import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { loadSpec } from '../../app/cli/load-spec.ts';
import { UsageError } from '../../app/cli/node-source.ts';
import { FieldError } from '../../app/core/field-error.ts';
import { law, smallSpec, tempFolder } from './cli-helpers.ts';

const { dir, write } = tempFolder();

describe('loadSpec', () => {
  it('resolves source.path against the spec folder', () => {
    const path = write('s.json', smallSpec('logs/app.log'));
    const loaded = loadSpec(path);
    expect(loaded.dataPath).toBe(join(dir, 'logs', 'app.log'));
    expect(loaded.spec.name).toBe('small');
  });

  it('takes --data as given instead', () => {
    expect(loadSpec(write('s.json', smallSpec()), 'elsewhere.log').dataPath).toBe('elsewhere.log');
  });

  it('has no data path without source.path or --data', () => {
    const { source: _s, ...rest } = smallSpec();
    expect(loadSpec(write('n.json', rest)).dataPath).toBeNull();
  });

  it('every problem is a UsageError naming the file', () => {
    const cases: [string, RegExp][] = [
      [join(dir, 'missing.json'), /^cannot read spec .*missing\.json: no such file$/],
      [write('j.json', 'nope'), /^.*j\.json: not valid JSON \(/],
      [write('v.json', { ...smallSpec(), version: 0 }), /^.*v\.json: version: 0 is not supported/],
    ];
    for (const [path, message] of cases) {
      let caught: unknown;
      try {
        loadSpec(path);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(UsageError);
      expect((caught as Error).message).toMatch(message);
    }
  });

  it('keeps what was thrown as the cause: the SyntaxError, the FieldError, the file system error', () => {
    const caught = (path: string): Error => {
      try {
        loadSpec(path);
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        return e as Error;
      }
      throw new Error(`loadSpec accepted ${path}`);
    };
    const json = caught(write('syntax.json', '{"version": 1,'));
    expect(json.cause).toBeInstanceOf(SyntaxError);
    expect(json.message).toBe(`${join(dir, 'syntax.json')}: not valid JSON (${(json.cause as Error).message})`);
    const field = caught(write('field.json', { ...smallSpec(), threshold: { run: 'if', method: 'contamination', value: 2 } }));
    expect(field.cause).toBeInstanceOf(FieldError);
    expect([(field.cause as FieldError).field, (field.cause as FieldError).detail]).toEqual(['threshold.value', 'contamination 2 is outside 0–1']);
    expect((caught(join(dir, 'missing.json')).cause as { code?: string }).code).toBe('ENOENT');
  });

  it('law prints a bad field as it always has: the command, the file, the field, the detail', async () => {
    const path = write('bad-value.json', { ...smallSpec(), threshold: { run: 'if', method: 'contamination', value: 2 } });
    expect(await law('run', path)).toMatchObject({ code: 2, out: [], err: [`law run: ${path}: threshold.value: contamination 2 is outside 0–1`] });
    expect((await law('fit', path)).err).toEqual([`law fit: ${path}: threshold.value: contamination 2 is outside 0–1`]);
  });
});
