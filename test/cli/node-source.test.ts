import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { fileSource, UsageError } from '../../app/cli/node-source.ts';
import { readLogs } from '../../app/core/ingest/read-logs.ts';
import { tempFolder } from './cli-helpers.ts';

const { dir, write } = tempFolder();

describe('fileSource', () => {
  it('streams a file under its base name, with its size', async () => {
    const path = write('app.log', 'a 1\nb 2\n');
    const source = fileSource(path);
    expect([source.name, source.size]).toEqual(['app.log', 8]);
    const d = await readLogs([source]);
    expect(d.raw).toEqual(['a 1', 'b 2']);
    expect(d.files[0].name).toBe('app.log');
  });

  it('a missing file or a folder is data that cannot be read (not a usage error), naming the path', () => {
    const path = join(dir, 'nope.log');
    expect(() => fileSource(path)).toThrow(`cannot read ${path}: no such file`);
    expect(() => fileSource(path)).not.toThrow(UsageError);
    expect(() => fileSource(dir)).toThrow(`cannot read ${dir}: it is a folder, not a file`);
  });
});
