import { boundRows, selectByColumn, widestColumn } from './select-column.ts';

/**
 * The nodes of a KD tree over rows, as flat arrays: node `i` holds the rows
 * `perm[start[i]..end[i])`, its children are `left[i]` and `right[i]` (−1
 * for a leaf) and its tight bounding box is `lo`, `hi` (`dims` per node).
 * The root is node 0; children are numbered as they are made, left first.
 */
export interface KdNodes {
  /** Row index of each position: rows in tree order, each leaf one stretch. */
  perm: Int32Array;
  start: Int32Array;
  end: Int32Array;
  left: Int32Array;
  right: Int32Array;
  lo: Float64Array;
  hi: Float64Array;
  /** Nodes made (count); 0 when there are no rows. */
  nodes: number;
  /** Depth of the deepest node (the root is at 0). */
  maxDepth: number;
}

/**
 * Splits the rows of the row-major `data` (`dims` wide) into a KD tree: a
 * node of more than `leafSize` rows whose box is not a point is split along
 * its widest column, the rows of rank below `splitAt(s, e)` going left.
 * Both KD trees of the neighbour search build theirs here and differ only in
 * where they split (the median, or near it at a multiple of 4 for the SIMD
 * leaves of the screened search).
 * @param splitAt the split position for a node of rows `s..e`, strictly between them
 */
export function buildKdNodes(
  data: Float64Array | Float32Array, rows: number, dims: number, leafSize: number,
  splitAt: (s: number, e: number) => number,
): KdNodes {
  const perm = new Int32Array(rows);
  for (let i = 0; i < rows; i++) perm[i] = i;
  // Splits at or near the median leave at most about 2·rows/leafSize leaves.
  const cap = 2 * Math.ceil((2 * rows) / leafSize) + 3;
  const start = new Int32Array(cap), end = new Int32Array(cap);
  const left = new Int32Array(cap).fill(-1), right = new Int32Array(cap).fill(-1);
  const lo = new Float64Array(cap * dims), hi = new Float64Array(cap * dims);
  let nodes = 0, maxDepth = 0;
  const newNode = (s: number, e: number): number => {
    const node = nodes++;
    start[node] = s; end[node] = e;
    boundRows(lo, hi, node, dims, data, perm, s, e);
    return node;
  };
  const todo: number[] = rows > 0 ? [newNode(0, rows), 0] : [];
  while (todo.length) {
    const depth = todo.pop()!, node = todo.pop()!;
    maxDepth = Math.max(maxDepth, depth);
    const s = start[node], e = end[node];
    if (e - s <= leafSize) continue;
    const dim = widestColumn(lo, hi, node, dims);
    if (dim < 0) continue; // all rows equal (only if the caller did not collapse duplicates)
    const mid = splitAt(s, e);
    selectByColumn(perm, data, dims, dim, s, e, mid);
    left[node] = newNode(s, mid);
    right[node] = newNode(mid, e);
    todo.push(left[node], depth + 1, right[node], depth + 1);
  }
  return { perm, start, end, left, right, lo, hi, nodes, maxDepth };
}

/** How a search walks the tree for a block of queries (query slots 0..block−1). */
export interface BlockWalk {
  /** A lower bound on the distance from query `slot` to node `node`'s box, in the search's distance. */
  bound(slot: number, node: number): number;
  /** Query `slot`'s current search radius: boxes beyond it are skipped. */
  limit(slot: number): number;
  /** Searches leaf `node` for the `count` query slots at `active[at..at + count)`. */
  leaf(node: number, at: number, count: number): void;
}

/**
 * Walks the tree from `node` depth first for the `count` query slots at
 * `active[level·block ..)`: each child is visited by the slots whose box
 * bound is within their limit (a box at exactly the limit is still visited,
 * so the heaps see every tie), the nearer child first as seen from the
 * first slot (the block's queries are close together). `active` holds a
 * level of `block` slots per depth, at least `maxDepth + 2` levels.
 */
export function walkBlock(left: Int32Array, right: Int32Array, active: Int32Array, block: number, walk: BlockWalk, node: number, level: number, count: number): void {
  const a = level * block;
  const l = left[node];
  if (l < 0) {
    walk.leaf(node, a, count);
    return;
  }
  const r = right[node], first = active[a];
  const leftFirst = walk.bound(first, l) <= walk.bound(first, r);
  for (let c = 0; c < 2; c++) {
    const child = (c === 0) === leftFirst ? l : r;
    const b = a + block;
    let m = 0;
    for (let t = 0; t < count; t++) {
      const slot = active[a + t];
      if (walk.bound(slot, child) <= walk.limit(slot)) active[b + m++] = slot;
    }
    if (m > 0) walkBlock(left, right, active, block, walk, child, level + 1, m);
  }
}
