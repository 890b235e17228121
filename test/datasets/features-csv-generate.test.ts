import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ANOMALY_KINDS,
  FEATURE_COLUMNS,
  FEATURES_ROW_RE,
  generateFeatureRows,
  generateFeaturesCsv,
} from '../../datasets/features-csv/generate.ts';
import { readLogs, sourceFromText } from '../../app/core/ingest/read-logs.ts';

const committedPath = fileURLToPath(new URL('../../datasets/features-csv/features-5k.csv', import.meta.url));

function dataLines(text: string): string[] {
  expect(text.endsWith('\n')).toBe(true);
  const lines = text.slice(0, -1).split('\n');
  expect(lines[0]).toBe(FEATURE_COLUMNS.join(','));
  return lines.slice(1);
}

describe('generateFeaturesCsv', () => {
  const text = generateFeaturesCsv({ count: 5000, seed: 42 });
  const lines = dataLines(text);
  const rows = generateFeatureRows({ count: 5000, seed: 42 });

  it('reproduces the committed features-5k.csv byte for byte', () => {
    expect(text === readFileSync(committedPath, 'utf8')).toBe(true);
  });

  it('gives the same text for the same seed and a different one for another seed', () => {
    expect(generateFeaturesCsv({ count: 1000, seed: 7 })).toBe(generateFeaturesCsv({ count: 1000, seed: 7 }));
    expect(generateFeaturesCsv({ count: 1000, seed: 8 })).not.toBe(generateFeaturesCsv({ count: 1000, seed: 7 }));
  });

  it('has a header, LF line endings and exactly the requested number of rows', () => {
    expect(lines).toHaveLength(5000);
    expect(text.includes('\r')).toBe(false);
    expect(generateFeaturesCsv({ count: 0, seed: 1 })).toBe(FEATURE_COLUMNS.join(',') + '\n');
  });

  it('labels exactly 3 % of the rows anomalous, half of each kind', () => {
    const labels = lines.map((l) => l.slice(-1));
    expect(labels.filter((x) => x === '1')).toHaveLength(150);
    for (const kind of ANOMALY_KINDS) expect(rows.filter((x) => x.kind === kind)).toHaveLength(75);
    rows.forEach((x, i) => {
      expect(x.label).toBe(x.kind === 'normal' ? 0 : 1);
      expect(labels[i]).toBe(String(x.label));
    });
    for (const seed of [1, 2, 3]) {
      const other = dataLines(generateFeaturesCsv({ count: 2000, seed }));
      expect(other.filter((l) => l.endsWith(',1'))).toHaveLength(60);
    }
  });

  it('writes every row in the documented format, matching the row objects', () => {
    lines.forEach((l, i) => {
      const m = FEATURES_ROW_RE.exec(l);
      expect(m, l).not.toBeNull();
      const x = rows[i];
      expect(l).toBe(`${x.latency_ms},${x.bytes},${x.status_class},${x.tokens},${x.hour},${x.error_count_5m},${x.label}`);
    });
  });

  it('has the documented anomaly shapes', () => {
    for (const x of rows) {
      if (x.kind === 'bulk_night') {
        expect(x.hour).toBeGreaterThanOrEqual(1);
        expect(x.hour).toBeLessThanOrEqual(4);
        expect(x.status_class).toBe(2);
        expect(x.bytes).toBeGreaterThan(2_000_000);
      } else if (x.kind === 'error_storm') {
        expect(x.status_class).toBe(5);
        expect(x.error_count_5m).toBeGreaterThanOrEqual(20);
        expect(x.tokens).toBeGreaterThanOrEqual(40);
      } else {
        expect(x.error_count_5m).toBeLessThan(20);
      }
    }
    // Normal rows overlap the anomalies on single features: night traffic, 5xx, big exports exist.
    const normal = rows.filter((x) => x.kind === 'normal');
    expect(normal.some((x) => x.hour >= 1 && x.hour <= 4)).toBe(true);
    expect(normal.some((x) => x.status_class === 5)).toBe(true);
    expect(normal.some((x) => x.bytes > 2_000_000)).toBe(true);
  });

  it('is read by the workbench as CSV with numeric columns', async () => {
    const data = await readLogs([sourceFromText('features-5k.csv', readFileSync(committedPath, 'utf8'))]);
    expect(data.files[0].format).toBe('csv');
    expect(data.files[0].rows).toBe(5000);
    expect(Object.keys(data.fields)).toEqual([...FEATURE_COLUMNS]);
    expect(data.fields.bytes).toBeInstanceOf(Float64Array);
  });

  it('rejects bad options', () => {
    expect(() => generateFeaturesCsv({ count: -1, seed: 1 })).toThrow(/count/);
    expect(() => generateFeaturesCsv({ count: 2.5, seed: 1 })).toThrow(/count/);
  });
});
