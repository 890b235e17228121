/**
 * Splits streamed text into lines. Accepts LF and CRLF, keeps line numbers
 * true to the file (blank lines count), and caps the length of a line so a
 * single enormous line cannot exhaust memory: the rest of it is dropped and
 * reported.
 */
export interface SplitLine {
  /** 1-based line number in the file. */
  number: number;
  text: string;
  /** Characters dropped from this line because it exceeded the cap (0 if none). */
  dropped: number;
}

export class LineSplitter {
  private pending = '';
  private pendingDropped = 0;
  private lineNumber = 0;

  /** @param maxLineLength the longest line kept, in UTF-16 code units */
  constructor(private readonly maxLineLength: number) {}

  /** Feeds a chunk; calls `emit` for each complete line. */
  push(chunk: string, emit: (line: SplitLine) => void): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      if (nl < 0) {
        this.append(chunk.slice(start));
        return;
      }
      this.append(chunk.slice(start, nl));
      this.flush(emit);
      start = nl + 1;
    }
  }

  /** The next line is line `n` (resuming a file from an offset, after a header read again). */
  continueAt(n: number): void {
    this.lineNumber = n - 1;
  }

  /** Emits the last line if the input did not end with a newline. */
  end(emit: (line: SplitLine) => void): void {
    if (this.pending.length > 0 || this.pendingDropped > 0) this.flush(emit);
  }

  private append(part: string): void {
    if (part.length === 0) return;
    const room = this.maxLineLength - this.pending.length;
    if (part.length <= room) {
      this.pending += part;
    } else {
      if (room > 0) this.pending += part.slice(0, room);
      this.pendingDropped += part.length - Math.max(room, 0);
    }
  }

  private flush(emit: (line: SplitLine) => void): void {
    let text = this.pending;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    this.lineNumber++;
    emit({ number: this.lineNumber, text, dropped: this.pendingDropped });
    this.pending = '';
    this.pendingDropped = 0;
  }
}
