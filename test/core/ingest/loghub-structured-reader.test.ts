import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isLoghubStructuredHeader, loghubTimestamp } from '../../../app/core/ingest/loghub-structured-reader.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import { eachChunkSize, fixture, ms } from './chunked.ts';

describe('isLoghubStructuredHeader', () => {
  it('needs LineId first and a Content column', () => {
    expect(isLoghubStructuredHeader('LineId,Date,Time,Content,EventId,EventTemplate')).toBe(true);
    expect(isLoghubStructuredHeader('LineId,Label,Timestamp,Content,EventId,EventTemplate')).toBe(true);
    expect(isLoghubStructuredHeader('Id,Content')).toBe(false);
    expect(isLoghubStructuredHeader('LineId,Message')).toBe(false);
  });
});

describe('loghubTimestamp', () => {
  it('reads the time columns of each Loghub system', () => {
    expect(loghubTimestamp({ Date: '081109', Time: '203615' }, 1970)).toBe(ms('2008-11-09T20:36:15Z'));
    // The corrected HDFS file lost the leading zero of Date.
    expect(loghubTimestamp({ Date: '81109', Time: '3615' }, 1970)).toBe(ms('2008-11-09T00:36:15Z'));
    expect(loghubTimestamp({ Date: '2015-10-18', Time: '18:01:47,978' }, 1970)).toBe(ms('2015-10-18T18:01:47.978Z'));
    expect(loghubTimestamp({ Month: 'Jun', Date: '14', Time: '15:16:01' }, 2005)).toBe(ms('2005-06-14T15:16:01Z'));
    expect(loghubTimestamp({ Timestamp: '1131566461', Date: '2005.11.09', Month: 'Nov', Day: '9', Time: '12:01:01' }, 1970)).toBe(ms('2005-11-09T12:01:01Z'));
    expect(loghubTimestamp({ Time: 'Sun Dec 04 04:47:44 2005' }, 1970)).toBe(ms('2005-12-04T04:47:44Z'));
    expect(loghubTimestamp({ Timestamp: '1117838570', Date: '2005.06.03', Time: '2005-06-03-15.42.50.363779' }, 1970)).toBe(ms('2005-06-03T15:42:50.363Z'));
    expect(loghubTimestamp({ Time: '1077804742' }, 1970)).toBe(1_077_804_742_000);
    expect(loghubTimestamp({ Time: '20171223-22:15:29:606' }, 1970)).toBeNaN();
  });
});

describe('readLogs: loghub-structured', () => {
  eachChunkSize('Content is the message, EventId/EventTemplate stay as fields', [['HDFS_2k.log_structured.csv', fixture('HDFS_structured.csv')]], (d) => {
    expect(d.files[0]).toMatchObject({ format: 'loghub-structured', reason: 'a Loghub structured header (LineId first, a Content column)', rows: 3 });
    expect(d.messageField).toEqual(['Content']);
    expect(d.message[2]).toBe('BLOCK* NameSystem.addStoredBlock: blockMap updated: 10.251.73.220:50010 is added to blk_7128370237687728475 size 67108864');
    expect(d.timestamp).toEqual([ms('2008-11-09T20:36:15Z'), ms('2008-11-09T20:38:07Z'), ms('2008-11-09T20:40:05Z')]);
    expect(d.fields.EventId.values).toEqual(['E10', 'E10', 'E6']);
    expect(d.fields.EventTemplate.values[0]).toBe('PacketResponder <*> for block blk_<*> terminating');
    expect(Object.keys(d.fields)).toEqual(['LineId', 'Date', 'Time', 'Pid', 'Level', 'Component', 'Content', 'EventId', 'EventTemplate']);
  });
});

/** The Loghub 2k samples beside the checkout (see ../shared/datasets/README.md); skipped where absent. */
const root = fileURLToPath(new URL('../../../../shared/datasets/loghub-2k/', import.meta.url));
const present = existsSync(root);
describe.skipIf(!present)('Loghub 2k samples', () => {
  // Systems whose lines carry a time this reader knows (Android, Spark and HealthApp write forms it does not).
  const timed = ['Apache', 'HDFS', 'HPC', 'Hadoop', 'Linux', 'OpenStack', 'Thunderbird', 'Windows', 'Zookeeper'];
  for (const system of ['Android', 'Apache', 'HDFS', 'HPC', 'Hadoop', 'HealthApp', 'Linux', 'OpenStack', 'Spark', 'Thunderbird', 'Windows', 'Zookeeper']) {
    it(`${system}: the structured CSV reads as loghub-structured, 2,000 rows, Content as message`, async () => {
      const name = `${system}_2k.log_structured.csv`;
      const d = await readLogs([sourceFromText(name, readFileSync(`${root}${system}/${name}`))]);
      expect(d.files[0].format).toBe('loghub-structured');
      expect(d.line.length).toBe(2000);
      expect(d.warnings).toEqual([]);
      expect(d.message).toEqual(d.fields.Content);
      if (timed.includes(system)) expect(Array.from(d.timestamp).filter(Number.isNaN)).toHaveLength(0);
    });
  }
});
