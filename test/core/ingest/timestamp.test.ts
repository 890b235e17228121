import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { findLineTimestamp, findLineTimestampByEachPattern, parseTimestampValue, TIMESTAMP_FIELDS } from '../../../app/core/ingest/timestamp.ts';
import { createRandom } from '../../../app/core/random.ts';
import { LOGHUB_SYSTEMS, loghubDir } from '../parse/loghub-samples.ts';

if (!loghubDir()) console.warn('timestamp.test.ts: ../shared/datasets/loghub-2k is absent; the Loghub lines are not checked');

describe('findLineTimestamp', () => {
  it('reads an ISO time at the start of a line, UTC when it has no zone', () => {
    expect(findLineTimestamp('2026-03-02T10:00:00Z INFO x')).toBe(Date.UTC(2026, 2, 2, 10, 0, 0));
    expect(findLineTimestamp('2026-03-02 10:00:00 INFO x')).toBe(Date.UTC(2026, 2, 2, 10, 0, 0));
    expect(findLineTimestamp('2026-03-02T10:00:00.123 x')).toBe(Date.UTC(2026, 2, 2, 10, 0, 0, 123));
  });

  it('applies a zone offset and reads comma fractions and nanosecond digits', () => {
    expect(findLineTimestamp('2026-03-02T10:00:00+02:00 x')).toBe(Date.UTC(2026, 2, 2, 8, 0, 0));
    expect(findLineTimestamp('2026-03-02T10:00:00-0530 x')).toBe(Date.UTC(2026, 2, 2, 15, 30, 0));
    expect(findLineTimestamp('2026-03-02 10:00:00,5 x')).toBe(Date.UTC(2026, 2, 2, 10, 0, 0, 500));
    expect(findLineTimestamp('2026-03-02T10:00:00.987654321Z')).toBe(Date.UTC(2026, 2, 2, 10, 0, 0, 987));
  });

  it('finds a time after a label or a host, within the first 80 characters only', () => {
    expect(findLineTimestamp('- host-1 2026-03-02T10:00:00Z x')).toBe(Date.UTC(2026, 2, 2, 10, 0, 0));
    expect(findLineTimestamp(`${'x'.repeat(80)} 2026-03-02T10:00:00Z`)).toBeNaN();
  });

  it('is NaN without a timestamp', () => {
    expect(findLineTimestamp('INFO no time here 10:00')).toBeNaN();
  });
});

describe('findLineTimestamp: the forms real logs use', () => {
  const at = (iso: string) => Date.parse(iso);
  it('syslog, with the given year (1970 by default)', () => {
    expect(findLineTimestamp('Mar  2 10:15:23 host app[1]: x')).toBe(at('1970-03-02T10:15:23Z'));
    expect(findLineTimestamp('Mar  2 10:15:23 host app[1]: x', 2026)).toBe(at('2026-03-02T10:15:23Z'));
    expect(findLineTimestamp('Oct 11 22:14:15.250 host x', 2026)).toBe(at('2026-10-11T22:14:15.250Z'));
  });

  it('CLF, with its offset', () => {
    expect(findLineTimestamp('127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1')).toBe(at('2000-10-10T20:55:36Z'));
  });

  it('HDFS yymmdd hhmmss, at the start of a line only', () => {
    expect(findLineTimestamp('081109 203615 148 INFO dfs.DataNode: x')).toBe(at('2008-11-09T20:36:15Z'));
    expect(findLineTimestamp('991231 235959 1 INFO x')).toBe(at('1999-12-31T23:59:59Z'));
    expect(findLineTimestamp('id 081109 203615')).toBeNaN();
    expect(findLineTimestamp('123456 999999 not a time')).toBeNaN();
  });

  it('BGL: the full time wins over the date alone and the epoch', () => {
    expect(findLineTimestamp('- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.363779 R02-M1-N0 RAS KERNEL INFO x')).toBe(at('2005-06-03T15:42:50.363Z'));
    expect(findLineTimestamp('- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11')).toBe(at('2005-06-03T00:00:00Z'));
  });

  it('Thunderbird: a syslog time takes its year from the dotted date', () => {
    expect(findLineTimestamp('- 1131566461 2005.11.09 dn228 Nov 9 12:01:01 dn228/dn228 crond[2915]: x')).toBe(at('2005-11-09T12:01:01Z'));
  });

  it('ctime (Apache error log)', () => {
    expect(findLineTimestamp('[Sun Dec 04 04:47:44 2005] [notice] x')).toBe(at('2005-12-04T04:47:44Z'));
  });

  it('the earliest time in the line wins', () => {
    expect(findLineTimestamp('Mar  2 10:15:23 host app: retry of 2026-01-01T00:00:00Z', 2026)).toBe(at('2026-03-02T10:15:23Z'));
  });

  it('rejects impossible fields', () => {
    expect(findLineTimestamp('2026-13-02T10:00:00Z')).toBeNaN();
    expect(findLineTimestamp('Foo  2 10:15:23 x')).toBeNaN();
  });
});

describe('parseTimestampValue', () => {
  const t = 1_700_000_000_000;
  it('tells epoch seconds, milliseconds, microseconds and nanoseconds apart', () => {
    expect(parseTimestampValue(1_700_000_000)).toBe(t);
    expect(parseTimestampValue(1_700_000_000.25)).toBe(t + 250);
    expect(parseTimestampValue(t)).toBe(t);
    expect(parseTimestampValue(t * 1000)).toBe(t);
    expect(parseTimestampValue(t * 1e6)).toBe(t);
    expect(parseTimestampValue('1700000000')).toBe(t);
  });

  it('reads ISO strings', () => {
    expect(parseTimestampValue('2026-03-02T10:00:00.5+01:00')).toBe(Date.UTC(2026, 2, 2, 9, 0, 0, 500));
  });

  it('reads the other line forms in a field (CLF, BGL)', () => {
    expect(parseTimestampValue('10/Oct/2000:13:55:36 -0700')).toBe(Date.UTC(2000, 9, 10, 20, 55, 36));
    expect(parseTimestampValue('2005-06-03-15.42.50.363779')).toBe(Date.UTC(2005, 5, 3, 15, 42, 50, 363));
  });

  it('is NaN for what is not a time', () => {
    for (const v of ['', 'yesterday', 0, -5, NaN, Infinity, null, undefined, true, {}]) expect(parseTimestampValue(v)).toBeNaN();
  });

  it('looks for the usual timestamp field names, @timestamp first', () => {
    expect(TIMESTAMP_FIELDS[0]).toBe('@timestamp');
    expect(TIMESTAMP_FIELDS).toEqual(expect.arrayContaining(['timestamp', 'time', 'ts']));
  });
});

describe('findLineTimestamp in one scan finds what the patterns one by one find', () => {
  // The pieces real headers are made of, glued at random: every order of
  // forms, invalid dates (month 13, hour 25) before valid ones, forms cut short.
  const PIECES = ['2026-03-02T10:00:00Z', '2026-13-02 10:00:00', '2005-06-03-15.42.50.363779', '10/Oct/2000:13:55:36 -0700', '32/Oct/2000:13:55:36',
    'Sun Dec 04 04:47:44 2005', 'Mar  2 10:15:23', 'Mar 2 25:15:23', 'Foo 12 10:15:23', '081109 203615', '2005.06.03', '2005.11.09 12:01:01', 'Nov 9 12:01:01',
    ' ', ' ', '- ', 'host-1 ', 'INFO ', '12', ':', '.', '/', 'x', '2026-03-02', '10:00:00'];

  it('on 20,000 random lines', () => {
    const rnd = createRandom(3);
    for (let t = 0; t < 20_000; t++) {
      let line = '';
      const parts = 1 + rnd.int(6);
      for (let i = 0; i < parts; i++) line += PIECES[rnd.int(PIECES.length)];
      const year = rnd.int(2) ? 1970 : 2031;
      expect({ line, t: findLineTimestamp(line, year) }).toEqual({ line, t: findLineTimestampByEachPattern(line, year) });
    }
  });

  it.skipIf(!loghubDir())('on every line of the twelve Loghub-2k logs', () => {
    const dir = loghubDir()!;
    let timed = 0;
    for (const system of LOGHUB_SYSTEMS) {
      for (const line of readFileSync(`${dir}/${system}/${system}_2k.log`, 'utf8').split('\n')) {
        const t = findLineTimestamp(line);
        expect({ system, line, t }).toEqual({ system, line, t: findLineTimestampByEachPattern(line) });
        if (!Number.isNaN(t)) timed++;
      }
    }
    expect(timed).toBeGreaterThan(15_000);
  });
});
