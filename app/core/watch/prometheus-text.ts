/** One metric as Prometheus shows it. */
export interface Metric {
  /** e.g. `law_units_scored_total` (counters end in `_total`). */
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  value: number;
}

/**
 * Metrics in the Prometheus text exposition format (version 0.0.4): a HELP
 * and a TYPE line, then the sample, for each. NaN and ±Infinity are written
 * as Prometheus spells them.
 */
export function prometheusText(metrics: Metric[]): string {
  const lines: string[] = [];
  for (const m of metrics) {
    lines.push(`# HELP ${m.name} ${m.help.replaceAll('\\', '\\\\').replaceAll('\n', '\\n')}`);
    lines.push(`# TYPE ${m.name} ${m.type}`);
    lines.push(`${m.name} ${number(m.value)}`);
  }
  return lines.join('\n') + '\n';
}

function number(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}
