import path from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { DEFAULT_SPEC_FILE } from '../spec/loadSpec';
import { UsageError } from './command';
import { unknownOptionMessage } from './unknownOption';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `util.parseArgs`, strict, with its complaints turned into usage errors (exit 2, no stack trace). */
type Parsed<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>
>;

export function parseCommandArgs<T extends Options>(args: readonly string[], options: T): Parsed<T> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's own text for a typo ("To specify a positional argument starting with a '-'…") misleads.
    const unknown = /^Unknown option '([^']+)'/.exec((error as Error).message);
    if ((error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown?.[1])
      throw new UsageError(unknownOptionMessage(unknown[1], Object.keys(options)));
    throw new UsageError((error as Error).message);
  }
}

/** Options every reporting command shares. */
export const REPORT_OPTIONS = {
  spec: { type: 'string' },
  format: { type: 'string', default: 'human' },
  junit: { type: 'string' },
  strict: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies Options;

export type ReportFormat = 'human' | 'json';

export function reportFormat(value: string | undefined): ReportFormat {
  if (value === 'human' || value === 'json') return value;
  throw new UsageError(`--format must be 'human' or 'json', not '${value}'`);
}

/** The spec a command reads: `--spec`, relative to the command's working folder, or the bundled one. */
export function specFileOption(value: string | undefined, cwd: string): string {
  return value === undefined ? DEFAULT_SPEC_FILE : path.resolve(cwd, value);
}

/** The package's own folder (holding spec/, contracts/, pacts/), from src/cli or dist/cli alike. */
export const PACKAGE_ROOT = path.resolve(__dirname, '../..');

/**
 * `util.parseArgs` reads the `-12` of `--seed -12` as a flag: a negative integer after one of `flags` is
 * joined to it (`--seed=-12`), so that `generate` and `mock` take negative seeds as written.
 *
 * @example joinNegativeNumbers(['--seed', '-12', '--valid', '3'], ['--seed']) // ['--seed=-12', '--valid', '3']
 */
export function joinNegativeNumbers(args: readonly string[], flags: readonly string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    const previous = out[out.length - 1];
    if (previous !== undefined && flags.includes(previous) && /^-\d+$/.test(arg))
      out[out.length - 1] = `${previous}=${arg}`;
    else out.push(arg);
  }
  return out;
}
