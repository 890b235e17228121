import { parseArgs } from 'node:util';
import { resolveMinerOptions, type TemplateMinerOptions } from '../core/parse/miner-options.ts';
import { FORMATS, type Format } from '../core/ingest/sniff-format.ts';
import { HELP } from './help.ts';
import { fileSource, stdinSource, UsageError } from './node-source.ts';
import { mineSource } from './mine-stream.ts';

/** Lines per write: one write per line would cost a system call each. */
const BATCH = 1000;

/** `law parse FILE [--format F] [--output jsonl|templates] [--similarity S] [--depth D]` */
export async function parseCommand(
  args: string[],
  out: (s: string) => void,
  warn: (s: string) => void = () => {},
  drain: () => Promise<void> = async () => {},
): Promise<void> {
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
  const options: Partial<TemplateMinerOptions> = {};
  for (const key of ['similarity', 'depth'] as const) {
    if (values[key] === undefined) continue;
    const v = Number(values[key]);
    if (!Number.isFinite(v)) throw new UsageError(`--${key}: "${values[key]}" is not a number`);
    options[key] = v;
  }
  try {
    // Checked before the file is read, so a bad option costs nothing.
    resolveMinerOptions(options);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const target = positionals[0];
  // Mined as it is read (the page's miner and ids: merged templates answer
  // with their final id, so one template has one id); the text is not kept.
  const { line, templateId, templates, templateCounts } = await mineSource(target === '-' ? stdinSource() : fileSource(target), { format, options }, warn);
  if (values.output === 'templates') {
    const order = templateCounts.flatMap((count, id) => (count > 0 ? [id] : []));
    order.sort((a, b) => templateCounts[b] - templateCounts[a] || a - b);
    const width = Math.max(5, String(templateCounts[order[0]] ?? 0).length);
    out(`${'count'.padStart(width)}  ${'id'.padStart(5)}  template`);
    for (let start = 0; start < order.length; start += BATCH) {
      out(order.slice(start, start + BATCH).map((id) => `${String(templateCounts[id]).padStart(width)}  ${String(id).padStart(5)}  ${templates[id]}`).join('\n'));
      await drain();
    }
    return;
  }
  // Templates are printed as they stand after the whole file was mined, so
  // every line of a group shows the same, final template and id. Written in
  // batches that wait for a slow reader, so the output is not held in memory.
  // Each line is JSON.stringify({ line, templateId, template }) to the byte,
  // with the tail quoted once per template instead of once per line.
  const tails = new Map<number, string>();
  const tail = (id: number) => {
    let t = tails.get(id);
    if (t === undefined) tails.set(id, (t = `,"templateId":${id},"template":${JSON.stringify(templates[id])}}`));
    return t;
  };
  for (let start = 0; start < templateId.length; start += BATCH) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(start + BATCH, templateId.length); i++) lines.push(`{"line":${line[i]}${tail(templateId[i])}`);
    out(lines.join('\n'));
    await drain();
  }
}
