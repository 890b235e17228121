import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ANOMALY_KINDS,
  WEBAPP_ACCESS_RE,
  WEBAPP_LINE_RE,
  generateWebappLog,
} from '../../datasets/webapp/generate.ts';

const committedPath = fileURLToPath(new URL('../../datasets/webapp/webapp-10k.log', import.meta.url));

function linesOf(text: string): string[] {
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

function anomalyShare(text: string): number {
  const lines = linesOf(text);
  return lines.filter((l) => !l.startsWith('- ')).length / lines.length;
}

describe('generateWebappLog', () => {
  const text = generateWebappLog({ lines: 10_000, seed: 42 });
  const lines = linesOf(text);

  it('reproduces the committed webapp-10k.log byte for byte', () => {
    const committed = readFileSync(committedPath, 'utf8');
    expect(text.length).toBe(committed.length);
    expect(text === committed).toBe(true);
  });

  it('gives the same text for the same seed and a different one for another seed', () => {
    expect(generateWebappLog({ lines: 2000, seed: 7 })).toBe(generateWebappLog({ lines: 2000, seed: 7 }));
    expect(generateWebappLog({ lines: 2000, seed: 8 })).not.toBe(generateWebappLog({ lines: 2000, seed: 7 }));
    // A shorter run is a prefix of a longer one with the same seed.
    expect(generateWebappLog({ lines: 10_000, seed: 42 }).startsWith(generateWebappLog({ lines: 500, seed: 42 }))).toBe(true);
  });

  it('has LF line endings, a final newline and exactly the requested number of lines', () => {
    expect(lines).toHaveLength(10_000);
    expect(text.includes('\r')).toBe(false);
    expect(generateWebappLog({ lines: 0, seed: 1 })).toBe('');
    expect(generateWebappLog({ lines: 1, seed: 1 }).split('\n')).toHaveLength(2);
  });

  it('injects 3-5 % anomalies, every kind present', () => {
    const share = anomalyShare(text);
    expect(share).toBeGreaterThanOrEqual(0.03);
    expect(share).toBeLessThanOrEqual(0.05);
    const tags = new Set(lines.map((l) => l.slice(0, l.indexOf(' '))));
    for (const kind of ANOMALY_KINDS) expect(tags.has(kind)).toBe(true);
    for (const seed of [1, 2, 3]) {
      const s = anomalyShare(generateWebappLog({ lines: 100_000, seed }));
      expect(s).toBeGreaterThanOrEqual(0.03);
      expect(s).toBeLessThanOrEqual(0.05);
    }
  });

  it('writes every line in the documented format', () => {
    for (const l of lines) {
      const m = WEBAPP_LINE_RE.exec(l);
      expect(m, l).not.toBeNull();
      const [, tag, , level, , logger, message] = m!;
      const access = /^(GET|POST|PUT|DELETE) /.test(message);
      if (access) expect(WEBAPP_ACCESS_RE.test(message), l).toBe(true);
      switch (tag) {
        case 'LATENCY':
        case 'BYTES':
          expect(access && level === 'INFO' && / status=200 /.test(message), l).toBe(true);
          break;
        case 'ERROR5XX':
          expect(access && level === 'ERROR' && / status=50[023] /.test(message), l).toBe(true);
          break;
        case 'SCAN':
          expect(access && level === 'WARN' && / status=40[34] /.test(message), l).toBe(true);
          break;
        case 'AUTH':
          expect(level === 'WARN' && logger === 'AuthController' && /^login failed for user=\S+ status=40[13] /.test(message), l).toBe(true);
          break;
        case 'EXCEPTION':
          expect(level === 'ERROR' && /(Exception|Error)\b/.test(message), l).toBe(true);
          break;
      }
    }
  });

  it('starts at the given time and never goes back in time', () => {
    expect(lines[0]).toMatch(/^- 2026-03-02T10:00:00\.\d{3}Z /);
    let prev = -Infinity;
    for (const l of lines) {
      const ms = Date.parse(l.split(' ', 2)[1]);
      expect(ms).toBeGreaterThanOrEqual(prev);
      prev = ms;
    }
    const seconds = (prev - Date.parse('2026-03-02T10:00:00.000Z')) / 1000;
    expect(lines.length / seconds).toBeGreaterThan(15); // about 20 lines a second
    expect(lines.length / seconds).toBeLessThan(30);
    const other = generateWebappLog({ lines: 3, seed: 42, start: '2025-12-31T23:59:59.990Z' });
    expect(other.startsWith('- 2025-12-31T23:59:59.990Z ')).toBe(true);
  });

  it('rejects bad options', () => {
    expect(() => generateWebappLog({ lines: -1, seed: 1 })).toThrow(/lines/);
    expect(() => generateWebappLog({ lines: 1.5, seed: 1 })).toThrow(/lines/);
    expect(() => generateWebappLog({ lines: 10, seed: 1, start: 'yesterday' })).toThrow(/start/);
  });
});
