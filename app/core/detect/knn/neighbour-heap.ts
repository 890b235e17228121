/**
 * The k-nearest set of one query over weighted points (a point of weight w
 * stands for w identical rows), kept in a max-heap by reduced distance, and
 * the flat lists where searches store each query's result.
 *
 * Exact ties matter: when several distinct points lie at exactly the k-th
 * distance and not all of them fit, *which* ones are kept changes LOF, and
 * scikit-learn's choice follows from its search order. The heap therefore
 * accepts candidates at distance == radius and records when such a tie
 * pushes a point out, and `finish` marks the result `ambiguous`; the caller
 * then asks a search that reproduces scikit-learn's order (`sklearn-search.ts`).
 * Unambiguous results are the same for every exact search.
 */

/** Neighbour lists of many queries in flat arrays, `need` slots per query. */
export class NeighbourLists {
  /** Point index of each neighbour, `need` slots per query. */
  readonly ids: Int32Array;
  /** Reduced distance of each neighbour. */
  readonly rdist: Float64Array;
  /** Copies of the neighbour (≤ its weight) that are among the k nearest. */
  readonly used: Int32Array;
  /** Neighbours stored for each query (their `used` sum to `need`). */
  readonly count: Int32Array;
  /** 1 where ties at the k-th distance leave the set to the search order. */
  readonly ambiguous: Uint8Array;

  constructor(readonly queries: number, readonly need: number) {
    this.ids = new Int32Array(queries * need);
    this.rdist = new Float64Array(queries * need);
    this.used = new Int32Array(queries * need);
    this.count = new Int32Array(queries);
    this.ambiguous = new Uint8Array(queries);
  }

  /** Largest reduced distance among the neighbours of query `q` (its k-distance). */
  boundary(q: number): number {
    let b = 0;
    for (let s = q * this.need, e = s + this.count[q]; s < e; s++) if (this.rdist[s] > b) b = this.rdist[s];
    return b;
  }
}

export class NeighbourHeap {
  private readonly rd: Float64Array;
  private readonly id: Int32Array;
  private readonly w: Int32Array;
  private size = 0;
  private total = 0;
  private need = 1;
  private tieAt = -1;
  /** Candidates farther than this (reduced) cannot enter; Infinity until `need` copies are held. */
  radius = Infinity;

  /** `need` is the most this heap will be asked for. */
  constructor(need: number) {
    this.rd = new Float64Array(need + 1);
    this.id = new Int32Array(need + 1);
    this.w = new Int32Array(need + 1);
  }

  /** Starts a query that wants `need` copies (≥ 1, at most the constructor's). */
  reset(need: number): void {
    this.size = 0;
    this.total = 0;
    this.need = need;
    this.tieAt = -1;
    this.radius = Infinity;
  }

  /** Offers point `id` with `weight` copies at reduced distance `r`; only call when `r <= radius`. */
  push(r: number, id: number, weight: number): void {
    const { rd, w } = this;
    // Sift up from the end.
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (rd[parent] >= r) break;
      rd[i] = rd[parent]; this.id[i] = this.id[parent]; w[i] = w[parent];
      i = parent;
    }
    rd[i] = r; this.id[i] = id; w[i] = weight;
    this.total += weight;
    // Drop the farthest while the rest still hold `need` copies.
    while (this.total - w[0] >= this.need) {
      const r0 = rd[0];
      this.total -= w[0];
      this.popRoot();
      if (rd[0] === r0) this.tieAt = r0; // a point at the same distance stays: a tie decided by order
    }
    if (this.total >= this.need) this.radius = rd[0];
  }

  private popRoot(): void {
    const { rd, id, w } = this;
    const n = --this.size;
    const r = rd[n], pid = id[n], pw = w[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && rd[c + 1] > rd[c]) c++;
      if (rd[c] <= r) break;
      rd[i] = rd[c]; id[i] = id[c]; w[i] = w[c];
      i = c;
    }
    rd[i] = r; id[i] = pid; w[i] = pw;
  }

  /** Stores the result as query `q` of `out`. */
  finish(out: NeighbourLists, q: number): void {
    const { rd, id, w, size } = this;
    const boundary = rd[0];
    let atBoundary = 0;
    for (let i = 0; i < size; i++) if (rd[i] === boundary) atBoundary++;
    const excess = this.total - this.need; // copies of the farthest point beyond need
    out.ambiguous[q] = this.tieAt === boundary || (excess > 0 && atBoundary > 1) ? 1 : 0;
    const base = q * out.need;
    // Listed by (distance, index), not heap order: every exact search then
    // gives the same lists value for value, whatever order it found the
    // points in, and so the same sums downstream (insertion sort: size ≤ need).
    for (let i = 0; i < size; i++) {
      const r = rd[i], pid = id[i], used = i === 0 ? w[i] - excess : w[i];
      let s = base + i;
      while (s > base && (out.rdist[s - 1] > r || (out.rdist[s - 1] === r && out.ids[s - 1] > pid))) {
        out.rdist[s] = out.rdist[s - 1]; out.ids[s] = out.ids[s - 1]; out.used[s] = out.used[s - 1];
        s--;
      }
      out.rdist[s] = r; out.ids[s] = pid; out.used[s] = used;
    }
    out.count[q] = size;
  }
}
