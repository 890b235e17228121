// `law run` on bad data says what is wrong, naming file and line, like the page.
import { describe, expect, it } from 'vitest';
import { law, tempFolder } from './cli-helpers.ts';

const { write } = tempFolder();
const spec = (unit: 'line' | 'row') =>
  write(`${unit}.spec.json`, {
    version: 1,
    features: { unit },
    detectors: [{ id: 'if', type: 'isolation-forest', params: { trees: 20, seed: 1 } }],
  });

describe('law run on bad data', () => {
  it('a binary file: exit 1, the file named as binary', async () => {
    const data = write('core.bin', '\x7fELF\0\0\0\x01\x02');
    const r = await law('run', spec('line'), '--data', data);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^law run: core\.bin: this looks like a binary file, not a text log/);
  });

  it('CSV rows with the wrong number of fields: a warning naming the line on stderr, the rest scored', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${i % 7},${100 + i}`);
    const data = write('features.csv', ['latency,bytes', ...rows.slice(0, 3), '5', ...rows.slice(3)].join('\n'));
    const r = await law('run', spec('row'), '--data', data, '--format', 'json');
    expect(r.code).toBe(0);
    // 20 rows of 7 repeating latencies tie under Isolation Forest; the threshold's own notes are tested elsewhere.
    expect(r.err.filter((l) => !l.includes(': threshold: '))).toEqual(['law run: warning: features.csv, line 5: 1 fields where the header has 2; row skipped']);
    expect(JSON.parse(r.out[0]).dataset.rows).toBe(20);
  });

  it('a 10 MB line: a warning that it was truncated, naming the line', async () => {
    const data = write('huge.log', `INFO ok\n${'y'.repeat(10 * 1024 * 1024)}\nINFO ok again\n`);
    const r = await law('run', spec('line'), '--data', data, '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.err).toEqual(['law run: warning: huge.log, line 2: 10.0 MiB long; kept its first 1.0 MiB']);
    expect(JSON.parse(r.out[0]).dataset.rows).toBe(3);
  });
});
