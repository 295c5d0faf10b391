/**
 * Typed errors. Each carries the process exit status it maps to; only `cli/main.ts`
 * turns them into output and an exit code. Anything that is not a DelivError is a bug.
 */

export const ExitCode = {
  /** Verdict below the --fail-on level. */
  Ok: 0,
  /** Verdict at or above the --fail-on level: the CI gate failed. */
  GateFailed: 1,
  /** Bad input, bad usage or bad configuration. */
  BadInput: 2,
  /** An internal error: a bug in deliv. */
  InternalError: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class DelivError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Where in an input file something was found. Lines and columns are 1-based. */
export interface InputLocation {
  file: string;
  line?: number;
  column?: number;
}

/** Bad input that stops the run: a file that cannot be read as any layout, a broken CSV. */
export class InputError extends DelivError {
  constructor(
    readonly location: InputLocation,
    readonly problem: string,
    readonly expected?: string,
  ) {
    super(formatLocated(location, problem, expected), ExitCode.BadInput);
  }
}

/** Bad flags or arguments. */
export class UsageError extends DelivError {
  constructor(message: string) {
    super(message, ExitCode.BadInput);
  }
}

/** A configuration or policy file that does not validate. */
export class ConfigError extends DelivError {
  constructor(message: string) {
    super(message, ExitCode.BadInput);
  }
}

export function formatLocation({ file, line, column }: InputLocation): string {
  let where = file;
  if (line !== undefined) where += `:${line}`;
  if (line !== undefined && column !== undefined) where += `:${column}`;
  return where;
}

function formatLocated(location: InputLocation, problem: string, expected?: string): string {
  const tail = expected ? `; expected ${expected}` : '';
  return `${formatLocation(location)}: ${problem}${tail}`;
}
