"""Runs one benchmark case with scikit-learn (n_jobs=1) and prints {"seconds", "maxRssMb"}.

Usage: /usr/bin/python3 sklearn_case.py DETECTOR ROWS COLS PARAMS_JSON DATA_FILE
Only the benchmark uses Python; the project never needs it to run or to test.
"""
import json
import resource
import sys
import time

import numpy as np

detector, rows, cols, params, path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), json.loads(sys.argv[4]), sys.argv[5]
X = np.fromfile(path, dtype="<f8").reshape(rows, cols)

if detector == "isolation-forest":
    from sklearn.ensemble import IsolationForest

    def run():
        m = IsolationForest(n_estimators=params["trees"], max_samples=params["sampleSize"], random_state=params["seed"], n_jobs=1)
        m.fit(X)
        m.score_samples(X)
elif detector == "lof":
    from sklearn.neighbors import LocalOutlierFactor

    def run():
        m = LocalOutlierFactor(n_neighbors=params["k"], n_jobs=1)
        m.fit(X)
        m.negative_outlier_factor_
elif detector == "autoencoder":
    from sklearn.neural_network import MLPRegressor

    def run():
        m = MLPRegressor(hidden_layer_sizes=tuple(params["layers"]), max_iter=params["epochs"], batch_size=params["batchSize"], random_state=params["seed"])
        m.fit(X, X)
        ((m.predict(X) - X) ** 2).mean(axis=1)
else:
    print(json.dumps({"error": f"no scikit-learn counterpart for {detector}"}))
    sys.exit(0)

t0 = time.perf_counter()
run()
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "maxRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
