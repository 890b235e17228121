/**
 * The words of a log message, shared by the hashed TF-IDF and the word
 * vectors. hashed-counts.ts scans ASCII messages to the same tokens faster;
 * this is the reference, and the path for every other message.
 */
// Letters, combining marks, digits and underscore make words; anything else
// (spaces, punctuation, `=`, `/`, `.`, `:`) separates them.
const SEPARATORS = /[^\p{L}\p{M}\p{N}_]+/u;
const HAS_DIGIT = /\p{N}/u;

/**
 * The words of a message, shared by the hashed TF-IDF and the word vectors:
 * lowercased, split on anything that is not a letter, digit or underscore,
 * keeping tokens of at least 2 characters (scikit-learn's default token
 * pattern) and dropping every token that contains a digit. In logs those are
 * the variable parts — ids, counters, addresses, timestamps — which would
 * make each line's vocabulary unique (and give every rare id a top idf);
 * Drain masks them for the same reason. The price: names like `eth0` or
 * `sda1` are dropped too.
 */
export function messageTokens(message: string): string[] {
  const out: string[] = [];
  for (const t of message.toLowerCase().split(SEPARATORS)) {
    if (t.length >= 2 && !HAS_DIGIT.test(t)) out.push(t);
  }
  return out;
}
