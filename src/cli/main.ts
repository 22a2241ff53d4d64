#!/usr/bin/env node
import { SpecError } from '../spec';
import { type CommandContext, ExitCode, UsageError } from './command';
import { commands } from './commands';
import { exitWhenSettled } from './exitWhenSettled';

const VERSION: string = (require('../../package.json') as { version: string }).version;

const HELP = `Usage: activity-log-contract <command> [options]

Contract tests and schema conformance for Sequence's Activity Log API (GET /activity-logs/{id},
version 2024-07-30), derived from one OpenAPI document.

Commands:
${commands.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`).join('\n')}

Run 'activity-log-contract <command> --help' for a command's options.

Exit codes:
  0  everything checked passed
  1  a contract violation
  2  a usage or configuration error, a broken spec, or unreadable input
  3  the provider could not be reached, or still failed after retries`;

/** Runs one command line; returns the exit code. Never throws: every error becomes a message and a code. */
export async function main(argv: readonly string[], context: CommandContext): Promise<number> {
  // Pact's tools report usage to the internet unless told not to; the user may opt back in explicitly.
  context.env['PACT_DO_NOT_TRACK'] ??= 'true';
  context.env['SCARF_ANALYTICS'] ??= 'false';
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    context.stdout.write(`${HELP}\n`);
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (name === '--version' || name === '-v') {
    context.stdout.write(`${VERSION}\n`);
    return ExitCode.ok;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    context.stderr.write(`activity-log-contract: unknown command '${name}'\n\n${HELP}\n`);
    return ExitCode.usage;
  }
  try {
    return await entry.load().run(args, context);
  } catch (error) {
    if (error instanceof UsageError) {
      context.stderr.write(
        `activity-log-contract ${name}: ${error.message}\nRun 'activity-log-contract ${name} --help' for usage.\n`,
      );
      return ExitCode.usage;
    }
    if (error instanceof SpecError) {
      context.stderr.write(`activity-log-contract ${name}: broken spec: ${error.message}\n`);
      return ExitCode.usage;
    }
    const detail = context.env['DEBUG'] ? `\n${(error as Error).stack}` : '';
    context.stderr.write(
      `activity-log-contract ${name}: unexpected error: ${(error as Error).message ?? String(error)}${detail}\n`,
    );
    return ExitCode.usage;
  }
}

if (require.main === module) {
  // A reader that closes early (`| head`, `2>&1 | head`) is not an error, on stdout or stderr.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    });
  }
  exitWhenSettled(
    main(process.argv.slice(2), {
      stdout: process.stdout,
      stderr: process.stderr,
      stdin: process.stdin,
      env: process.env,
      cwd: process.cwd(),
    }),
    process,
  );
}
