/**
 * The WebAssembly SIMD kernel that screens points for one query: float32
 * squared distances, four points per instruction, with an early exit once
 * all four partial sums exceed the query's threshold.
 *
 * Points are stored in groups of four, and the columns in chunks of four:
 * the four points of group g have their column-j values in one 16-byte
 * vector at `p + (j >> 2) · stride + (g − g0) · 64 + (j & 3) · 16`, so that
 * the first chunk of a run of groups — all most points need — is one
 * contiguous stretch (a cache line per group). The query is `dims` float32
 * values at `q` (`dims` a multiple of 4: callers pad with zero columns).
 * `scan(q, p, g0, g1, t, out, stride)` visits groups g0..g1 − 1 and, for every
 * group with a point whose float32 squared distance is ≤ t, writes the
 * 32-bit word `g << 4 | lanes` (lanes: bit i set when point 4g + i passed)
 * to `out`, `out + 4`, …; it returns how many words it wrote (at most
 * g1 − g0). The caller re-checks every passing point exactly.
 *
 * Columns are summed in order and the sum is compared with t after column
 * `EXIT_EVERY`, 2 · `EXIT_EVERY`, … (or the columns given): the caller puts the columns of largest
 * spread first (principal axes), so most points are out after a few.
 * Skipping a point early is safe because squares are ≥ 0: a partial sum
 * above t only grows.
 */
import { Code, F32, I32, OP, SIMD, V128, moduleBytes } from './wasm-bytes.ts';

/**
 * Columns between two early-exit checks. A check costs a compare, a lane
 * test and a branch that is mispredicted often when about half the groups
 * pass; on the 100k × 16 bench data (principal axes) checking every 8
 * columns took 18.2–18.8 s of CPU against 20.6–22.1 s every 4, 21–22.5 s at
 * 4, 8 and 12, and 44 s at 2, 4, 8 and 12.
 */
export const EXIT_EVERY = 8;
/** Columns after which the kernel checks whether any of the four points is still within the threshold. */
export function defaultExits(dims: number): number[] {
  const out: number[] = [];
  for (let j = EXIT_EVERY; j < dims; j += EXIT_EVERY) out.push(j);
  return out;
}

/** Widest rows the kernel is made for: it keeps the query in vector locals (registers, mostly). */
export const KERNEL_MAX_DIMS = 64;

export interface ScreenKernel {
  memory: WebAssembly.Memory;
  scan(q: number, p: number, g0: number, g1: number, t: number, out: number, stride: number): number;
}

/** The kernel's bytes for rows of `dims` float32 columns (a multiple of 4, at most `KERNEL_MAX_DIMS`). */
export function screenKernelBytes(dims: number, pages: number, exits: readonly number[] = defaultExits(dims)): Uint8Array<ArrayBuffer> {
  if (dims % 4 !== 0) throw new Error(`screen kernel: ${dims} columns (expected a multiple of 4)`);
  const chunks = dims / 4;
  // Parameters 0..6: q, p, g0, g1, t, out, stride. Locals after them:
  const N = 7, G = 8, M = 9, TV = 10, ACC = 11, DIF = 12, QV = 13, PC = QV + dims;
  const c = new Code();
  c.get(4).simd(SIMD.f32x4Splat).set(TV);
  for (let j = 0; j < dims; j++) c.get(0).simdMem(SIMD.v128Load32Splat, 2, 4 * j).set(QV + j);
  for (let k = 0; k < chunks; k++) c.get(1).get(6).i32(k).op(OP.i32Mul, OP.i32Add).set(PC + k);
  c.get(2).set(G);
  c.i32(0).set(N);
  c.op(OP.block, OP.empty); // $exit
  c.get(G).get(3).op(OP.i32LtU, OP.i32Eqz, OP.brIf, 0);
  c.op(OP.loop, OP.empty); // $loop
  c.op(OP.block, OP.empty); // $next
  for (let j = 0; j < dims; j++) {
    if (j > 0) c.get(ACC);
    c.get(QV + j).get(PC + (j >> 2)).simdMem(SIMD.v128Load, 4, 16 * (j & 3)).simd(SIMD.f32x4Sub).tee(DIF).get(DIF).simd(SIMD.f32x4Mul);
    if (j > 0) c.simd(SIMD.f32x4Add);
    c.set(ACC);
    if (exits.includes(j + 1) && j + 1 < dims) {
      c.get(ACC).get(TV).simd(SIMD.f32x4Le).simd(SIMD.v128AnyTrue).op(OP.i32Eqz, OP.brIf, 0);
    }
  }
  c.get(ACC).get(TV).simd(SIMD.f32x4Le).simd(SIMD.i32x4Bitmask).tee(M);
  c.op(OP.if, OP.empty);
  c.get(5).get(N).i32(4).op(OP.i32Mul, OP.i32Add);
  c.get(G).i32(4).op(OP.i32Shl).get(M).op(OP.i32Or);
  c.mem(OP.i32Store, 2, 0);
  c.get(N).i32(1).op(OP.i32Add).set(N);
  c.op(OP.end); // if
  c.op(OP.end); // $next
  for (let k = 0; k < chunks; k++) c.get(PC + k).i32(64).op(OP.i32Add).set(PC + k);
  c.get(G).i32(1).op(OP.i32Add).tee(G).get(3).op(OP.i32LtU, OP.brIf, 0);
  c.op(OP.end); // $loop
  c.op(OP.end); // $exit
  c.get(N);
  return moduleBytes(pages, [{
    name: 'scan',
    params: [I32, I32, I32, I32, F32, I32, I32],
    results: [I32],
    locals: [I32, I32, I32, V128, V128, V128, ...Array<number>(dims).fill(V128), ...Array<number>(chunks).fill(I32)],
    code: c,
  }]);
}

/**
 * A kernel instance with at least `bytes` of memory, or undefined where
 * WebAssembly SIMD is not available (old browsers): callers then use the
 * plain JavaScript searches.
 */
export function screenKernel(dims: number, bytes: number, exits?: readonly number[]): ScreenKernel | undefined {
  if (typeof WebAssembly === 'undefined' || dims < 1 || dims > KERNEL_MAX_DIMS) return undefined;
  const pages = Math.ceil(bytes / 65536);
  if (pages > 65536) return undefined; // beyond 4 GiB: too big for 32-bit wasm memory
  const wasm = screenKernelBytes(dims, pages, exits);
  try {
    if (!WebAssembly.validate(wasm)) return undefined;
    const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm), {});
    const { memory, scan } = instance.exports as unknown as ScreenKernel;
    return { memory, scan };
  } catch {
    return undefined; // no SIMD, or memory refused: the JavaScript path is exact too
  }
}
