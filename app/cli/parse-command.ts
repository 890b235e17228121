import { parseArgs } from 'node:util';
import { TemplateMiner } from '../core/parse/template-miner.ts';
import { FORMATS, type Format } from '../core/ingest/sniff-format.ts';
import { HELP } from './help.ts';
import { fileSource, stdinSource, UsageError } from './node-source.ts';
import { readData } from './read-data.ts';

/** `law parse FILE [--format F] [--output jsonl|templates] [--similarity S] [--depth D]` */
export async function parseCommand(args: string[], out: (s: string) => void, warn: (s: string) => void = () => {}): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'auto' },
      output: { type: 'string', default: 'jsonl' },
      similarity: { type: 'string' },
      depth: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return out(HELP.parse);
  if (positionals.length !== 1) throw new UsageError(`parse takes one FILE (or - for standard input), got ${positionals.length} (see law parse --help)`);
  if (values.output !== 'jsonl' && values.output !== 'templates') throw new UsageError(`--output: "${values.output}" is not jsonl or templates`);
  const format = values.format as Format | 'auto';
  if (format !== 'auto' && !(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format: "${format}" is not a known format (auto, ${FORMATS.join(', ')})`);
  }
  const options: Record<string, number> = {};
  for (const key of ['similarity', 'depth'] as const) {
    if (values[key] === undefined) continue;
    const v = Number(values[key]);
    if (!Number.isFinite(v)) throw new UsageError(`--${key}: "${values[key]}" is not a number`);
    options[key] = v;
  }
  let miner: TemplateMiner;
  try {
    miner = new TemplateMiner(options);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const target = positionals[0];
  const data = await readData(target === '-' ? stdinSource() : fileSource(target), format, warn);
  const ids = Int32Array.from(data.message, (m) => miner.learn(m));
  if (values.output === 'templates') {
    const order = Array.from({ length: miner.size }, (_, id) => id).filter((id) => miner.count(id) > 0);
    order.sort((a, b) => miner.count(b) - miner.count(a) || a - b);
    const width = String(miner.count(order[0] ?? 0)).length;
    out(`${'count'.padStart(Math.max(5, width))}  ${'id'.padStart(5)}  template`);
    for (const id of order) out(`${String(miner.count(id)).padStart(Math.max(5, width))}  ${String(id).padStart(5)}  ${miner.template(id)}`);
    return;
  }
  // Templates are printed as they stand after the whole file was mined, so
  // every line of a group shows the same, final template.
  for (let i = 0; i < ids.length; i++) {
    out(JSON.stringify({ line: data.line[i], templateId: ids[i], template: miner.template(ids[i]) }));
  }
}
