import { describe, it, expect } from 'vitest';
import { appendFileSync, writeFileSync } from 'node:fs';
import { followFile } from '../../app/cli/follow-file.ts';
import type { LogData } from '../../app/core/ingest/log-data.ts';
import { tempFolder } from './cli-helpers.ts';

const { write } = tempFolder();

/** Follows `path`, running `steps` one after another, each once the batches seen reach its count. */
async function follow(path: string, steps: [number, () => void][], format?: 'csv') {
  const batches: LogData[] = [];
  const controller = new AbortController();
  let next = 0;
  const waiters: (() => void)[] = [];
  let failure: unknown = null;
  const done = followFile(path, { format, signal: controller.signal }, (d) => {
    batches.push(d);
    waiters.splice(0).forEach((w) => w());
  }).catch((e: unknown) => {
    failure = e;
  });
  const until = async (n: number) => {
    const deadline = Date.now() + 10_000;
    while (batches.length < n) {
      if (failure) throw failure;
      if (Date.now() > deadline) throw new Error(`only ${batches.length} batches after 10 s`);
      await new Promise<void>((r) => { waiters.push(r); setTimeout(r, 100); });
    }
  };
  for (; next < steps.length; next++) {
    await until(steps[next][0]);
    steps[next][1]();
  }
  controller.abort();
  await done;
  if (failure) throw failure;
  return batches;
}

describe('followFile', () => {
  it('hands on what is there, then each complete line appended, numbered as in the file', async () => {
    const path = write('f.log', 'one 1\ntwo 2\n');
    const batches = await follow(path, [
      [1, () => appendFileSync(path, 'three 3\nfour')],
      [2, () => appendFileSync(path, ' 4\n')],
      [3, () => {}],
    ]);
    expect(batches.map((b) => b.raw)).toEqual([['one 1', 'two 2'], ['three 3'], ['four 4']]);
    expect(batches.map((b) => Array.from(b.line))).toEqual([[1, 2], [3], [4]]);
  });

  it('skips appended blank lines instead of failing, and keeps counting them', async () => {
    const path = write('b.log', 'a\n');
    const batches = await follow(path, [
      [1, () => appendFileSync(path, '\n\n')],
      [1, () => setTimeout(() => appendFileSync(path, 'b\n'), 700)],
      [2, () => {}],
    ]);
    expect(batches.map((b) => b.raw)).toEqual([['a'], ['b']]);
    expect(Array.from(batches[1].line)).toEqual([4]);
  });

  it('puts the CSV header in front of later batches, and numbers rows as in the file', async () => {
    const path = write('f.csv', 'host,cpu\nweb-1,0.5\n');
    const batches = await follow(path, [
      [1, () => appendFileSync(path, 'web-2,0.75\nweb-3,1\n')],
      [2, () => {}],
    ]);
    expect(batches.map((b) => b.files[0].format)).toEqual(['csv', 'csv']);
    expect(Array.from(batches[1].fields.cpu as Float64Array)).toEqual([0.75, 1]);
    expect(batches[1].fields.host).toEqual(['web-2', 'web-3']);
    expect(batches.map((b) => Array.from(b.line))).toEqual([[2], [3, 4]]);
  });

  it('reads a truncated file again from its start', async () => {
    const path = write('t.log', 'old line one\nold line two\n');
    const batches = await follow(path, [
      [1, () => writeFileSync(path, 'new\n')],
      [2, () => {}],
    ]);
    expect(batches[1].raw).toEqual(['new']);
    expect(Array.from(batches[1].line)).toEqual([1]);
  });
});
