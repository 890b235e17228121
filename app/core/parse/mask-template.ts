/**
 * A first template miner: each message becomes a template by masking the
 * variable parts of its tokens (anything holding a digit, hex ids, IPs,
 * UUIDs) as `<*>`; equal templates share an id. Cheap and predictable; a
 * Drain-style miner can replace it behind the same `TemplateIndex` interface.
 */

/** Pieces of a token, split at punctuation that usually separates a name from a value. */
const PIECES = /([\/=:,;@\[\]()"'<>{}|]+)/;
const VARIABLE = /\d|^[0-9a-f]{8,}$/i;

/** The template of one message: variable token pieces become `<*>`. */
export function maskTemplate(message: string): string {
  const tokens = message.trim().split(/\s+/);
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    if (!VARIABLE.test(token)) continue;
    const pieces = token.split(PIECES);
    for (let p = 0; p < pieces.length; p += 2) {
      if (VARIABLE.test(pieces[p])) pieces[p] = '<*>';
    }
    tokens[t] = pieces.join('').replace(/(<\*>)(?:[.\-_]?<\*>)+/g, '<*>');
  }
  return tokens.join(' ');
}

/** Template ids in order of first appearance; serialisable as `templates`. */
export class TemplateIndex {
  private readonly ids = new Map<string, number>();
  readonly templates: string[] = [];
  readonly counts: number[] = [];

  constructor(templates: string[] = []) {
    for (const t of templates) this.add(t);
    this.counts.fill(0);
  }

  /** The id of a message's template, adding the template when it is new. */
  idOf(message: string): number {
    const t = maskTemplate(message);
    const id = this.ids.get(t) ?? this.add(t);
    this.counts[id]++;
    return id;
  }

  private add(template: string): number {
    const id = this.templates.length;
    this.ids.set(template, id);
    this.templates.push(template);
    this.counts.push(0);
    return id;
  }
}
