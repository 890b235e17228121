/** The service's own log: one JSON object per line on standard error, for journald, Loki or jq. */
export type ServiceLog = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

export function jsonLog(write: (line: string) => void = (l) => process.stderr.write(l + '\n')): ServiceLog {
  return (level, msg, fields = {}) => write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));
}
