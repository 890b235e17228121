/** Ordinal severity of a log level: TRACE 0, DEBUG 1, INFO 2, WARN 3, ERROR 4, FATAL 5. */
export const LEVELS: Record<string, number> = {
  TRACE: 0, FINEST: 0, FINER: 0, VERBOSE: 0, DEBUG: 1, FINE: 1,
  INFO: 2, NOTICE: 2, INFORMATION: 2, INFORMATIONAL: 2,
  WARN: 3, WARNING: 3,
  ERROR: 4, ERR: 4, SEVERE: 4,
  // BGL's levels run INFO < WARNING < SEVERE < ERROR < FAILURE < FATAL: FAILURE sits with the worst.
  FATAL: 5, FAILURE: 5, CRITICAL: 5, CRIT: 5, ALERT: 5, EMERG: 5, EMERGENCY: 5, PANIC: 5,
};

/**
 * Level words found anywhere in the line, in any case. FAILURE is not one of
 * them in lower case: "authentication failure" is prose, not a level.
 */
const LEVEL_WORD =
  /\b(TRACE|FINEST|FINER|DEBUG|FINE|INFO|NOTICE|INFORMATIONAL|INFORMATION|WARN|WARNING|ERROR|ERR|SEVERE|FATAL|CRITICAL|CRIT|ALERT|EMERGENCY|EMERG|PANIC)\b|\b(FAILURE)\b/i;

/**
 * Android logcat's one-letter priority, where logcat puts it: `threadtime`
 * (`03-17 16:13:38.811  1702  2395 D Tag: …`) and `brief` (`D/Tag( 123): …`).
 */
const LOGCAT = /^(?:\d\d-\d\d \d\d:\d\d:\d\d\.\d+\s+\d+\s+\d+\s+([VDIWEFA])\s|([VDIWEFA])\/[^(\s]+\(\s*\d+\):)/;
const LOGCAT_LEVELS: Record<string, number> = { V: 0, D: 1, I: 2, W: 3, E: 4, F: 5, A: 5 };

/** The first characters searched for a level word: levels sit in a line's header. */
const HEADER_CHARS = 120;

/**
 * The severity of a line: from a level field when there is one, else
 * logcat's priority letter, else the first level word in the first 120
 * characters of the message (any case; FAILURE only in capitals).
 * @returns 0–5, or NaN when no level is found
 */
export function logLevel(message: string, field?: unknown): number {
  if (typeof field === 'string') {
    const v = LEVELS[field.toUpperCase()];
    if (v !== undefined) return v;
  }
  const head = message.length > HEADER_CHARS ? message.slice(0, HEADER_CHARS) : message;
  const cat = LOGCAT.exec(head);
  if (cat) return LOGCAT_LEVELS[cat[1] ?? cat[2]];
  let rest = head;
  for (;;) {
    const m = LEVEL_WORD.exec(rest);
    if (!m) return NaN;
    if (m[1]) return LEVELS[m[1].toUpperCase()];
    if (m[2] === 'FAILURE') return LEVELS.FAILURE;
    rest = rest.slice(m.index + m[0].length); // a lower-case "failure": look further
  }
}
