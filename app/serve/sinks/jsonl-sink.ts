import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import type { SinkBatch, WatchRecord, WatchSink } from './sink.ts';

/**
 * Scored units as JSON lines, `{"source", "line", "time", "score",
 * "anomaly", "text", "model"}`, to a file (appended, flushed to disk before
 * `write` resolves) or standard output (`-`). Flagged units only, or every
 * unit with `all`.
 */
export class JsonlSink implements WatchSink {
  readonly name: string;
  private readonly fd: number | null;

  constructor(path: string, private readonly all: boolean, private readonly stdout: (s: string) => Promise<void>) {
    this.name = path === '-' ? 'jsonl:stdout' : `jsonl:${path}`;
    this.fd = path === '-' ? null : openSync(path, 'a');
  }

  async write(batch: SinkBatch): Promise<void> {
    const chosen = this.all ? batch.records : batch.records.filter((r) => r.anomaly);
    if (chosen.length === 0) return;
    const text = chosen.map(jsonlRecord).join('\n') + '\n';
    if (this.fd === null) return this.stdout(text);
    writeSync(this.fd, text);
    fsyncSync(this.fd);
  }

  /** The file's length: what a checkpoint vouches for. */
  mark(): unknown {
    return this.fd === null ? null : fstatSync(this.fd).size;
  }

  /** Cuts what was written after the checkpoint (those units are scored again). */
  rewind(mark: unknown): void {
    if (this.fd === null || typeof mark !== 'number') return;
    if (fstatSync(this.fd).size > mark) ftruncateSync(this.fd, mark);
  }

  async close(): Promise<void> {
    if (this.fd !== null) closeSync(this.fd);
  }
}

/** The record as docs/interfaces.md gives it. */
export function jsonlRecord(r: WatchRecord): string {
  return JSON.stringify({ source: r.source, line: r.line, time: r.time, score: r.score, anomaly: r.anomaly, text: r.text, model: r.model });
}
