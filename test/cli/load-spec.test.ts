import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { loadSpec } from '../../app/cli/load-spec.ts';
import { UsageError } from '../../app/cli/node-source.ts';
import { smallSpec, tempFolder } from './cli-helpers.ts';

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
});
