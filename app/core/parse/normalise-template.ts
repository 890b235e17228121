/**
 * The template normalisation of Loghub-2.0 (Jiang et al., "A Large-scale
 * Evaluation for Log Parsing Techniques: How Far are We?", ISSTA 2024): the
 * rules its corrected ground truth (`*_structured_corrected.csv`) was made
 * with, so that a parser's template can be compared with that truth as
 * text. A port of `correct_single_template` in logpai/loghub-2.0,
 * `benchmark/evaluation/utils/common.py` (Khan et al.'s rules, TA-Eval-Rep):
 * - DS: whitespace runs become one space, ends trimmed;
 * - PS: a path-like piece (`/a/b`) between the delimiters
 *   `\s , ! ; : = | " ' [ ] ( ) { }` becomes `<*>`;
 * - then, between those delimiters and `. - + @ # $ % &`:
 *   BL/US: `true`, `false`, `null`, `root`, `admin` (any case) become `<*>`;
 *   DG: a run of digits becomes `<*>`;
 *   WV: a piece holding `<*>` and no `/` becomes `<*>` (`blk_<*>` → `<*>`);
 * - DV: `<*>.<*>` becomes `<*>`; CV: `<*><*>` becomes `<*>` (repeated).
 */

const WILDCARD = '<*>';
/** `\s , ! ; : = | " ' [ ] ( ) { }`, kept as their own pieces by the split. */
const PATH_SPLIT = /([\s,!;:=|"'[\](){}])/u;
/** The path delimiters and `. - + @ # $ % &`. */
const TOKEN_SPLIT = /([\s,!;:=|"'[\](){}.\-+@#$%&])/u;
const PATH = /^(\/[^/]+)+$/u;
// Python's `\d` on str patterns is Unicode decimal digits.
const DIGITS = /^\p{Nd}+$/u;
const WORD_WITH_VARIABLE = /^[^\s/]*<\*>[^\s/]*$/u;
const WORDS = new Set(['true', 'false', 'null', 'root', 'admin']);

/** Loghub-2.0's normal form of a template (`<*>` wildcards); see the module comment. */
export function normaliseTemplate(template: string): string {
  let t = template.trim().replace(/\s+/gu, ' ');
  t = t.split(PATH_SPLIT).map((p) => (PATH.test(p) ? WILDCARD : p)).join('');
  t = t.split(TOKEN_SPLIT).map((p) => {
    if (WORDS.has(p.toLowerCase()) || DIGITS.test(p)) return WILDCARD;
    if (WORD_WITH_VARIABLE.test(p) && p !== '<*>/<*>') return WILDCARD;
    return p;
  }).join('');
  t = untilFixed(t, '<*>.<*>');
  return untilFixed(t, '<*><*>');
}

/** Replaces `pair` by one wildcard until none is left, as the reference's `while` loops do. */
function untilFixed(t: string, pair: string): string {
  while (t.includes(pair)) t = t.replaceAll(pair, WILDCARD);
  return t;
}
