/**
 * The feature benchmark cases: each turns the seeded webapp log (already read
 * into a LogData) into a feature matrix. `npm run bench -- --only features`
 * runs just these.
 */
export interface FeatureCase {
  id: string;
  /** What is timed, in words, for the table. */
  what: string;
  lines: number;
  /** A scikit-learn counterpart exists (test/bench/sklearn_features.py). */
  sklearn?: boolean;
}

const LINES = 1_000_000;

export const FEATURE_CASES: FeatureCase[] = [
  { id: 'feat-read', what: 'read the file into a LogData (readLogs) + cut the label token', lines: LINES },
  { id: 'feat-line', what: "line features: buildFeatures(unit 'line', scaling 'standard')", lines: LINES },
  { id: 'feat-window', what: 'window features: windowUnits(60 s) + parseLines + windowFeatures(count, errors, templates, sum:bytes)', lines: LINES },
  { id: 'feat-session', what: 'session event counts: sessionUnits(user=(\\S+)) + parseLines + templateEvents + fitEventColumns + eventCountMatrix', lines: LINES },
  { id: 'feat-tfidf', what: 'hashed TF-IDF, width 128, sparse rows: hashedCountsSparse + fitHashedTfidfCounts + tfidfOfCounts', lines: LINES, sklearn: true },
];
