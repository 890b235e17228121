/**
 * The command line every dataset generator shares: run only when the module
 * is the script Node was started with (so a generator stays importable from
 * the browser bundle), `--name value` flags, `--help`, and writing files
 * beside the generator unless `--out`-style flags say where.
 */
export interface GeneratorRun {
  /** The flags given, by name without dashes (`--loki-out x` → `"loki-out": "x"`). */
  flags: Record<string, string | undefined>;
  /** Where to write: the flag's path if given, else `name` beside the generator. */
  outPath(flag: string | undefined, name: string): string;
  write(path: string, text: string): void;
}

/**
 * Runs `main` when `moduleUrl` (the generator's `import.meta.url`) is the
 * script being run; errors are printed and set exit code 1.
 * @param flagNames accepted flags, without dashes
 */
export function runWhenMain(moduleUrl: string, usage: string, flagNames: string[], main: (run: GeneratorRun) => void): void {
  start(moduleUrl, usage, flagNames, main).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}

async function start(moduleUrl: string, usage: string, flagNames: string[], main: (run: GeneratorRun) => void): Promise<void> {
  // Only touch Node when run by Node.
  if (typeof process === 'undefined' || !Array.isArray(process.argv) || typeof process.argv[1] !== 'string') return;
  const { pathToFileURL, fileURLToPath } = await import('node:url');
  if (moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  const { writeFileSync } = await import('node:fs');
  const { resolve } = await import('node:path');

  const args = process.argv.slice(2);
  const flags: Record<string, string | undefined> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') {
      console.log(usage);
      return;
    }
    const name = a.startsWith('--') ? a.slice(2) : '';
    if (!flagNames.includes(name)) throw new Error(`unknown argument: ${a}\n${usage}`);
    const v = args[++i];
    if (v === undefined) throw new Error(`${a} needs a value\n${usage}`);
    flags[name] = v;
  }
  main({
    flags,
    outPath: (flag, name) => (flag !== undefined ? resolve(flag) : fileURLToPath(new URL(`./${name}`, moduleUrl))),
    write: (path, text) => writeFileSync(path, text),
  });
}
