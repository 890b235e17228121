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
