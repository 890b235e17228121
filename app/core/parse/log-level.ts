/** Ordinal severity of a log level: TRACE 0, DEBUG 1, INFO 2, WARN 3, ERROR 4, FATAL 5. */
export const LEVELS: Record<string, number> = {
  TRACE: 0, FINEST: 0, FINER: 0, DEBUG: 1, FINE: 1,
  INFO: 2, NOTICE: 2, INFORMATION: 2,
  WARN: 3, WARNING: 3,
  ERROR: 4, ERR: 4, SEVERE: 4,
  FATAL: 5, CRITICAL: 5, CRIT: 5, ALERT: 5, EMERG: 5, PANIC: 5,
};

const LEVEL_WORD = /\b(TRACE|FINEST|FINER|DEBUG|FINE|INFO|NOTICE|INFORMATION|WARN|WARNING|ERROR|ERR|SEVERE|FATAL|CRITICAL|CRIT|ALERT|EMERG|PANIC)\b/i;

/**
 * The severity of a line: from a level field when there is one, else the
 * first level word in the first 120 characters of the message.
 * @returns 0–5, or NaN when no level is found
 */
export function logLevel(message: string, field?: unknown): number {
  if (typeof field === 'string') {
    const v = LEVELS[field.toUpperCase()];
    if (v !== undefined) return v;
  }
  const m = LEVEL_WORD.exec(message.length > 120 ? message.slice(0, 120) : message);
  return m ? LEVELS[m[1].toUpperCase()] : NaN;
}
