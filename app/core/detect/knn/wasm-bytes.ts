/**
 * A tiny WebAssembly binary writer: just what the screening kernel of
 * `screen-kernel.ts` needs (one memory, functions with locals, the MVP and
 * SIMD opcodes it uses). Emitting the module from source at run time keeps
 * the kernel readable, specialised to the number of columns, and free of any
 * binary blob or build step.
 *
 * Opcode numbers are from the WebAssembly core specification 2.0
 * (section 5.4, "Instructions"; SIMD instructions take the 0xfd prefix and a
 * LEB128 sub-opcode).
 */

/** Value types. */
export const I32 = 0x7f, F32 = 0x7d, F64 = 0x7c, V128 = 0x7b;

/** MVP opcodes used here. */
export const OP = {
  block: 0x02, loop: 0x03, if: 0x04, end: 0x0b, br: 0x0c, brIf: 0x0d, ret: 0x0f,
  localGet: 0x20, localSet: 0x21, localTee: 0x22,
  i32Load: 0x28, f32Load: 0x2a, i32Store: 0x36,
  i32Const: 0x41,
  i32Eqz: 0x45, i32Ne: 0x47, i32LtU: 0x49,
  i32Add: 0x6a, i32Sub: 0x6b, i32Mul: 0x6c, i32Shl: 0x74, i32Or: 0x72,
  /** Block type: no result. */
  empty: 0x40,
} as const;

/** SIMD sub-opcodes (after the 0xfd prefix). */
export const SIMD = {
  v128Load: 0, v128Load32Splat: 9, v128Store: 11, f32x4Splat: 19,
  f32x4Le: 69, v128AnyTrue: 83, i32x4Bitmask: 164,
  f32x4Add: 228, f32x4Sub: 229, f32x4Mul: 230,
} as const;

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (for i32.const). */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}

/** A function body being written: instructions appended in order. */
export class Code {
  readonly bytes: number[] = [];
  op(...b: number[]): this { this.bytes.push(...b); return this; }
  get(i: number): this { return this.op(OP.localGet, ...uleb(i)); }
  set(i: number): this { return this.op(OP.localSet, ...uleb(i)); }
  tee(i: number): this { return this.op(OP.localTee, ...uleb(i)); }
  i32(n: number): this { return this.op(OP.i32Const, ...sleb(n)); }
  simd(sub: number): this { return this.op(0xfd, ...uleb(sub)); }
  /** A SIMD memory instruction with alignment log2 `align` and a constant byte `offset`. */
  simdMem(sub: number, align: number, offset: number): this { return this.op(0xfd, ...uleb(sub), ...uleb(align), ...uleb(offset)); }
  mem(opcode: number, align: number, offset: number): this { return this.op(opcode, ...uleb(align), ...uleb(offset)); }
}

export interface FunctionDef {
  name: string;
  params: number[];
  results: number[];
  /** Types of the locals after the parameters, one entry per local. */
  locals: number[];
  code: Code;
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function name(s: string): number[] {
  const b = Array.from(new TextEncoder().encode(s));
  return [...uleb(b.length), ...b];
}

/**
 * A module with one exported memory named `memory` of `pages` 64 KiB pages
 * (growable) and the given exported functions.
 */
export function moduleBytes(pages: number, functions: FunctionDef[]): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...uleb(f.params.length), ...f.params, ...uleb(f.results.length), ...f.results]);
  const funcs = functions.map((_, i) => uleb(i));
  const memory = [[0x00, ...uleb(pages)]];
  const exports = [[...name('memory'), 0x02, 0x00], ...functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)])];
  const bodies = functions.map((f) => {
    // Locals are declared as runs of one type.
    const runs: number[][] = [];
    for (let i = 0; i < f.locals.length;) {
      let j = i;
      while (j < f.locals.length && f.locals[j] === f.locals[i]) j++;
      runs.push([...uleb(j - i), f.locals[i]]);
      i = j;
    }
    const body = [...vec(runs), ...f.code.bytes, OP.end];
    return [...uleb(body.length), ...body];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(3, vec(funcs)),
    ...section(5, vec(memory)),
    ...section(7, vec(exports)),
    ...section(10, vec(bodies)),
  ]);
}
