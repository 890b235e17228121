import type { RowRecord } from '../workers/page-data.ts';

/** Most rows' text kept at once; past it the cache starts again (what is shown is asked for again). */
const MAX_CACHED = 100_000;

/**
 * The text of rows the page shows, asked of the data worker when first read
 * and kept here. Reading `raw(r)` in a component or `$derived` subscribes to
 * it: the first read answers '' and asks for the row, and the reader runs
 * again when it arrives (within milliseconds, batched per task).
 */
export class DataRows {
  #version = $state(0);
  readonly #cache = new Map<number, RowRecord>();
  readonly #wanted = new Set<number>();
  #scheduled = false;

  constructor(
    private readonly fetch: (rows: number[]) => Promise<RowRecord[]>,
    head: RowRecord[] = [],
  ) {
    for (const r of head) this.#cache.set(r.row, r);
  }

  /** The row's text, or undefined until it has arrived. */
  get(row: number): RowRecord | undefined {
    void this.#version;
    const hit = this.#cache.get(row);
    if (!hit) this.#want([row]);
    return hit;
  }

  /** The text of every one of these rows, or null (asking for the missing ones) until all have arrived: a panel shows whole. */
  all(rows: ArrayLike<number>): RowRecord[] | null {
    void this.#version;
    const out: RowRecord[] = [];
    const missing: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      const hit = this.#cache.get(rows[i]);
      if (hit) out.push(hit);
      else missing.push(rows[i]);
    }
    if (!missing.length) return out;
    this.#want(missing);
    return null;
  }

  raw(row: number): string {
    return this.get(row)?.raw ?? '';
  }

  message(row: number): string {
    return this.get(row)?.message ?? '';
  }

  /** A field's value in a row (null where missing or not yet arrived). */
  field(name: string, row: number): string | number | null {
    return this.get(row)?.fields[name] ?? null;
  }

  /** Waits until these rows' text is here (for code that needs it at once: an export, an explanation). */
  async ensure(rows: ArrayLike<number>): Promise<void> {
    const missing = Array.from(rows).filter((r) => !this.#cache.has(r));
    if (missing.length) this.#store(await this.fetch(missing));
  }

  /** The row's text if it is here, without asking for it or subscribing. */
  peek(row: number): RowRecord | undefined {
    return this.#cache.get(row);
  }

  #want(rows: number[]): void {
    for (const r of rows) this.#wanted.add(r);
    if (this.#scheduled) return;
    this.#scheduled = true;
    // After the current task: every row read while rendering goes in one request.
    queueMicrotask(() => {
      this.#scheduled = false;
      const list = [...this.#wanted];
      this.#wanted.clear();
      this.fetch(list).then(
        (records) => this.#store(records),
        () => {}, // the data was replaced or the worker stopped: nothing to show for it
      );
    });
  }

  #store(records: RowRecord[]): void {
    if (!records.length) return;
    if (this.#cache.size + records.length > MAX_CACHED) this.#cache.clear();
    for (const r of records) this.#cache.set(r.row, r);
    this.#version++;
  }
}
