/** What every command gets: its streams and environment, injected so tests can run commands in-process. */
export interface CommandContext {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /**
   * Stops a command that serves until stopped (`mock`, `proxy`) as SIGINT would: tests run them in-process
   * and abort this. Without it, they stop on SIGINT or SIGTERM.
   */
  readonly signal?: AbortSignal;
}

/** One `activity-log-contract <name>` command. It prints through the context and returns its exit code. */
export interface Command {
  readonly name: string;
  /** The command's full `--help` text (its one-line summary is in `commands/index.ts`). */
  readonly help: string;
  run(args: readonly string[], context: CommandContext): Promise<number>;
}

/** The exit codes, as documented in the README and `--help`. */
export const ExitCode = {
  /** Everything checked passed. */
  ok: 0,
  /** A contract violation: a response, example, pact or provider broke the spec. */
  violation: 1,
  /** A usage or configuration error, or input that cannot be read. */
  usage: 2,
  /** The provider could not be reached, or still failed after retries. */
  unreachable: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Misuse of the command line: printed without a stack trace, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
