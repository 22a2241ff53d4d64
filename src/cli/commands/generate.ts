import { promises as fs } from 'node:fs';
import path from 'node:path';
import { corpusLines } from '../../generation';
import { makeDirectory } from '../../makeDirectory';
import { loadSpec } from '../../spec';
import { joinNegativeNumbers, parseCommandArgs, specFileOption } from '../args';
import { type Command, ExitCode, UsageError } from '../command';

const OPTIONS = {
  valid: { type: 'string' },
  invalid: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  spec: { type: 'string' },
  'undocumented-rate': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const generate: Command = {
  name: 'generate',
  help: `Usage: activity-log-contract generate (--valid N | --invalid N) --seed S [--out file] [--spec file]
                                            [--undocumented-rate R]

Writes N random activity logs (the 200 body of GET /activity-logs/{id}), derived from the spec, one
JSON document a line, to stdout or --out. Edge cases come up often on purpose: date-times with
offsets, 1 to 9 fraction digits, lowercase t/z, leap seconds, years 0000 and 9999; empty, very long,
astral-plane, right-to-left and control-character strings; empty and long arrays; free-form
metadata (nested, 1e308, -0); properties the spec does not list (it allows them).

  --valid N      N valid activity logs, one a line
  --invalid N    N invalid ones, each with exactly one violation, one a line as
                 {"violation":{"kind","pointer","keyword","message","schemaPath"},"value":…}
  --seed S       an integer (-2147483648..2147483647): the same seed writes the same bytes
  --out <file>   write there instead of stdout (its folder is created)
  --spec <file>  OpenAPI 3.0 or 3.1 document to generate from (default: the bundled spec)
  --undocumented-rate R
                 the chance, 0 to 1, that an object the spec leaves open gets 1 to 3 properties
                 the spec does not list (default 0.25: about 4 logs in 5 carry some); 0 writes
                 spec-exact logs, 1 adds some to every open object
  -h, --help     this help

Exit codes: 0 written, 2 a usage error, a broken spec or an unwritable --out.`,

  async run(args, context) {
    const { values, positionals } = parseCommandArgs(joinNegativeNumbers(args, ['--seed']), OPTIONS);
    if (values.help) {
      context.stdout.write(`${this.help}\n`);
      return ExitCode.ok;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if ((values.valid === undefined) === (values.invalid === undefined)) {
      throw new UsageError('give exactly one of --valid N or --invalid N');
    }
    const kind = values.valid !== undefined ? 'valid' : 'invalid';
    const count = wholeNumber(`--${kind}`, (values.valid ?? values.invalid) as string);
    if (values.seed === undefined)
      throw new UsageError('--seed S is required (the same seed writes the same bytes)');
    const seed = seedNumber(values.seed);
    const rate = values['undocumented-rate'];
    const extraPropertyRate = rate === undefined ? undefined : undocumentedRate(rate);
    const spec = values.spec === undefined ? undefined : loadSpec(specFileOption(values.spec, context.cwd));

    const lines = corpusLines({
      kind,
      count,
      seed,
      ...(spec ? { spec } : {}),
      ...(extraPropertyRate === undefined ? {} : { extraPropertyRate }),
    });
    if (values.out === undefined) {
      await writeLines(streamSink(context.stdout), lines);
      return ExitCode.ok;
    }
    const target = path.resolve(context.cwd, values.out);
    let file: fs.FileHandle | undefined;
    try {
      makeDirectory(path.dirname(target));
      file = await fs.open(target, 'w');
      const handle = file;
      await writeLines({ write: (chunk) => handle.write(chunk).then(() => undefined) }, lines);
    } catch (error) {
      throw new UsageError(
        `cannot write ${values.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    } finally {
      await file?.close();
    }
    context.stderr.write(
      `generate: wrote ${count} ${kind} activity log${count === 1 ? '' : 's'} to ${values.out} (seed ${seed})\n`,
    );
    return ExitCode.ok;
  },
};

/** Writes the lines in chunks, waiting for each: a corpus may be far bigger than memory. */
async function writeLines(
  sink: { write(chunk: string): Promise<void> },
  lines: Iterable<string>,
): Promise<void> {
  let buffer = '';
  for (const line of lines) {
    buffer += `${line}\n`;
    if (buffer.length < 64 * 1024) continue;
    await sink.write(buffer);
    buffer = '';
  }
  if (buffer !== '') await sink.write(buffer);
}

/** A stream as a sink that waits when the stream asks to (`| head`, a slow pipe). */
function streamSink(stream: NodeJS.WritableStream): { write(chunk: string): Promise<void> } {
  return {
    write: (chunk) =>
      stream.write(chunk)
        ? Promise.resolve()
        : new Promise((resolve) => stream.once('drain', () => resolve())),
  };
}

function wholeNumber(flag: string, raw: string): number {
  if (!/^\d+$/.test(raw)) throw new UsageError(`${flag} must be a whole number of lines, not '${raw}'`);
  // Beyond 2^53 - 1 a count can no longer be told from its neighbours, so lines could not be counted.
  if (!Number.isSafeInteger(Number(raw))) {
    throw new UsageError(`${flag} ${raw} is too large: at most ${Number.MAX_SAFE_INTEGER} (2^53 - 1) lines`);
  }
  return Number(raw);
}

function undocumentedRate(raw: string): number {
  const value = Number(raw);
  if (!/^(?:0|1|0?\.\d+|1\.0*)$/.test(raw) || value > 1)
    throw new UsageError(`--undocumented-rate must be a number from 0 to 1, such as 0.1, not '${raw}'`);
  return value;
}

function seedNumber(raw: string): number {
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || value < -(2 ** 31) || value > 2 ** 31 - 1) {
    throw new UsageError(`--seed must be an integer between -2147483648 and 2147483647, not '${raw}'`);
  }
  return value;
}
