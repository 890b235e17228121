/**
 * Numbers strings 0, 1, 2, … in the order they first come: what turns session
 * ids, window groups and template texts into unit and column indices, the
 * first one seen getting the lowest number as batch scoring expects.
 */
export class StringIds {
  private readonly index = new Map<string, number>();
  /** The strings by their number. */
  readonly names: string[] = [];

  /** The number of `s`, a new one when it was not seen before. */
  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.names.length;
      this.index.set(s, i);
      this.names.push(s);
    }
    return i;
  }

  /** How many distinct strings were seen. */
  get size(): number {
    return this.names.length;
  }
}
