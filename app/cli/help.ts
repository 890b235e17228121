/** `law --help` and `law CMD --help`. Keep in step with docs/interfaces.md and the README. */
export const HELP: Record<string, string> = {
  law: `law — Log Anomaly Workbench on the command line

Usage: law <command> [options]

Commands:
  run SPEC      run every detector of an experiment spec and report metrics
  fit SPEC      train a spec and write the fitted spec that scoring needs alone
  score         score a log file or stream with a spec's threshold run, one JSON line per unit
  watch SPEC    run the spec's deploy section as a service: sources, sinks, alerts, checkpoints
  screen SPEC   try candidate feature sets × every detector, ranked with confidence intervals
  parse FILE    mine log templates: one JSON line per input line, or the template table

Options:
  -h, --help        show help (law <command> --help for a command's options)
  --max-bytes SIZE  most text read from one file read whole, once decompressed
                    (default 512MiB; e.g. 2GiB); streams (-, --follow, watch) have no limit
  --max-rows N      most rows read from one file read whole (default 5000000)

Exit codes: 0 ok, 1 the data could not be read or scored, 2 bad arguments or an invalid spec.
  0   also when the reader of standard output stops early (law … | head -1)
  1   also a data file that is missing, a folder, unreadable or empty, and an
      output file (--out) that cannot be written
  2   also a spec file (or its label file) that cannot be read
Every error is one line on standard error; a file error names the path.`,

  run: `law run SPEC [--data PATH] [--format table|json]

Runs every detector of SPEC (an experiment spec exported from the workbench,
version 1) on its data and reports ROC-AUC, PR-AUC, precision, recall, F1 at
the threshold, best F1 and timings. Metrics that need labels are null without.
A fitted spec is trained again from scratch (its models are for law score).

Options:
  --data PATH       read this file instead of the spec's source.path
                    (source.path is resolved against the spec's folder)
  --format FORMAT   table (default) or json (one object on stdout)
  -h, --help        show this help`,

  score: `law score --config SPEC [FILE|-] [--run ID] [--follow] [--lateness D] [--idle D] [--data PATH]

Scores every unit of FILE (or standard input, "-" or no FILE) with the spec's
threshold run, one JSON line per unit:
  {"row": 0, "line": 1, "time": "2024-10-11T22:14:15.000Z", "score": 0.42, "anomaly": false, "text": "…"}
Higher scores are more anomalous; "anomaly" is score >= the run's threshold.
A fitted spec (law fit, or the workbench's Download spec) scores with the
models, feature state and threshold it carries: no training data, no label
file. Any other spec is trained first on its source.path (or --data), as
law fit would train it, and the threshold resolved on the judged training
units (best-f1 and fpr need its labels, alert-budget its timestamps).
For session and window units, "text" is the session id or the window's span
and "line" its first line.

FILE is read whole and its units cut as in training. Standard input and
--follow are scored as they come: a line is printed as soon as it ends, a
window when a line at or after its end + lateness arrives, a session when
the newest line is idle past its last one; at the end of input (or Ctrl-C,
SIGTERM) every open window and session is scored and printed.

Options:
  --config SPEC   the experiment spec (required)
  --run ID        score with this detector instead of the threshold's run
  --follow        keep reading FILE as it grows (like tail -F: follows
                  rotation by rename or copytruncate); Ctrl-C stops
  --lateness D    window units: how late a line may come (default the spec's
                  features.lateness, else 1m)
  --idle D        session units: quiet log time that ends a session (default
                  the spec's features.idle, else 30m)
  --data PATH     train on this file instead of the spec's source.path (also
                  re-trains a fitted spec)
  -h, --help      show this help

Exit codes: 0 ok; 1 FILE or the training data could not be read or scored
(a missing FILE included); 2 bad arguments, or a spec that cannot be read or
is invalid.`,

  fit: `law fit SPEC [--data PATH] [--out FILE]

Trains every detector of SPEC on its data and writes the fitted spec: the
spec plus features.state (what the features learned), detectors[].model (each
trained model; an ensemble's reference scores), threshold.scores (each run's
threshold as a score on the judged training units) and fitted (when, the
workbench version, and the training data's name, bytes, lines, sha256 and
format). law score and law watch then need nothing else. Relative paths in
it are rewritten for where it is written.

Options:
  --data PATH   train on this file instead of the spec's source.path
  --out FILE    write the fitted spec here (default: standard output)
  -h, --help    show this help

Notes on standard error say what makes the file big (LOF keeps its training
rows); above 50 MB it warns.

Exit codes: 0 ok; 1 the training data could not be read, or FILE could not
be written (its folder is checked before training); 2 bad arguments, or a
spec that cannot be read or is invalid.`,
  screen: `law screen SPEC [--data PATH] [--format table|json] [--apply OUT] [--resamples N] [--seed S]

Tries candidate feature sets built from what the data has (the defaults;
level + template; template rarity; numeric fields; hashed TF-IDF of the text;
categorical indicators; 5-minute windows where lines have times; for
sessions and windows, event counts, volume and numeric aggregates) × every
detector with its default parameters, on SPEC's data, labels and split.

With labels: ranked by PR-AUC, with bootstrap 95 % intervals of PR-AUC and
ROC-AUC (N stratified resamples, seeded; every candidate on the same
resamples), and a paired bootstrap of #1 against #2. Without labels: ranked
by a proxy, named as such: the stability of the ranking when the detector is
refitted on an 80 % subsample (and with another seed).

JSON: {"candidates": [{"name", "features", "detector": {"type", "params"},
"metrics": {"rocAuc", "prAuc"}, "ci": {"rocAuc": [lo, hi], "prAuc": [lo, hi]},
"labelFree", "units", "ms", "error"}], "best": INDEX, "criterion":
"labels"|"label-free", "comparison"}, best first.

Options:
  --data PATH       screen this file instead of the spec's source.path
  --format FORMAT   table (default) or json
  --apply OUT       write SPEC with the best candidate's features and detector
                    (and the threshold on it) to OUT
  --resamples N     bootstrap resamples (default 1000)
  --seed S          seed of the resampling and of the subsamples (default 0)
  -h, --help        show this help

Progress goes to standard error every few seconds.

Exit codes: 0 ok; 1 the data could not be read, or OUT could not be written;
2 bad arguments, or a spec that cannot be read or is invalid.`,
  watch: `law watch SPEC [--data PATH] [--role scorer|trainer]

Runs the spec's deploy section until SIGTERM or SIGINT: reads deploy.source
from where it stopped last time, scores every unit with the newest model
version, sends what is flagged to deploy.sinks, and checkpoints in
deploy.state (default law-state beside the spec) only after every sink has a
batch, so a stop at any moment — kill -9 included — loses and repeats
nothing. SIGTERM/SIGINT finish the batch in hand, deliver what is queued
(up to 5 s; the rest stays in the outbox) and exit 0.

  deploy.source   file (followed like tail -F: rotation by rename or
                  copytruncate, a deleted file waited for), stdin, loki
                  (query_range), elasticsearch (search_after), sql
                  (MariaDB/MySQL or PostgreSQL, polled by an id column),
                  nats (a JetStream durable pull consumer any number of
                  workers share; a message is acknowledged once scored
                  into every sink)
  deploy.sinks    jsonl (a file or "-"; flagged units, or all with "all":
                  true), webhook (generic | slack | alertmanager; retried
                  with backoff from an on-disk outbox), sql (is_anomaly and
                  anomaly_score written back, an aggregate table of patterns),
                  nats (units and alerts on SUBJECT.units, SUBJECT.alerts)
  deploy.retrain  every N units or period, on the last lines and/or span,
                  in a worker thread; each version kept in the state
  deploy.alerts   group by template over a window, a budget per hour or day,
                  a silence list
  deploy.watchdog stall: no input for this long turns /healthz to 503 and
                  sends a stall alert
  deploy.metrics  port (and host, default 127.0.0.1) of /healthz and /metrics
  deploy.models   a NATS model registry (bucket): scorers switch to each
                  version the trainer publishes, between two batches

The service's own log is JSON lines on standard error.

Options:
  --data PATH   train on this file first (also re-trains a fitted spec)
  --role R      scorer (default), or trainer: keep the rolling baseline,
                retrain on deploy.retrain.every and publish to deploy.models
  -h, --help    show this help`,

  parse: `law parse FILE [--format F] [--output jsonl|templates] [--similarity S] [--depth D]

Mines templates from FILE (or standard input with "-") with the workbench's
template miner: variable parts become <*>.
  jsonl       one line per input line: {"line": 1, "templateId": 7, "template": "…"}
  templates   the template table: count, id and template, most frequent first

Options:
  --format F        auto (default) or a reader name (text, jsonl, csv, …)
  --output O        jsonl (default) or templates
  --similarity S    how alike a line must be to join a template (0–1)
  --depth D         prefix-tree depth
  -h, --help        show this help

Template ids are the page's: a template that merged into another answers
with the id of the one it joined, so one template has one id.

Exit codes: 0 ok (also when the reader stops early, as with | head); 1 FILE
could not be read (missing, a folder, unreadable, empty); 2 bad arguments.`,
};
