/**
 * Drain's fixed-depth prefix tree: the first level branches on the token
 * count, the next `depth - 2` levels on the leading tokens (a token holding a
 * wildcard goes to the `<*>` child, and so does any new token once a node has
 * `maxChildren` children); leaves hold the candidate templates.
 */
import { WILDCARD as WILDCARD_TOKEN } from './token-masks.ts';
import { similarity as templateSimilarity } from './template-similarity.ts';

// Module-local copies: imports can compile to getters, which hot loops should not call.
const WILDCARD: string = WILDCARD_TOKEN;
const similarity = templateSimilarity;

/** A template and its bookkeeping. */
export interface Cluster {
  readonly id: number;
  /** Template tokens; `<*>` is a wildcard. */
  tokens: string[];
  /** Messages learned into it. */
  count: number;
  /** Keys of its leaf below the token-count level. */
  path: string[];
  /** Template text (tokens joined by a space); '' when stale. */
  text: string;
  /** Where its tokens are shaped wildcards (`shapeMask`); kept in step with `tokens`. */
  shapes: number;
}

interface TreeNode {
  children: Map<string, TreeNode>;
  clusters: Cluster[];
}

const newNode = (): TreeNode => ({ children: new Map(), clusters: [] });
/** Whether a token routes to the `<*>` child. */
export const isVariable = (token: string): boolean => token.includes(WILDCARD);

/** The tree; see the module comment. */
export class PrefixTree {
  private readonly roots = new Map<number, TreeNode>();
  /** Similarity of the template the last `search` found (1: every token already fits, nothing to generalise). */
  score = 0;

  /**
   * @param depth tree depth counting the root and the leaf level, ≥ 3
   * @param maxChildren most children of an inner node, ≥ 2
   */
  constructor(private readonly depth: number, private readonly maxChildren: number) {}

  private levels(n: number): number {
    return Math.min(this.depth - 2, n);
  }

  /**
   * The most similar template to `tokens` whose similarity reaches
   * `threshold`, or null. The exact-token branch is searched before the
   * `<*>` branch; ties go to the smaller id.
   */
  search(tokens: readonly string[], threshold: number): Cluster | null {
    const root = this.roots.get(tokens.length);
    return root ? this.descend(root, tokens, 0, this.levels(tokens.length), threshold) : null;
  }

  private descend(node: TreeNode, tokens: readonly string[], level: number, levels: number, threshold: number): Cluster | null {
    if (level === levels) {
      let best: Cluster | null = null;
      let bestScore = threshold;
      for (const c of node.clusters) {
        const s = similarity(c.tokens, tokens, bestScore, c.shapes);
        if (s > bestScore || (s === bestScore && (best === null || c.id < best.id))) {
          bestScore = s;
          best = c;
        }
      }
      if (best) this.score = bestScore;
      return best;
    }
    const token = tokens[level];
    if (!isVariable(token)) {
      const exact = node.children.get(token);
      const found = exact ? this.descend(exact, tokens, level + 1, levels, threshold) : null;
      if (found) return found;
    }
    const wild = node.children.get(WILDCARD);
    return wild ? this.descend(wild, tokens, level + 1, levels, threshold) : null;
  }

  /**
   * Puts a template in its leaf: along `path` when given (a restored tree),
   * else along keys taken from its tokens; sets `cluster.path`.
   */
  insert(cluster: Cluster, path: readonly string[] | null = null): void {
    const n = cluster.tokens.length;
    let node = this.roots.get(n);
    if (!node) {
      node = newNode();
      this.roots.set(n, node);
    }
    const keys: string[] = [];
    const levels = this.levels(n);
    for (let l = 0; l < levels; l++) {
      let key: string;
      if (path) key = path[l];
      else {
        const token = cluster.tokens[l];
        key = isVariable(token) ? WILDCARD : token;
        if (key !== WILDCARD && !node.children.has(key)) {
          const room = this.maxChildren - (node.children.has(WILDCARD) ? 0 : 1);
          if (node.children.size >= room) key = WILDCARD;
        }
      }
      let next = node.children.get(key);
      if (!next) {
        next = newNode();
        node.children.set(key, next);
      }
      keys.push(key);
      node = next;
    }
    node.clusters.push(cluster);
    cluster.path = keys;
  }

  /** Takes a template out of its leaf and prunes the nodes left empty. */
  remove(cluster: Cluster): void {
    const root = this.roots.get(cluster.tokens.length);
    if (!root) return;
    const trail: TreeNode[] = [root];
    let node = root;
    for (const key of cluster.path) {
      const next = node.children.get(key);
      if (!next) return;
      trail.push(next);
      node = next;
    }
    const i = node.clusters.indexOf(cluster);
    if (i < 0) return;
    node.clusters.splice(i, 1);
    for (let l = trail.length - 1; l > 0; l--) {
      const n = trail[l];
      if (n.clusters.length > 0 || n.children.size > 0) break;
      trail[l - 1].children.delete(cluster.path[l - 1]);
    }
    if (root.children.size === 0 && root.clusters.length === 0) this.roots.delete(cluster.tokens.length);
  }
}
