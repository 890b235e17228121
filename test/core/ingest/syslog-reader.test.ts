import { describe, it, expect } from 'vitest';
import { isSyslogLine, parseSyslog } from '../../../app/core/ingest/syslog-reader.ts';
import { eachChunkSize, eachChunkSizeFails, fixture, ms } from './chunked.ts';

describe('parseSyslog', () => {
  it('reads RFC 3164 with PRI: facility, severity and its name, host, app, pid', () => {
    expect(parseSyslog("<34>Oct 11 22:14:15 mymachine su[123]: 'su root' failed", 2024)).toEqual({
      variant: 'rfc3164',
      fields: { facility: 4, severity: 2, level: 'crit', host: 'mymachine', app: 'su', pid: '123' },
      timestamp: ms('2024-10-11T22:14:15Z'),
      message: "'su root' failed",
      month: 9,
    });
  });

  it('reads /var/log/syslog lines (no PRI, a space-padded day)', () => {
    const p = parseSyslog('Mar  2 10:15:23 host proc[42]: msg: with colons', 1970)!;
    expect(p.fields).toEqual({ host: 'host', app: 'proc', pid: '42' });
    expect(p.message).toBe('msg: with colons');
    expect(p.timestamp).toBe(ms('1970-03-02T10:15:23Z'));
  });

  it("reads rsyslog's high-precision time in place of the BSD one", () => {
    const p = parseSyslog('2026-03-02T10:15:23.123456+01:00 web-1 nginx[7]: up', 1970)!;
    expect([p.variant, p.timestamp, p.fields.app, p.message]).toEqual(['rfc3164', ms('2026-03-02T09:15:23.123Z'), 'nginx', 'up']);
  });

  it('keeps the rest as message when there is no tag', () => {
    expect(parseSyslog('Mar  2 10:15:23 host -- MARK --', 1970)).toMatchObject({ fields: { host: 'host' }, message: '-- MARK --' });
  });

  it('reads RFC 5424 with structured data, escapes included', () => {
    const p = parseSyslog('<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application"] \uFEFFAn event', 1970);
    expect(p).toEqual({
      variant: 'rfc5424',
      fields: { facility: 20, severity: 5, level: 'notice', host: 'mymachine.example.com', app: 'evntslog', msgid: 'ID47', 'exampleSDID@32473.iut': '3', 'exampleSDID@32473.eventSource': 'Application' },
      timestamp: ms('2003-10-11T22:14:15.003Z'),
      message: 'An event',
      month: -1,
    });
    expect(parseSyslog('<14>1 - - - - - [a@1 q="x \\"y\\" \\]"][b@2 r="s"] m', 1970)).toMatchObject({
      fields: { 'a@1.q': 'x "y" ]', 'b@2.r': 's' },
      timestamp: NaN,
      message: 'm',
    });
  });

  it('is null without a header', () => {
    for (const l of ['hello', 'Foo  2 10:15:23 host x: y', '2026-03-02 10:00:00 INFO x', '<999>Oct 11 22:14:15']) expect(parseSyslog(l, 1970)).toBeNull();
    expect(isSyslogLine('Mar  2 10:15:23 host proc[42]: msg')).toBe(true);
  });
});

describe('readLogs: syslog', () => {
  eachChunkSize('RFC 3164, with and without PRI, year from syslogYear', [['syslog', fixture('bsd-syslog.log')]], (d) => {
    expect(d.files[0]).toMatchObject({ format: 'syslog', reason: '4 of the first 4 lines start with a syslog header (RFC 3164)', rows: 4 });
    expect(d.message).toEqual([
      "'su root' failed for lonvick on /dev/pts/8",
      '[12345.678] eth0: link up',
      'authentication failure; rhost=218.188.2.4',
      '(root) CMD (run-parts /etc/cron.hourly)',
    ]);
    expect(d.timestamp).toEqual([ms('2024-10-11T22:14:15Z'), ms('2024-10-11T22:14:16Z'), ms('2024-10-11T22:14:17Z'), ms('2024-10-11T22:14:18Z')]);
    expect(d.fields).toEqual({
      facility: { type: 'number', values: [4, NaN, NaN, 1] },
      severity: { type: 'number', values: [2, NaN, NaN, 5] },
      level: { type: 'string', values: ['crit', null, null, 'notice'] },
      host: { type: 'string', values: ['mymachine', 'mymachine', 'mymachine', 'mymachine'] },
      app: { type: 'string', values: ['su', 'kernel', 'sshd(pam_unix)', 'CRON'] },
      pid: { type: 'number', values: [123, NaN, 19939, 42] },
    });
    expect(d.warnings).toEqual([]);
  }, { readerOptions: { syslogYear: 2024 } });

  eachChunkSize('RFC 5424', [['5424.log', fixture('ietf-syslog.log')]], (d) => {
    expect(d.files[0]).toMatchObject({ format: 'syslog', reason: '3 of the first 3 lines start with a syslog header (RFC 5424)' });
    expect(d.message).toEqual(['An application event log entry', "'su root' failed", 'nil header']);
    expect(d.timestamp).toEqual([ms('2003-10-11T22:14:15.003Z'), ms('2003-10-11T20:14:16Z'), NaN]);
    expect(d.fields.host.values).toEqual(['mymachine.example.com', 'host2', null]);
    expect(d.fields.pid.values).toEqual([NaN, 77, NaN]);
    expect(d.fields['exampleSDID@32473.eventID'].values).toEqual([1011, NaN, NaN]);
    expect(d.fields['a@1.q'].values).toEqual([null, null, 'x "y" ]']);
  });

  it('takes 1970 for the year when none is given: the same rows on any day', async () => {
    const { readLogs, sourceFromText } = await import('../../../app/core/ingest/read-logs.ts');
    const d = await readLogs([sourceFromText('s.log', 'Mar  2 10:15:23 host a: x\n')], { format: 'syslog' });
    expect(d.timestamp[0]).toBe(ms('1970-03-02T10:15:23Z'));
  });

  const newYear = 'Dec 31 23:59:58 h a: one\nDec 31 23:59:59 h a: two\nJan  1 00:00:01 h a: three\nNov 30 10:00:00 h a: late line from before\n';
  eachChunkSize('adds a year when the month jumps back from December to January, not for a late line', [['ny.log', newYear]], (d) => {
    expect(d.timestamp).toEqual([ms('2025-12-31T23:59:58Z'), ms('2025-12-31T23:59:59Z'), ms('2026-01-01T00:00:01Z'), ms('2026-11-30T10:00:00Z')]);
  }, { readerOptions: { syslogYear: 2025 } });

  const withJunk = 'Mar  2 10:15:23 host a[1]: one\n  continuation of one\nMar  2 10:15:24 host a[1]: two\n';
  eachChunkSize('a line without a header is kept as text with a warning', [['j.log', withJunk]], (d) => {
    expect(d.files[0].format).toBe('syslog');
    expect(d.message).toEqual(['one', '  continuation of one', 'two']);
    expect(d.fields.app.values).toEqual(['a', null, 'a']);
    expect(d.warnings).toEqual([{ code: 'syslog-no-header', message: 'j.log, line 2: no syslog header; kept as a text line', count: 1, lines: [2] }]);
  }, { format: 'syslog' });

  eachChunkSizeFails('a syslogYear that is not a year names the option', [['s.log', 'Mar  2 10:15:23 h a: x\n']], (e) => {
    expect(e.message).toBe('s.log, field "syslogYear": readerOptions.syslogYear must be a year such as 2024, not "2024"');
  }, { readerOptions: { syslogYear: '2024' } });
});
