import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyLabels } from '../../app/core/ingest/apply-labels.ts';
import { readLogs, sourceFromText } from '../../app/core/ingest/read-logs.ts';
import { generateWebappLog } from '../../datasets/webapp/generate.ts';

/** The label rule of datasets/webapp: the first token is the tag, `-` is normal. */
export const WEBAPP_LABELS = { firstToken: { normal: '-' } } as const;

/** The folder the benches write their data to once (made if missing). */
export function benchDir(): string {
  const dir = join(tmpdir(), 'law-bench');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Feature benchmark data, written once to temp files: the seeded webapp log
 * of `lines` lines (datasets/webapp/generate.ts), and its messages as the
 * features see them (label token cut), one per line, so scikit-learn hashes
 * the very same strings.
 */
export async function featureBenchData(lines: number, seed = 42): Promise<{ log: string; messages: string }> {
  const dir = benchDir();
  const log = join(dir, `webapp-${lines}-s${seed}.log`);
  const messages = join(dir, `webapp-${lines}-s${seed}.messages.txt`);
  if (existsSync(log) && existsSync(messages)) return { log, messages };
  const text = generateWebappLog({ lines, seed });
  writeFileSync(log, text);
  const { data } = applyLabels(await readLogs([sourceFromText('webapp.log', text)]), WEBAPP_LABELS);
  if (data.message.some((m) => m.includes('\n'))) throw new Error('a message holds a newline: the messages file would not round-trip');
  writeFileSync(messages, data.message.join('\n'));
  return { log, messages };
}
