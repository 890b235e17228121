/**
 * The little of the platform that core uses, declared for app/core/tsconfig.json.
 *
 * Core runs in the page, in a worker and in Node alike, so it compiles
 * against plain ES2022 with neither the DOM nor Node's types: a `document`
 * or `Buffer` in core is then a compile error. These are the globals all
 * three environments share and core does use; each is declared with only the
 * members core calls, so a new use must be added here on purpose. The root
 * tsconfig (with the DOM) excludes this file: there lib.dom has them all.
 */

interface AbortSignal {
  readonly aborted: boolean;
}

declare class DOMException extends Error {
  constructor(message?: string, name?: string);
}

declare var performance: { now(): number };

declare function structuredClone<T>(value: T): T;

declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}

declare class URL {
  constructor(url: string, base?: string);
  readonly protocol: string;
  pathname: string;
  toString(): string;
}

// Streams, for gzip: DecompressionStream's two sides.
interface ReadableStreamReadResult<T> {
  done: boolean;
  value: T;
}
interface ReadableStreamDefaultReader<T> {
  read(): Promise<ReadableStreamReadResult<T>>;
  cancel(reason?: unknown): Promise<void>;
}
interface WritableStreamDefaultWriter<W> {
  write(chunk: W): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}
declare class DecompressionStream {
  constructor(format: 'gzip' | 'deflate' | 'deflate-raw');
  readonly readable: { getReader(): ReadableStreamDefaultReader<Uint8Array<ArrayBuffer>> };
  readonly writable: { getWriter(): WritableStreamDefaultWriter<BufferSource> };
}
type BufferSource = ArrayBufferView | ArrayBuffer;

// The k-NN screen's SIMD kernel.
declare namespace WebAssembly {
  class Memory {
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
  class Module {
    constructor(bytes: BufferSource);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  function validate(bytes: BufferSource): boolean;
}
