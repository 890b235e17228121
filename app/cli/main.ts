import { HELP } from './help.ts';
import { UsageError } from './node-source.ts';
import { runCommand } from './run-command.ts';
import { scoreCommand } from './score-command.ts';
import { parseCommand } from './parse-command.ts';
import { fitCommand } from './fit-command.ts';
import { watchCommand } from './watch-command.ts';

type Command = (args: string[], out: (s: string) => void, warn: (s: string) => void, drain: () => Promise<void>) => Promise<void>;

const COMMANDS: Record<string, Command> = {
  run: runCommand,
  fit: fitCommand,
  score: scoreCommand,
  watch: watchCommand,
  parse: parseCommand,
};

/** Waits while standard output's buffer is full, so a slow reader of a pipe slows `law` down instead of filling its memory. */
function stdoutDrain(): Promise<void> {
  if (!process.stdout.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve) => process.stdout.once('drain', resolve));
}

/**
 * The `law` entry point. Returns the exit code: 0 ok, 1 data that could not be
 * read or scored, 2 bad arguments or an invalid spec (one line on stderr).
 */
export async function main(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s + '\n'),
  err: (s: string) => void = (s) => process.stderr.write(s + '\n'),
  drain: () => Promise<void> = stdoutDrain,
): Promise<number> {
  const [command, ...rest] = argv;
  if (!command) {
    err(`law: no command given (commands: ${Object.keys(COMMANDS).join(', ')}; see law --help)`);
    return 2;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    out(HELP.law);
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    err(`law: unknown command "${command}" (commands: ${Object.keys(COMMANDS).join(', ')}; see law --help)`);
    return 2;
  }
  try {
    await run(rest, out, (s) => err(`law ${command}: ${s}`), drain);
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
