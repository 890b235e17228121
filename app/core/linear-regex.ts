/**
 * Regular expressions the user writes (custom masks, session keys, label-file
 * keys) run on log text an attacker may write. JavaScript's RegExp
 * backtracks: `(a+)+$` on 27 `a`s and a `b` takes seconds, `.*.*=` on a 1 MiB
 * line is quadratic, and a synchronous RegExp cannot be interrupted, so no
 * time limit can save the page or the service. These patterns therefore run
 * on RE2 (the re2js port, pure JavaScript for page and Node alike), whose
 * time is linear in the text for every pattern. The price is RE2's syntax:
 * no lookaround and no backreferences (refused here with the field named),
 * and about 1 µs per short line; our own built-in patterns stay on RegExp
 * and are checked for linear growth by test.
 */
import { RE2JS } from 're2js';
import { FieldError } from './field-error.ts';

/** One match: where it is, its text, and its first capture group (null when it took no part). */
export interface LinearMatch {
  /** Start and end, in UTF-16 code units. */
  index: number;
  end: number;
  text: string;
  group1: string | null;
}

/** A user pattern compiled for linear-time matching. */
export class LinearRegex {
  private constructor(
    private readonly re: RE2JS,
    /** The pattern as the user wrote it. */
    readonly source: string,
  ) {}

  /**
   * Compiles a pattern written in JavaScript syntax.
   * @param field the spec field it came from, named in the error
   * @throws FieldError naming the field when the pattern is not valid or uses
   *   syntax a linear-time engine cannot run (lookaround, backreferences,
   *   repeat counts above 1000)
   */
  static compile(pattern: string, field: string): LinearRegex {
    if (typeof pattern !== 'string' || pattern === '') throw new FieldError(field, `expected a regular expression, got ${JSON.stringify(pattern)}`);
    try {
      return new LinearRegex(RE2JS.compile(RE2JS.translateRegExp(pattern)), pattern);
    } catch (e) {
      const detail = (e as Error).message.replace(/^error parsing regexp: /, '');
      throw new FieldError(
        field,
        `${JSON.stringify(pattern)} cannot be used (${detail}); patterns run on a linear-time engine (RE2 syntax: no lookahead, lookbehind or backreferences), so no log line can make them slow`,
        { cause: e },
      );
    }
  }

  /** Number of capture groups. */
  get groups(): number {
    return this.re.groupCount();
  }

  /** Every non-overlapping match, left to right. */
  *matchAll(text: string): Generator<LinearMatch> {
    const m = this.re.matcher(text);
    const grouped = this.re.groupCount() > 0;
    while (m.find()) {
      yield { index: m.start(), end: m.end(), text: m.group() ?? '', group1: grouped ? m.group(1) : null };
    }
  }

  /** The first match, or null. */
  first(text: string): LinearMatch | null {
    for (const m of this.matchAll(text)) return m;
    return null;
  }

  /** `text` with every match replaced by `replacement`, taken literally (no `$1`). */
  replaceAll(text: string, replacement: string): string {
    const m = this.re.matcher(text);
    return m.replaceAll(() => replacement);
  }
}
