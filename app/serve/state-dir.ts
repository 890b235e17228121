import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The service's state folder: checkpoints, outboxes and model versions.
 * Every write is atomic and durable — written to a temporary file, flushed
 * to disk, renamed over the old one, and the folder flushed — so a kill -9
 * at any moment leaves either the old file or the new one, never half.
 */
export class StateDir {
  constructor(readonly dir: string) {
    mkdirSync(join(dir, 'models'), { recursive: true });
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  readJson<T>(name: string): T | null {
    try {
      return JSON.parse(readFileSync(this.path(name), 'utf8')) as T;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new Error(`state ${this.path(name)}: ${(e as Error).message}`, { cause: e });
    }
  }

  writeJson(name: string, value: unknown): void {
    this.writeText(name, JSON.stringify(value));
  }

  writeText(name: string, text: string): void {
    const target = this.path(name);
    const temp = `${target}.tmp`;
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
    syncFolder(this.dir);
  }

  /** Model versions kept, ascending (`models/v000007.json` is 7). */
  modelVersions(): number[] {
    return readdirSync(join(this.dir, 'models'))
      .map((f) => /^v(\d+)\.json$/.exec(f)?.[1])
      .filter((v): v is string => v !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  }

  modelName(version: number): string {
    return `models/v${String(version).padStart(6, '0')}.json`;
  }
}

/** Flushes a folder's entries (a rename is durable only then). */
export function syncFolder(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
