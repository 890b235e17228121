// `labels.file` in a spec: law reads the label file beside the spec and joins
// it on a key found in each line (HDFS's anomaly_label.csv by block id).
import { describe, expect, it } from 'vitest';
import { law, tempFolder } from './cli-helpers.ts';

const { write } = tempFolder();

describe('law run with a label file', () => {
  it('joins labels on a regex key and counts the anomalies', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 60; i++) {
      const blk = `blk_${i % 6 === 0 ? '-' : ''}${1000 + (i % 12)}`;
      lines.push(`081109 2036${String(i % 60).padStart(2, '0')} 148 INFO dfs.DataNode$PacketResponder: Received block ${blk} of size ${67108864 - i} from /10.250.19.${i % 200}`);
    }
    write('hdfs.log', lines.join('\n'));
    // blk_1000 and blk_-1006 are anomalous: the key must keep the minus sign.
    write('anomaly_label.csv', 'BlockId,Label\nblk_1000,Anomaly\nblk_-1006,Anomaly\nblk_1001,Normal\n');
    const spec = write('hdfs.spec.json', {
      version: 1,
      source: { path: 'hdfs.log' },
      labels: { file: 'anomaly_label.csv', key: 'blk_-?\\d+', column: 'Label', anomalous: ['Anomaly'] },
      features: { unit: 'line' },
      detectors: [{ id: 'if', type: 'isolation-forest', params: { trees: 20 } }],
    });
    const r = await law('run', spec, '--format', 'json');
    // 60 lines of a dozen shapes tie at the 5 % cut: only the threshold's notes may be on stderr.
    expect(r.err.filter((l) => !l.startsWith('law run: warning: run if: threshold: '))).toEqual([]);
    const report = JSON.parse(r.out[0]);
    // Lines with i % 12 == 6 carry blk_-1006 (5 of 60); blk_1000 never occurs (i % 12 == 0 gets the minus sign).
    expect(report.dataset).toEqual({ rows: 60, labelled: true, anomalies: 5 });
  });

  it('a missing label file: exit 2 naming it', async () => {
    const spec = write('bad.spec.json', {
      version: 1, source: { path: 'hdfs.log' },
      labels: { file: 'nope.csv', key: 'BlockId', column: 'Label' },
      features: { unit: 'line' }, detectors: [{ id: 'if', type: 'isolation-forest' }],
    });
    const r = await law('run', spec);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/^law run: labels\.file: cannot read .*nope\.csv: no such file$/);
  });
});
