"""The peer of `law run experiments/webapp-isolation-forest.json` on a webapp
log: the script a user would write instead. Regex line features (level,
status, latency, length, tokens, a masked template's share, bytes), scaled,
scikit-learn's IsolationForest (100 trees, 256 samples, seed 1), flag the top
5 %, and ROC-AUC, precision, recall and F1 against the label token (the first
token; `-` is normal). Whole process, as a user runs it:
    /usr/bin/python3 test/bench/peer_webapp_iforest.py FILE
Prints one line of JSON with the metrics (the bench times the process).
"""
import json
import re
import sys
from collections import Counter

import numpy as np
from sklearn.ensemble import IsolationForest
from sklearn.metrics import f1_score, precision_score, recall_score, roc_auc_score
from sklearn.preprocessing import StandardScaler

LEVELS = {"TRACE": 0, "DEBUG": 1, "INFO": 2, "WARN": 3, "WARNING": 3, "ERROR": 4, "FATAL": 5}
LEVEL = re.compile(r"\b(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL)\b")
STATUS = re.compile(r"\bstatus=(\d{3})\b")
LATENCY = re.compile(r"\blatency_ms=(\d+(?:\.\d+)?)")
BYTES = re.compile(r"\bbytes=(\d+)")
MASK = re.compile(r"\b(?:\d+|[0-9a-f]{8,}|[\w.-]*\d[\w.-]*)\b")


def num(m):
    return float(m.group(1)) if m else np.nan


def main(path):
    labels, rows, templates = [], [], []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            tag, _, message = line.partition(" ")
            labels.append(0 if tag == "-" else 1)
            m = LEVEL.search(message)
            rows.append([
                LEVELS[m.group(1)] if m else np.nan,
                num(STATUS.search(message)),
                num(LATENCY.search(message)),
                len(message),
                len(message.split()),
                num(BYTES.search(message)),
            ])
            templates.append(MASK.sub("<*>", message))
    counts = Counter(templates)
    share = np.array([counts[t] / len(templates) for t in templates])
    X = np.column_stack([np.array(rows, dtype=float), share])
    X = np.where(np.isnan(X), np.nanmedian(X, axis=0), X)
    X = StandardScaler().fit_transform(X)
    model = IsolationForest(n_estimators=100, max_samples=256, random_state=1).fit(X)
    score = -model.score_samples(X)
    flagged = score >= np.quantile(score, 0.95)
    y = np.array(labels)
    print(json.dumps({
        "rows": len(y),
        "rocAuc": roc_auc_score(y, score),
        "precision": precision_score(y, flagged),
        "recall": recall_score(y, flagged),
        "f1": f1_score(y, flagged),
    }))


if __name__ == "__main__":
    main(sys.argv[1])
