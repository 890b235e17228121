import { describe, it, expect } from 'vitest';
import { LEVELS, logLevel } from '../../../app/core/parse/log-level.ts';

describe('logLevel', () => {
  it('orders severities TRACE 0 … FATAL 5', () => {
    expect(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'].map((l) => LEVELS[l])).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('finds the first level word in the message, in any case', () => {
    expect(logLevel('2026-03-02 10:00:00 INFO [main] started')).toBe(2);
    expect(logLevel('warning: disk almost full')).toBe(3);
    expect(logLevel('[error] then INFO')).toBe(4);
    expect(logLevel('kernel PANIC')).toBe(5);
    expect(logLevel('DEBUG x')).toBe(1);
    expect(logLevel('SEVERE: x')).toBe(4);
  });

  it('prefers a level field to the message', () => {
    expect(logLevel('INFO but the field says', 'error')).toBe(4);
    expect(logLevel('x', 'Warning')).toBe(3);
  });

  it('falls back to the message when the field is not a level', () => {
    expect(logLevel('ERROR x', 'chatty')).toBe(4);
    expect(logLevel('ERROR x', 3)).toBe(4);
  });

  it('needs a whole word, within the first 120 characters', () => {
    expect(logLevel('INFORMATIVE errors')).toBeNaN();
    expect(logLevel(`${'x '.repeat(60)}ERROR`)).toBeNaN();
    expect(logLevel(`${'x '.repeat(50)}ERROR`)).toBe(4);
  });

  it('is NaN without a level', () => {
    expect(logLevel('user logged in')).toBeNaN();
    expect(logLevel('')).toBeNaN();
  });
});

describe('logLevel on the severity words of real systems', () => {
  it('maps BGL levels in their order, FAILURE among the worst', () => {
    const bgl = (level: string) => `- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL ${level} x`;
    expect(['INFO', 'WARNING', 'SEVERE', 'ERROR', 'FAILURE', 'FATAL'].map((l) => logLevel(bgl(l)))).toEqual([2, 3, 4, 4, 5, 5]);
  });

  it('takes syslog and RFC 5424 words in any case', () => {
    expect(['emerg', 'Emergency', 'ALERT', 'crit', 'Critical', 'notice', 'Informational', 'verbose'].map((w) => logLevel(`app[1]: ${w}: x`, w))).toEqual([5, 5, 5, 5, 5, 2, 2, 0]);
    expect(logLevel('<warning> low memory')).toBe(3);
  });

  it('does not take a lower-case "failure" in prose as a level, and looks past it', () => {
    expect(logLevel('sshd(pam_unix)[19939]: authentication failure; rhost=218.188.2.4')).toBeNaN();
    expect(logLevel('authentication failure, then ERROR')).toBe(4);
  });

  it("reads Android logcat's priority letter where logcat puts it", () => {
    expect(logLevel('03-17 16:13:38.811  1702  2395 D WindowManager: printFreezingDisplayLogs')).toBe(1);
    expect(logLevel('03-17 16:13:38.811  1702  2395 W PowerManagerService: x')).toBe(3);
    expect(logLevel('03-17 16:13:38.811  1702  2395 E AndroidRuntime: FATAL EXCEPTION')).toBe(4);
    expect(logLevel('I/ActivityManager(  585): Start proc')).toBe(2);
    // A lone letter elsewhere is not a level.
    expect(logLevel('grade D student')).toBeNaN();
  });
});
