import { describe, it, expect } from 'vitest';
import { NeighbourHeap, NeighbourLists } from '../../../../app/core/detect/knn/neighbour-heap.ts';

function run(need: number, offers: [number, number, number][]) {
  const heap = new NeighbourHeap(need);
  heap.reset(need);
  for (const [r, id, w] of offers) if (r <= heap.radius) heap.push(r, id, w);
  const lists = new NeighbourLists(1, need);
  heap.finish(lists, 0);
  const got: string[] = [];
  for (let s = 0; s < lists.count[0]; s++) got.push(`${lists.ids[s]}×${lists.used[s]}@${lists.rdist[s]}`);
  return { got: got.sort(), ambiguous: lists.ambiguous[0], radius: heap.radius, boundary: lists.boundary(0) };
}

describe('NeighbourHeap', () => {
  it('keeps the nearest `need` copies, using part of the farthest point', () => {
    const r = run(4, [[5, 0, 1], [1, 1, 2], [3, 2, 3], [9, 3, 1]]);
    expect(r.got).toEqual(['1×2@1', '2×2@3']);
    expect(r.radius).toBe(3);
    expect(r.ambiguous).toBe(0);
  });

  it('flags a tie at the k-th distance between distinct points, evicted or kept', () => {
    expect(run(2, [[1, 0, 1], [2, 1, 1], [2, 2, 1]]).ambiguous).toBe(1);
    expect(run(3, [[1, 0, 1], [2, 1, 3], [2, 2, 1]]).ambiguous).toBe(1);
    expect(run(2, [[2, 1, 1], [2, 2, 1], [1, 0, 1]]).ambiguous).toBe(1);
  });

  it('does not flag ties that are all settled: within the k, or beyond it', () => {
    expect(run(3, [[1, 0, 1], [2, 1, 1], [2, 2, 1], [5, 3, 1]]).ambiguous).toBe(0);
    expect(run(2, [[1, 0, 1], [2, 1, 1], [3, 2, 1], [3, 3, 1]]).ambiguous).toBe(0);
    // A tie that was pushed out when a nearer point came in no longer matters.
    expect(run(2, [[2, 0, 1], [2, 1, 1], [2, 2, 1], [1, 3, 1], [1, 4, 1]]).ambiguous).toBe(0);
  });
});
