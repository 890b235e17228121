import { describe, it, expect } from 'vitest';
import { appendFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { followFile, type FollowEvent } from '../../app/cli/follow-file.ts';
import { tempFolder } from './cli-helpers.ts';

const { write } = tempFolder();

/** What a follower saw, as text: bytes glued together, a restart as `[reason]`. */
class Seen {
  text = '';
  add(e: FollowEvent) {
    this.text += e.kind === 'bytes' ? new TextDecoder().decode(e.bytes) : `[${e.reason}]`;
  }
}

/**
 * Follows `path` (polling every 20 ms), running each step once what was seen
 * ends with the step's text, then stops; fails after 10 s of waiting.
 */
async function follow(path: string, steps: [string, () => void][]): Promise<string> {
  const seen = new Seen();
  const controller = new AbortController();
  const done = (async () => {
    for await (const e of followFile(path, { signal: controller.signal, pollMs: 20 })) seen.add(e);
  })();
  for (const [until, step] of steps) {
    const deadline = Date.now() + 10_000;
    while (!seen.text.endsWith(until)) {
      if (Date.now() > deadline) throw new Error(`waited 10 s for ${JSON.stringify(until)}; saw ${JSON.stringify(seen.text)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    step();
  }
  controller.abort();
  await done;
  return seen.text;
}

describe('followFile', () => {
  it('hands on what is there, then what is appended, partial lines included', async () => {
    const path = write('f.log', 'one\ntwo\n');
    const seen = await follow(path, [
      ['two\n', () => appendFileSync(path, 'three\nfou')],
      ['fou', () => appendFileSync(path, 'r\n')],
      ['r\n', () => {}],
    ]);
    expect(seen).toBe('one\ntwo\nthree\nfour\n');
  });

  it('rename + create (logrotate): reads the old file to its end, then the new one from its start', async () => {
    const path = write('r.log', 'a1\n');
    const seen = await follow(path, [
      ['a1\n', () => {
        appendFileSync(path, 'a2\n');
        renameSync(path, path + '.1');
        writeFileSync(path, 'b1\n');
      }],
      ['b1\n', () => {}],
    ]);
    expect(seen).toBe('a1\na2\n[rotated]b1\n');
  });

  it('copytruncate: a file that shrinks is read again from its start', async () => {
    const path = write('t.log', 'old line one\nold line two\n');
    const seen = await follow(path, [
      ['two\n', () => {
        truncateSync(path, 0);
        appendFileSync(path, 'new\n');
      }],
      ['new\n', () => {}],
    ]);
    expect(seen).toBe('old line one\nold line two\n[truncated]new\n');
  });

  it('a file deleted and created again is waited for, and read from its start', async () => {
    const path = write('d.log', 'x\n');
    const seen = await follow(path, [
      ['x\n', () => {
        rmSync(path);
        setTimeout(() => writeFileSync(path, 'back\n'), 100);
      }],
      ['back\n', () => {}],
    ]);
    expect(seen).toBe('x\n[rotated]back\n');
  });

  it('a file not there yet is waited for', async () => {
    const path = write('later.log', '') + '.new';
    const seen = await follow(path, [
      ['', () => setTimeout(() => writeFileSync(path, 'hello\n'), 100)],
      ['hello\n', () => {}],
    ]);
    expect(seen).toBe('hello\n');
  });
});
