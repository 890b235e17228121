import { HELP } from './help.ts';
import { UsageError } from './node-source.ts';
import { setReadLimits, takeReadLimits } from './read-limits.ts';

type Command = (args: string[], out: (s: string) => void, warn: (s: string) => void, drain: () => Promise<void>) => Promise<void>;

/**
 * Each command is loaded when it is asked for: TensorFlow.js and the database
 * drivers cost most of a start, and `law --help` or `law parse` need neither.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./run-command.ts')).runCommand,
  fit: async () => (await import('./fit-command.ts')).fitCommand,
  score: async () => (await import('./score-command.ts')).scoreCommand,
  watch: async () => (await import('./watch-command.ts')).watchCommand,
  parse: async () => (await import('./parse-command.ts')).parseCommand,
  screen: async () => (await import('./screen-command.ts')).screenCommand,
};

/** Waits while standard output's buffer is full, so a slow reader of a pipe slows `law` down instead of filling its memory. */
function stdoutDrain(): Promise<void> {
  if (!process.stdout.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve) => process.stdout.once('drain', resolve));
}

/**
 * Standard error as `law`'s default writer. A reader of it that goes away
 * (`law … 2>&1 >out | head -1`) costs the rest of the notes, not the job:
 * without a listener, Node would end the process with exit code 1 on EPIPE.
 * (A reader of standard output that goes away ends `law` with 0: bin/law.js.)
 */
function writeStderr(s: string): void {
  if (!stderrGone) process.stderr.write(s + '\n');
}
let stderrGone = false;
let stderrListened = false;
function listenForStderrGone(): void {
  if (stderrListened) return;
  stderrListened = true;
  process.stderr.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    stderrGone = true;
  });
}

/**
 * The `law` entry point. Returns the exit code, as `law --help` documents it:
 * 0 ok; 1 a data file that could not be read or scored, or an output file
 * that could not be written; 2 bad arguments, or a spec (or its label file)
 * that cannot be read or is invalid. Every error is one line on stderr, and
 * every file error names the path.
 */
export async function main(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s + '\n'),
  err: (s: string) => void = writeStderr,
  drain: () => Promise<void> = stdoutDrain,
): Promise<number> {
  if (err === writeStderr) listenForStderrGone();
  const [command, ...rest] = argv;
  if (!command) {
    err(`law: no command given (commands: ${Object.keys(COMMANDS).join(', ')}; see law --help)`);
    return 2;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    out(HELP.law);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    err(`law: unknown command "${command}" (commands: ${Object.keys(COMMANDS).join(', ')}; see law --help)`);
    return 2;
  }
  try {
    const { args, limits } = takeReadLimits(rest);
    setReadLimits(limits);
    const run = await load();
    await run(args, out, (s) => err(`law ${command}: ${s}`), drain);
    return 0;
  } catch (e) {
    const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    err(`law ${command}: ${oneLine((e as Error).message)}`);
    return usage ? 2 : 1;
  }
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}
