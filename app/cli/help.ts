/** `law --help` and `law CMD --help`. Keep in step with docs/interfaces.md and the README. */
export const HELP: Record<string, string> = {
  law: `law — Log Anomaly Workbench on the command line

Usage: law <command> [options]

Commands:
  run SPEC      run every detector of an experiment spec and report metrics
  score         score the units of a log file with a spec's threshold run, one JSON line each
  parse FILE    mine log templates: one JSON line per input line, or the template table

Options:
  -h, --help    show help (law <command> --help for a command's options)

Exit codes: 0 ok, 1 the data could not be read or scored, 2 bad arguments or an invalid spec.`,

  run: `law run SPEC [--data PATH] [--format table|json]

Runs every detector of SPEC (an experiment spec exported from the workbench,
version 1) on its data and reports ROC-AUC, PR-AUC, precision, recall, F1 at
the threshold, best F1 and timings. Metrics that need labels are null without.

Options:
  --data PATH       read this file instead of the spec's source.path
                    (source.path is resolved against the spec's folder)
  --format FORMAT   table (default) or json (one object on stdout)
  -h, --help        show this help`,

  score: `law score --config SPEC [FILE|-] [--run ID] [--follow]

Fits the spec's threshold run on the spec's data (or uses the fitted model the
spec carries) and scores every unit of FILE (or standard input, "-" or no
FILE), printing one JSON line per unit:
  {"row": 0, "line": 1, "score": 0.42, "anomaly": false, "text": "…"}
Higher scores are more anomalous; "anomaly" is score >= the spec's threshold
(every threshold method but "score" is turned into a score on the training
data; best-f1 and fpr need its labels, alert-budget its timestamps).
For session and window units, "text" is the session id or the window's span
and "line" its first line.

Options:
  --config SPEC   the experiment spec (required)
  --run ID        score with this detector instead of the threshold's run
  --follow        keep reading FILE as it grows (like tail -f); Ctrl-C stops;
                  line and row units only
  --data PATH     training data instead of the spec's source.path
  -h, --help      show this help`,
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
  -h, --help        show this help`,
};
