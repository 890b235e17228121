import { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILE_ROWS } from '../core/ingest/read-logs.ts';
import { UsageError } from './node-source.ts';

/** How much of a file read whole `law` takes before refusing it (`--max-bytes`, `--max-rows`, any command). */
export interface ReadLimits {
  maxBytes: number;
  maxRows: number;
}

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1e3, kb: 1e3, kib: 1024, m: 1e6, mb: 1e6, mib: 1 << 20, g: 1e9, gb: 1e9, gib: 1 << 30, t: 1e12, tb: 1e12, tib: 2 ** 40 };

/** `512MiB`, `2GB`, `1e6` → bytes. */
export function parseSize(text: string, flag: string): number {
  const m = /^\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  const bytes = m && unit !== undefined ? Math.floor(Number(m[1]) * unit) : NaN;
  if (!(bytes >= 1 && Number.isSafeInteger(bytes))) throw new UsageError(`${flag}: ${JSON.stringify(text)} is not a size such as 512MiB or 2GB`);
  return bytes;
}

/**
 * Takes `--max-bytes SIZE` and `--max-rows N` out of any command's arguments
 * (they bound every file `law` reads whole; streams are not bounded).
 */
export function takeReadLimits(args: string[]): { args: string[]; limits: ReadLimits } {
  const limits: ReadLimits = { maxBytes: DEFAULT_MAX_FILE_BYTES, maxRows: DEFAULT_MAX_FILE_ROWS };
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    if (flag !== '--max-bytes' && flag !== '--max-rows') {
      rest.push(args[i]);
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) throw new UsageError(`${flag}: give a value`);
    if (flag === '--max-bytes') limits.maxBytes = parseSize(value, flag);
    else {
      const n = Number(value);
      if (!(Number.isSafeInteger(n) && n >= 1)) throw new UsageError(`--max-rows: ${JSON.stringify(value)} is not a whole number ≥ 1`);
      limits.maxRows = n;
    }
  }
  return { args: rest, limits };
}

let current: ReadLimits = { maxBytes: DEFAULT_MAX_FILE_BYTES, maxRows: DEFAULT_MAX_FILE_ROWS };

/** The limits of this `law` process (set once by `main`). */
export function readLimits(): ReadLimits {
  return current;
}

export function setReadLimits(limits: ReadLimits): void {
  current = limits;
}
