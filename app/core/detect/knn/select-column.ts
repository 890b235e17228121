/**
 * Reorders `perm[s..e)` so that position `k` holds the row of rank k along
 * column `dim` of the row-major `data` (`dims` wide), smaller ones before it
 * and larger ones after (quickselect, Hoare partition). Used to split tree
 * nodes at their median.
 */
export function selectByColumn(perm: Int32Array, data: Float64Array | Float32Array, dims: number, dim: number, s: number, e: number, k: number): void {
  let l = s, r = e - 1;
  while (r > l) {
    const pivot = data[perm[(l + r) >> 1] * dims + dim];
    let i = l, j = r;
    while (i <= j) {
      while (data[perm[i] * dims + dim] < pivot) i++;
      while (data[perm[j] * dims + dim] > pivot) j--;
      if (i <= j) { const t = perm[i]; perm[i] = perm[j]; perm[j] = t; i++; j--; }
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else break;
  }
}

/**
 * Sets node `node`'s bounding box (`lo`, `hi`: `dims` per node) to that of
 * the rows `perm[s..e)` of the row-major `data`.
 */
export function boundRows(lo: Float64Array, hi: Float64Array, node: number, dims: number, data: Float64Array | Float32Array, perm: Int32Array, s: number, e: number): void {
  const at = node * dims;
  for (let j = 0; j < dims; j++) { lo[at + j] = Infinity; hi[at + j] = -Infinity; }
  for (let p = s; p < e; p++) {
    const b = perm[p] * dims;
    for (let j = 0; j < dims; j++) {
      const v = data[b + j];
      if (v < lo[at + j]) lo[at + j] = v;
      if (v > hi[at + j]) hi[at + j] = v;
    }
  }
}

/** The column in which node `node`'s box is widest (the split of a KD tree), or −1 when the box is a point. */
export function widestColumn(lo: Float64Array, hi: Float64Array, node: number, dims: number): number {
  let dim = -1, spread = 0;
  for (let j = 0; j < dims; j++) {
    const sp = hi[node * dims + j] - lo[node * dims + j];
    if (sp > spread) { spread = sp; dim = j; }
  }
  return dim;
}
