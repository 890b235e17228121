import { clfReader } from './clf-reader.ts';
import { readElasticsearchDocument } from './elasticsearch-reader.ts';
import { IngestError } from './ingest-error.ts';
import type { SplitLine } from './line-splitter.ts';
import { logfmtReader } from './logfmt-reader.ts';
import { loghubSessionsReader } from './loghub-sessions-reader.ts';
import { loghubStructuredReader } from './loghub-structured-reader.ts';
import { readLokiDocument } from './loki-reader.ts';
import { mongodbLineReader, readMongodbDocument } from './mongodb-reader.ts';
import { csvReader, jsonlReader, textReader, type ReaderContext, type RowReader } from './row-readers.ts';
import type { Format, SniffResult } from './sniff-format.ts';
import { syslogReader } from './syslog-reader.ts';
import { DEFAULT_SYSLOG_YEAR } from './timestamp.ts';

/** Reads a whole JSON document (the text of a file) into rows. */
export type DocumentReader = (ctx: ReaderContext, text: string) => void;

const DOCUMENT_READERS: Partial<Record<Format, DocumentReader>> = {
  loki: readLokiDocument,
  elasticsearch: readElasticsearchDocument,
  mongodb: readMongodbDocument,
};

/** Reads `text` as a document of `format` (loki, elasticsearch, mongodb array). */
export function readDocument(format: Format, ctx: ReaderContext, text: string): void {
  const read = DOCUMENT_READERS[format];
  if (!read) throw new Error(`${format} is not a document format`);
  read(ctx, text);
}

/**
 * The reader for a line format. A document format met here (its start was
 * found only in the first lines, not the first kilobytes) is read from the
 * lines joined again, which works unless a line was cut at `maxLineLength`.
 */
export function lineReader(sniff: SniffResult, ctx: ReaderContext, firstLine: string): RowReader {
  switch (sniff.format) {
    case 'text': return textReader(ctx, sniff.mixedJson === true);
    case 'jsonl': return jsonlReader(ctx);
    case 'csv': return csvReader(ctx, ',');
    case 'tsv': return csvReader(ctx, '\t');
    case 'logfmt': return logfmtReader(ctx);
    case 'syslog': return syslogReader(ctx);
    case 'clf': return clfReader(ctx);
    case 'loghub-structured': return loghubStructuredReader(ctx);
    case 'loghub-sessions': return loghubSessionsReader(ctx);
    case 'mongodb': return firstLine.trimStart().startsWith('[') ? documentFromLines('mongodb', ctx) : mongodbLineReader(ctx);
    case 'loki':
    case 'elasticsearch':
      return documentFromLines(sniff.format, ctx);
  }
}

function documentFromLines(format: Format, ctx: ReaderContext): RowReader {
  const lines: string[] = [];
  return {
    line(l: SplitLine) {
      if (l.dropped > 0) {
        throw new IngestError(ctx.fileName, `${format}: a JSON document cannot be read with a line cut short; raise maxLineLength to at least ${l.text.length + l.dropped} characters`, { line: l.number });
      }
      lines.push(l.text);
    },
    end() {
      readDocument(format, ctx, lines.join('\n'));
    },
  };
}

/** The year for syslog times without one, from `readerOptions.syslogYear`. */
export function syslogYearOption(fileName: string, options: Record<string, unknown>): number {
  const v = options.syslogYear;
  if (v === undefined) return DEFAULT_SYSLOG_YEAR;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 9999) {
    throw new IngestError(fileName, `readerOptions.syslogYear must be a year such as 2024, not ${JSON.stringify(v)}`, { field: 'syslogYear' });
  }
  return v;
}
