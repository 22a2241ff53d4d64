import { ExitCode } from './command';

/** The parts of `process` the CLI's exit needs; a test passes an EventEmitter with the same shape. */
export interface ExitingProcess {
  once(event: 'beforeExit', listener: () => void): unknown;
  readonly stderr: NodeJS.WritableStream;
  exitCode?: number | string | null | undefined;
}

/**
 * Sets the exit code when `run` settles. Node exits 0 once nothing is left to wait for, so a command stuck
 * on a promise nothing can settle would end mid-report and "pass": that is said on stderr, and exits 2.
 *
 * @example exitWhenSettled(main(argv, context), process)
 */
export function exitWhenSettled(run: Promise<number>, proc: ExitingProcess): void {
  let settled = false;
  proc.once('beforeExit', () => {
    if (settled) return;
    proc.stderr.write(
      'activity-log-contract: stopped before finishing (it waited for something that can never come); the output above is incomplete\n',
    );
    proc.exitCode = ExitCode.usage;
  });
  run.then((code) => {
    settled = true;
    proc.exitCode = code;
  });
}
