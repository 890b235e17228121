import { IngestError } from './ingest-error.ts';
import type { ReaderContext, RowReader } from './row-readers.ts';

/** How the templates of a session are joined in its sequence column. */
export const SESSION_SEPARATOR = ' || ';

/** True for the header of a Loghub-style session CSV: `BlockId,Label,EventTemplateSequence`. */
export function isLoghubSessionsHeader(line: string): boolean {
  return /^\s*BlockId\s*,\s*Label\s*,\s*EventTemplateSequence\s*$/.test(line);
}

/**
 * Loghub-style block sessions (`BlockId,Label,EventTemplateSequence`): one
 * row per session. The message is the sequence as written (templates joined
 * by ` || `); fields are the first two columns (`BlockId`, `Label`, named as
 * in the header) and `events`, the sequence split on ` || ` as a JSON array
 * of strings (`["Receiving block <*> …", …]`), so a template holding `||`
 * alone is never split.
 *
 * The files are written without CSV quoting and templates hold commas, so a
 * row is split at its first two commas only; the rest of the line is the
 * sequence (unquoted if the whole of it is one quoted CSV field). `Label` is
 * ground truth: take it with the label rule `{ column: "Label", anomalous:
 * ["Anomaly"] }`, which also removes it from the features.
 */
export function loghubSessionsReader(ctx: ReaderContext): RowReader {
  let header: [string, string, string] | null = null;
  return {
    line({ number, text }) {
      if (text.trim() === '') return;
      const a = text.indexOf(',');
      const b = a < 0 ? -1 : text.indexOf(',', a + 1);
      if (b < 0) {
        if (!header) throw new IngestError(ctx.fileName, 'expected a header of three columns, e.g. "BlockId,Label,EventTemplateSequence"', { line: number });
        ctx.warnings.add('session-columns', number, () => `${ctx.fileName}, line ${number}: fewer than 3 comma-separated columns; row skipped`);
        return;
      }
      const cells: [string, string, string] = [text.slice(0, a).trim(), text.slice(a + 1, b).trim(), unquote(text.slice(b + 1))];
      if (!header) {
        header = cells;
        ctx.builder.setMessageField(ctx.fileIndex, header[2]);
        return;
      }
      const sequence = cells[2];
      const fields: Record<string, unknown> = {
        [header[0]]: cells[0],
        [header[1]]: cells[1],
        events: sequence === '' ? [] : sequence.split(SESSION_SEPARATOR),
      };
      ctx.builder.addRow(ctx.fileIndex, number, text, sequence, NaN, fields);
    },
    end() {},
  };
}

/** A whole quoted CSV field (`"a, ""b"""`) as its text; anything else as it is. */
function unquote(s: string): string {
  const t = s.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"') && !t.slice(1, -1).replace(/""/g, '').includes('"')) {
    return t.slice(1, -1).replace(/""/g, '"');
  }
  return s;
}
