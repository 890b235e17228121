"""Hashed TF-IDF with scikit-learn on the benchmark's messages; prints one JSON line
{"seconds", "maxRssMb", "shape", "idf", "explicitZeros", "idfWithoutExplicitZeros"}.

Usage: /usr/bin/python3 sklearn_features.py MESSAGES_FILE WIDTH
MESSAGES_FILE holds one message per line (written by feature-bench-data.ts).
Times HashingVectorizer(n_features=WIDTH, alternate_sign=True, norm=None) +
TfidfTransformer().fit_transform, with the tokenizer of app/core/features/hashed-tfidf.ts
(messageTokens), as in test/core/features/fixtures/make-sklearn-features.py.
Reading the file is not timed. Only the benchmark uses Python.
"""
import json
import re
import resource
import sys
import time

from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer

path, width = sys.argv[1], int(sys.argv[2])
with open(path, encoding="utf-8") as f:
    messages = f.read().split("\n")

SEPARATORS = re.compile(r"[^\w]+")
DIGIT = re.compile(r"\d")


def tokens(m):
    return [t for t in SEPARATORS.split(m.lower()) if len(t) >= 2 and not DIGIT.search(t)]


t0 = time.perf_counter()
counts = HashingVectorizer(analyzer=tokens, n_features=width, norm=None, alternate_sign=True).transform(messages)
tfidf = TfidfTransformer()
X = tfidf.fit_transform(counts)
seconds = time.perf_counter() - t0
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
# Untimed: the idf once the +1/-1 collisions that cancelled within a message
# are dropped. HashingVectorizer keeps them as explicit zeros, which
# TfidfTransformer counts in the document frequency; ours counts a term only
# where the signed count is non-zero, so it matches this one.
nonzero = counts.copy()
nonzero.eliminate_zeros()
print(json.dumps({
    "seconds": seconds,
    "maxRssMb": peak_mb,
    "shape": list(X.shape),
    "idf": tfidf.idf_.tolist(),
    "explicitZeros": int((counts.data == 0).sum()),
    "idfWithoutExplicitZeros": TfidfTransformer().fit(nonzero).idf_.tolist(),
}))
