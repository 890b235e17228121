import { describe, it, expect } from 'vitest';
import { describeWarning, WarningLog } from '../../../app/core/ingest/warnings.ts';

describe('WarningLog', () => {
  it('keeps the first message of each kind, counts the rest and up to five lines', () => {
    const log = new WarningLog();
    let built = 0;
    for (let line = 1; line <= 7; line++) log.add('bad', line, () => `f, line ${line}: bad (${++built})`);
    log.add('other', 9, () => 'f, line 9: other');
    expect(log.list()).toEqual([
      { code: 'bad', message: 'f, line 1: bad (1)', count: 7, lines: [1, 2, 3, 4, 5] },
      { code: 'other', message: 'f, line 9: other', count: 1, lines: [9] },
    ]);
    // The message is built once, not for every occurrence.
    expect(built).toBe(1);
  });
});

describe('describeWarning', () => {
  it('is the message alone for one occurrence, and says how many more otherwise', () => {
    expect(describeWarning({ code: 'x', message: 'f, line 2: bad', count: 1, lines: [2] })).toBe('f, line 2: bad');
    expect(describeWarning({ code: 'x', message: 'f, line 2: bad', count: 3, lines: [2, 5, 9] })).toBe(
      'f, line 2: bad (and 2 more like it, lines 2, 5, 9…)',
    );
  });
});
