import type { RunOptions } from '../progress.ts';
import type { Matrix } from '../matrix.ts';
import type { TextSpec } from './feature-spec.ts';
import { csrToDense } from './csr-matrix.ts';
import { fitTransformHashedTfidf, hashedTfidfSparse, type HashedTfidfState } from './hashed-tfidf.ts';
import { averageWordVectors, trainWordVectors, type WordVectorState } from './word-vectors.ts';

/** Fitted text vectors, plain JSON (exported in the spec's feature state). */
export type TextState =
  | ({ kind: 'hashed-tfidf' } & HashedTfidfState)
  | ({ kind: 'word-vectors' } & WordVectorState);

/**
 * Text vector columns of every message: hashed token TF-IDF (`hash:i`) or
 * averaged word vectors (`wv:i`). The idf and the word vectors are learned
 * from the training rows' messages only, or taken from `fitted`.
 * @param trainRows training rows; all rows when omitted
 */
export function textFeatures(
  messages: ArrayLike<string>,
  spec: TextSpec,
  fitted?: TextState,
  trainRows?: ArrayLike<number>,
  run: Pick<RunOptions, 'onProgress' | 'signal'> = {},
): { matrix: Matrix; state: TextState } {
  if (fitted && fitted.kind !== spec.kind) throw new Error(`features.text: the fitted state is "${fitted.kind}", the spec asks for "${spec.kind}"`);
  try {
    if (spec.kind === 'hashed-tfidf') {
      // The detectors take the dense matrix (scaling and joinColumns work on dense columns): the sparse rows are written out here.
      if (fitted) return { matrix: csrToDense(hashedTfidfSparse(messages, fitted as HashedTfidfState)), state: fitted };
      // Unfitted: one scan of the messages both fits the idf and weights the rows.
      const built = fitTransformHashedTfidf(messages, { width: spec.width, alternateSign: spec.alternateSign }, trainRows);
      return { matrix: csrToDense(built.matrix), state: { kind: 'hashed-tfidf' as const, ...built.state } };
    }
    if (spec.kind === 'word-vectors') {
      const { kind: _kind, ...options } = spec;
      const state = (fitted as Extract<TextState, { kind: 'word-vectors' }>) ?? {
        kind: 'word-vectors' as const,
        ...trainWordVectors(messages, options, trainRows, run),
      };
      return { matrix: averageWordVectors(messages, state), state };
    }
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new Error(`features.text: ${(e as Error).message}`);
  }
  throw new Error(`features.text.kind: unknown kind ${JSON.stringify((spec as { kind: unknown }).kind)} (known: hashed-tfidf, word-vectors)`);
}
