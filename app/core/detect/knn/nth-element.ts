/**
 * `std::nth_element` as GNU libstdc++ implements it (introselect: median of
 * three moved to the front, unguarded partition, heap select when the depth
 * limit runs out, insertion sort for the last ≤ 3 elements), step for step.
 *
 * scikit-learn builds its KD tree by calling it on the row indices of each
 * node, comparing (value in the split column, row index). The order it
 * leaves *within* each half is unspecified by C++ but decides the order in
 * which a query visits a leaf's rows, and so which of several rows at the
 * same distance scikit-learn keeps. Reproducing the exact permutation
 * reproduces scikit-learn's neighbours under ties.
 */

/** Strict weak order on the elements: true when `a` goes before `b`. */
type Less = (a: number, b: number) => boolean;

/**
 * Rearranges `a[first..last)` as libstdc++'s `nth_element(first, first + nth, last, less)`
 * does (`nth` relative to `first`).
 */
export function nthElement(a: Int32Array, first: number, nth: number, last: number, less: Less): void {
  const target = first + nth;
  if (first === last || target === last) return;
  let depthLimit = 2 * (31 - Math.clz32(last - first)); // 2 · __lg(n)
  while (last - first > 3) {
    if (depthLimit === 0) {
      heapSelect(a, first, target + 1, last, less);
      swap(a, first, target); // the nth element ends at the root: put it in place
      return;
    }
    depthLimit--;
    const cut = unguardedPartitionPivot(a, first, last, less);
    if (cut <= target) first = cut;
    else last = cut;
  }
  insertionSort(a, first, last, less);
}

function swap(a: Int32Array, i: number, j: number): void {
  const t = a[i]; a[i] = a[j]; a[j] = t;
}

function moveMedianToFirst(a: Int32Array, result: number, x: number, y: number, z: number, less: Less): void {
  if (less(a[x], a[y])) {
    if (less(a[y], a[z])) swap(a, result, y);
    else if (less(a[x], a[z])) swap(a, result, z);
    else swap(a, result, x);
  } else if (less(a[x], a[z])) swap(a, result, x);
  else if (less(a[y], a[z])) swap(a, result, z);
  else swap(a, result, y);
}

function unguardedPartitionPivot(a: Int32Array, first: number, last: number, less: Less): number {
  const mid = first + ((last - first) >> 1);
  moveMedianToFirst(a, first, first + 1, mid, last - 1, less);
  // __unguarded_partition(first + 1, last, pivot = first)
  let lo = first + 1, hi = last;
  const pivot = a[first];
  for (;;) {
    while (less(a[lo], pivot)) lo++;
    hi--;
    while (less(pivot, a[hi])) hi--;
    if (!(lo < hi)) return lo;
    swap(a, lo, hi);
    lo++;
  }
}

function insertionSort(a: Int32Array, first: number, last: number, less: Less): void {
  if (first === last) return;
  for (let i = first + 1; i !== last; i++) {
    const v = a[i];
    if (less(v, a[first])) {
      a.copyWithin(first + 1, first, i);
      a[first] = v;
    } else {
      let j = i;
      while (less(v, a[j - 1])) { a[j] = a[j - 1]; j--; }
      a[j] = v;
    }
  }
}

/** __adjust_heap: sift the hole at `hole` down to a leaf, then push `value` up. */
function adjustHeap(a: Int32Array, first: number, hole: number, len: number, value: number, less: Less): void {
  const top = hole;
  let second = hole;
  while (second < ((len - 1) >> 1)) {
    second = 2 * (second + 1);
    if (less(a[first + second], a[first + second - 1])) second--;
    a[first + hole] = a[first + second];
    hole = second;
  }
  if ((len & 1) === 0 && second === ((len - 2) >> 1)) {
    second = 2 * (second + 1);
    a[first + hole] = a[first + second - 1];
    hole = second - 1;
  }
  // __push_heap
  let parent = (hole - 1) >> 1;
  while (hole > top && less(a[first + parent], value)) {
    a[first + hole] = a[first + parent];
    hole = parent;
    parent = (hole - 1) >> 1;
  }
  a[first + hole] = value;
}

function heapSelect(a: Int32Array, first: number, middle: number, last: number, less: Less): void {
  const len = middle - first;
  if (len >= 2) {
    for (let parent = (len - 2) >> 1; ; parent--) {
      adjustHeap(a, first, parent, len, a[first + parent], less);
      if (parent === 0) break;
    }
  }
  for (let i = middle; i < last; i++) {
    if (less(a[i], a[first])) {
      // __pop_heap(first, middle, i)
      const v = a[i];
      a[i] = a[first];
      adjustHeap(a, first, 0, len, v, less);
    }
  }
}
