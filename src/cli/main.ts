import { CommanderError } from 'commander';
import { DelivError, ExitCode } from '../errors.js';
import { buildProgram } from './program.js';

/**
 * The entry point and the one place errors become output and an exit status:
 * a DelivError prints its one-line message (exit 2), anything else is a bug (exit 3).
 */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  // `deliv ... | head`: the reader has gone; stop quietly, as command-line tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(exitCode);
    throw error;
  });
  const color = Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'];
  const program = buildProgram({
    print: (text) => process.stdout.write(`${text}\n`),
    setExitCode: (code) => (exitCode = code),
    now: () => Date.now(),
    color,
    env: process.env,
  });
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return ExitCode.BadInput;
    }
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has already printed its message; help and version exit 0.
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.BadInput;
    }
    if (error instanceof DelivError) {
      process.stderr.write(`deliv: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`deliv: internal error (this is a bug; please report it with the command you ran):\n${message}\n`);
    return ExitCode.InternalError;
  }
}
