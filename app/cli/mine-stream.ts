import { maybeGunzip } from '../core/ingest/gunzip.ts';
import type { LogData } from '../core/ingest/log-data.ts';
import type { LogSource } from '../core/ingest/read-logs.ts';
import type { Format } from '../core/ingest/sniff-format.ts';
import { StreamIngest } from '../core/ingest/stream-ingest.ts';
import { describeWarning } from '../core/ingest/warnings.ts';
import { TemplateMiner, type TemplateMinerOptions } from '../core/parse/template-miner.ts';
import { explainReadLimit } from './read-data.ts';
import { readLimits } from './read-limits.ts';

/** Every row's line number and final template id, and the templates. */
export interface MinedRows {
  rows: number;
  /** Per row: 1-based line number in the file. */
  line: Int32Array;
  /** Per row: its template's final id (merged templates answer with the id they merged into). */
  templateId: Int32Array;
  /** Template text by id. */
  templates: string[];
  /** Rows per template id. */
  templateCounts: number[];
}

/** An Int32Array that doubles as it fills. */
class Int32Column {
  values = new Int32Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = v;
  }
  take(): Int32Array {
    return this.values.subarray(0, this.length);
  }
}

/**
 * Mines the templates of a file or a stream as it is read, for `law parse`:
 * each chunk's rows are learned and dropped, so memory holds the miner and
 * eight bytes per row (line number and template id), never the text. The
 * result is what `parseLines` gives for the file read whole (same miner, same
 * order, final ids), which is what the page shows.
 */
export async function mineSource(
  source: LogSource,
  how: { format: Format | 'auto'; options: Partial<TemplateMinerOptions> },
  warn: (s: string) => void,
): Promise<MinedRows> {
  const ingest = new StreamIngest({ fileName: source.name, format: how.format, ...readLimits() });
  const miner = new TemplateMiner(how.options);
  const line = new Int32Column();
  const ids = new Int32Column();
  const learn = (data: LogData | null) => {
    if (!data) return;
    for (let i = 0; i < data.message.length; i++) {
      line.push(data.line[i]);
      ids.push(miner.learn(data.message[i]));
    }
  };
  try {
    for await (const chunk of maybeGunzip(source.chunks, source.name, () => {}, () => (ingest.compressed = true))) learn(ingest.push(chunk));
    learn(ingest.end());
  } catch (e) {
    throw explainReadLimit(e);
  }
  for (const w of ingest.warnings()) warn(`warning: ${describeWarning(w)}`);
  const templateId = ids.take();
  const templates = Array.from({ length: miner.size }, (_, id) => miner.template(miner.canonical(id)));
  const templateCounts = new Array<number>(miner.size).fill(0);
  for (let i = 0; i < templateId.length; i++) {
    templateId[i] = miner.canonical(templateId[i]);
    templateCounts[templateId[i]]++;
  }
  return { rows: templateId.length, line: line.take(), templateId, templates, templateCounts };
}
