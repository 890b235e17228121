/**
 * An online log template miner after Drain (He et al., "Drain: An Online Log
 * Parsing Approach with Fixed Depth Tree", ICWS 2017), on message content
 * (the part after the log header).
 *
 * Each message is tokenised and masked (`token-masks.ts`), routed through a
 * prefix tree by its token count and its first `depth - 2` tokens
 * (`prefix-tree.ts`) to a leaf of candidate templates, and joins the most
 * similar one when the similarity (`template-similarity.ts`) reaches the
 * threshold; the template's differing tokens then become `<*>`, keeping the
 * brackets, key or punctuation both share (`(<*>)`, `user=<*>`, `<*>,`; see
 * `generalise`). Otherwise the message starts a new template. When enough
 * templates differ only by a plain word at one position, they merge into one
 * (`word-variables.ts`).
 *
 * Ids are assigned in order of first appearance and stay valid forever: a
 * template that generalises keeps its id, and a template merged into another
 * one keeps answering for the merged template (`canonical(id)` gives the id
 * of the template it now belongs to). Everything is deterministic.
 */
import { resolveMinerOptions, type TemplateMinerOptions } from './miner-options.ts';
import { PrefixTree, type Cluster } from './prefix-tree.ts';
import { generalise as generaliseToken, shapeFitsAt as shapeFitsAtOf, shapeMask } from './template-similarity.ts';
import { createTokenizer, WILDCARD as WILDCARD_TOKEN, type Tokenizer } from './token-masks.ts';
import { WordVariableIndex } from './word-variables.ts';

/** Module-local copies: imports can compile to getters, which the hot path should not call. */
const WILDCARD: string = WILDCARD_TOKEN;
const generalise = generaliseToken;
const shapeFitsAt = shapeFitsAtOf;

export type { TemplateMinerOptions } from './miner-options.ts';
export { DEFAULT_MINER_OPTIONS } from './miner-options.ts';

/** One template in a serialised miner. */
export interface MinerTemplateState {
  id: number;
  /** Template tokens, `<*>` for wildcards; [] for a merged template. */
  tokens: string[];
  /** Messages learned into it; 0 for a merged template. */
  count: number;
  /** Its prefix-tree keys below the token-count level; [] for a merged template. */
  path: string[];
  /** The id it was merged into, or -1. */
  mergedInto: number;
}

/** A miner as plain JSON: its options and its templates in id order. */
export interface MinerState {
  version: 1;
  options: TemplateMinerOptions;
  templates: MinerTemplateState[];
}

/** Online Drain-style template miner; see the module comment. */
export class TemplateMiner {
  private readonly options: TemplateMinerOptions;
  private readonly tokenize: Tokenizer;
  /** Reused token buffer of `learn` and `match`; copied when a template is made from it. */
  private readonly buffer: string[] = [];
  private readonly tree: PrefixTree;
  private readonly index = new WordVariableIndex();
  private readonly clusters: Cluster[] = [];
  /** Per id: the id it was merged into, or -1. */
  private readonly mergedInto: number[] = [];
  private readonly placeholders: Set<string>;
  private readonly patterns = new Map<number, { text: string; re: RegExp }>();

  constructor(options: Partial<TemplateMinerOptions> = {}) {
    this.options = resolveMinerOptions(options);
    this.tokenize = createTokenizer(this.options.masks, this.options.customMasks);
    this.tree = new PrefixTree(this.options.depth, this.options.maxChildren);
    this.placeholders = new Set([WILDCARD, ...(this.options.customMasks ?? []).map((m) => m.replacement ?? WILDCARD)]);
  }

  /** Number of template ids assigned so far (ids are 0 … size - 1, merged ones included). */
  get size(): number {
    return this.clusters.length;
  }

  /** Learns a message: the id of the template it joins or starts (that template may generalise). */
  learn(message: string): number {
    const tokens = this.tokenize(message, this.buffer);
    const found = this.tree.search(tokens, this.options.similarity);
    if (found) {
      found.count++;
      // Similarity 1: every token equals the template's or is a masked one at a wildcard; nothing to generalise
      // (and the token comparisons the search made need not be made again).
      if (this.tree.score === 1) return found.id;
      const t = found.tokens;
      const shapes = found.shapes;
      let changed = false;
      for (let i = 0; i < t.length; i++) {
        const ti = t[i];
        if (ti !== tokens[i] && ti !== WILDCARD && !(shapes !== 0 && shapeFitsAt(shapes, i, ti, tokens[i]))) {
          t[i] = generalise(ti, tokens[i]);
          changed = true;
        }
      }
      if (changed) {
        found.text = '';
        found.shapes = shapeMask(t);
        this.index.remove(found);
        this.index.add(found);
      }
      return found.id;
    }
    const copy = tokens.slice();
    const cluster: Cluster = { id: this.clusters.length, tokens: copy, count: 1, path: [], text: '', shapes: shapeMask(copy) };
    this.clusters.push(cluster);
    this.mergedInto.push(-1);
    this.tree.insert(cluster);
    this.index.add(cluster);
    const group = this.index.groupOf(cluster);
    return group ? this.merge(group.members, group.position) : cluster.id;
  }

  /**
   * The id of the template a message would join, or -1 when `learn` would
   * start a new template for it. Changes nothing.
   */
  match(message: string): number {
    return this.tree.search(this.tokenize(message, this.buffer), this.options.similarity)?.id ?? -1;
  }

  /** The id of the template that `id` belongs to now: itself unless it was merged into another. */
  canonical(id: number): number {
    this.cluster(id);
    let c = id;
    while (this.mergedInto[c] >= 0) c = this.mergedInto[c];
    return c;
  }

  /** The template of an id: its tokens joined by single spaces, `<*>` for wildcards. */
  template(id: number): string {
    const c = this.clusters[this.canonical(id)];
    if (c.text === '' && c.tokens.length > 0) c.text = c.tokens.join(' ');
    return c.text;
  }

  /** Messages learned into the template of an id (merged templates included). */
  count(id: number): number {
    return this.clusters[this.canonical(id)].count;
  }

  /**
   * The parts of a message that fill the wildcards of template `id`, in
   * order; [] when the message does not fit the template. Runs of whitespace
   * in the message count as one space; a value may be empty (`()` for the
   * `(<*>)` of `connection from <*> (<*>)`).
   */
  variables(message: string, id: number): string[] {
    const text = this.template(id);
    let p = this.patterns.get(id);
    if (!p || p.text !== text) {
      p = { text, re: this.templateRegex(text) };
      this.patterns.set(id, p);
    }
    const m = p.re.exec(message.trim().replace(/\s+/g, ' '));
    return m ? m.slice(1) : [];
  }

  /**
   * A name for each wildcard of template `id`, in the order `variables`
   * gives their values: the key of a `key=<*>` token (`latency_ms`), else
   * the word before it (`took` in `took <*>`), else ''. Explanations and the
   * identifier rules read these names.
   */
  variableNames(id: number): string[] {
    const tokens = this.template(id).split(' ');
    const names: string[] = [];
    const re = /<[^<>\s]+>/g;
    tokens.forEach((token, t) => {
      for (let m = re.exec(token); m; m = re.exec(token)) {
        if (!this.placeholders.has(m[0])) continue;
        const eq = token.lastIndexOf('=', m.index);
        const before = t > 0 ? tokens[t - 1] : '';
        if (eq > 0) names.push(token.slice(0, eq).replace(/^\W+/, ''));
        else if (m.index === 0 && /^[A-Za-z_][\w.-]*:?$/.test(before) && !this.placeholders.has(before)) names.push(before.replace(/:$/, ''));
        else names.push('');
      }
      re.lastIndex = 0;
    });
    return names;
  }

  /** The miner as plain JSON; `fromJSON` restores it exactly. */
  toJSON(): MinerState {
    return {
      version: 1,
      options: structuredClone(this.options),
      templates: this.clusters.map((c, id) => {
        const merged = this.mergedInto[id] >= 0;
        return {
          id,
          tokens: merged ? [] : [...c.tokens],
          count: merged ? 0 : c.count,
          path: merged ? [] : [...c.path],
          mergedInto: this.mergedInto[id],
        };
      }),
    };
  }

  /** A miner restored from `toJSON()` output; it goes on learning exactly as the original would. */
  static fromJSON(state: MinerState): TemplateMiner {
    if (!state || state.version !== 1 || !Array.isArray(state.templates)) {
      throw new Error('TemplateMiner.fromJSON: expected a version 1 MinerState');
    }
    const miner = new TemplateMiner(state.options);
    const n = state.templates.length;
    state.templates.forEach((t, i) => {
      if (t.id !== i) throw new Error(`TemplateMiner.fromJSON: templates[${i}] has id ${t.id}`);
      const into = t.mergedInto ?? -1;
      if (!Number.isInteger(into) || into >= n || into === i) {
        throw new Error(`TemplateMiner.fromJSON: templates[${i}].mergedInto is ${into}`);
      }
      const cluster: Cluster = { id: i, tokens: [...t.tokens], count: t.count, path: [], text: '', shapes: shapeMask(t.tokens) };
      miner.clusters.push(cluster);
      miner.mergedInto.push(into);
      if (into < 0) {
        miner.tree.insert(cluster, t.path);
        miner.index.add(cluster);
      }
    });
    return miner;
  }

  private cluster(id: number): Cluster {
    const c = this.clusters[id];
    if (!c) throw new Error(`TemplateMiner: no template with id ${id} (size ${this.clusters.length})`);
    return c;
  }

  /** Merges templates that differ only at `position` into the one with the smallest id; returns that id. */
  private merge(members: Cluster[], position: number): number {
    const sorted = [...members].sort((a, b) => a.id - b.id);
    const keep = sorted[0];
    this.tree.remove(keep);
    this.index.remove(keep);
    for (const other of sorted.slice(1)) {
      this.tree.remove(other);
      this.index.remove(other);
      keep.count += other.count;
      this.mergedInto[other.id] = keep.id;
      this.patterns.delete(other.id);
    }
    keep.tokens[position] = WILDCARD;
    keep.text = '';
    keep.shapes = shapeMask(keep.tokens);
    this.tree.insert(keep);
    this.index.add(keep);
    return keep.id;
  }

  private templateRegex(text: string): RegExp {
    const parts: string[] = [];
    let last = 0;
    const re = /<[^<>\s]+>/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (!this.placeholders.has(m[0])) continue;
      // Empty allowed: a shaped wildcard holds empty values too (`()` fits `(<*>)`).
      parts.push(escapeRegex(text.slice(last, m.index)), '(.*?)');
      last = m.index + m[0].length;
    }
    parts.push(escapeRegex(text.slice(last)));
    return new RegExp(`^${parts.join('')}$`, 's');
  }
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
