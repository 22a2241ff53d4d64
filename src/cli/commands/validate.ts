import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Summary } from '../../report';
import { loadSpec } from '../../spec';
import { getValidator, readRecordings } from '../../validation';
import { BlockPool } from '../../validation/readRecordings';
import { parseCommandArgs, REPORT_OPTIONS, specFileOption } from '../args';
import { type Command, ExitCode, UsageError } from '../command';
import { Judges } from '../judge/judgeInOrder';
import { progress } from '../output';
import { findingsMode, ValidateReport, validateFormat } from '../validateReport';

export const validate: Command = {
  name: 'validate',
  help: `Usage: activity-log-contract validate <file|dir|-> … [options]

Validates recorded responses against the spec. Each input is a JSON file (one recording), an NDJSON
file (.ndjson/.jsonl: one recording a line, streamed), a directory (its .json/.ndjson/.jsonl files,
recursively) or - for stdin (once). A recording is a bare JSON body (the 200 response of GET
/activity-logs/{id}) or an envelope {request: {method, path}, response: {status, headers, body}}.
Unreadable inputs are reported and the run goes on with the others.

Options:
  --spec <file>          OpenAPI 3.0 or 3.1 document to validate against (default: the bundled spec)
  --format human|json|ndjson
                         report on stdout (default: human). human and json group the findings that
                         are the same (rule, keyword, spec location, pointer with array indexes as *):
                         one entry each, with a count and the first sources; ndjson writes every
                         finding, one JSON object a line, then a summary line
  --findings grouped|all
                         grouped (default), or all: every response that did not pass, with all its
                         findings, in the human, json and JUnit reports (large on large inputs)
  --junit <file>         also write a JUnit XML report (grouped: the first 100 failing and 100 passing
                         responses, then one testcase that counts the rest and holds the grouped findings)
  --strict               undocumented properties are failures, not warnings
  --jobs <n>             worker threads that parse and validate (default: the number of cores, at most
                         4; 1 keeps everything on this thread); an input of fewer than 2,000 recordings
                         and 8 MB stays on one thread; the same report for any n
  -h, --help             this help

Exit codes: 0 all passed, 1 a contract violation, 2 a usage error or unreadable input (2 wins over 1).`,

  async run(args, context) {
    const { values, positionals } = parseCommandArgs(args, {
      ...REPORT_OPTIONS,
      jobs: { type: 'string' },
      findings: { type: 'string' },
    });
    if (values.help) {
      context.stdout.write(`${this.help}\n`);
      return ExitCode.ok;
    }
    const format = validateFormat(values.format);
    const findings = findingsMode(values.findings);
    if (positionals.length === 0)
      throw new UsageError('validate needs at least one file, directory or - (stdin)');
    // A second read of stdin would wait for input that never comes, and Node would exit 0 mid-report.
    const stdinReads = positionals.filter((input) => input === '-').length;
    if (stdinReads > 1) throw new UsageError(`- (stdin) can be read only once, got it ${stdinReads} times`);
    const specFile = specFileOption(values.spec, context.cwd);
    const strict = values.strict === true;
    const jobs = jobsOption(values.jobs);
    // Workers for a large input start now, and load the spec while this thread loads it too.
    const knownBytes = await namedFileBytes(positionals, context.cwd);
    // Blocks of lines in flight, at most: two batches a worker, a batch up to two blocks, one being read.
    const blocks = new BlockPool(4 * jobs + 1);
    const judges = new Judges({ specFile, strict, jobs, knownBytes, blocks });
    try {
      // Loaded here, so that a broken spec is reported before any input is read; its validators are compiled
      // here only if this thread judges.
      if (!judges.inWorkers) getValidator(specFile);
      else {
        loadSpec(specFile);
        await judges.ready();
      }
      // Nothing is kept per response: entries go to stdout and to the JUnit file as they come, findings are
      // kept as groups, so memory stays bounded whatever the size of the input.
      const report = await ValidateReport.open({
        stdout: context.stdout,
        cwd: context.cwd,
        format,
        findings,
        junit: values.junit,
      });
      const meter = progress(context.stderr, 1000);
      try {
        const items = readRecordings(positionals, {
          cwd: context.cwd,
          stdin: context.stdin,
          lines: 'raw',
          blocks,
        });
        for await (const batch of judges.judge(items)) {
          for (const judged of batch) {
            // A worker's block: a passing line is its number alone, counted without making its entry.
            const { source, title, entries } = Array.isArray(judged)
              ? { source: '', title: '', entries: judged }
              : { source: judged.source, title: judged.title ?? '', entries: judged.entries };
            for (const entry of entries) {
              const written =
                typeof entry === 'number' ? report.addPassed(source, entry, title) : report.add(entry);
              if (written) await written;
              meter.tick('validated');
            }
          }
        }
      } finally {
        meter.done();
      }
      const summary = report.summary;
      await report.close();
      return exitCodeFor(summary);
    } finally {
      await judges.close();
    }
  },
};

/** The bytes of the regular files named on the command line (folders and stdin count for nothing). */
async function namedFileBytes(inputs: readonly string[], cwd: string): Promise<number> {
  let bytes = 0;
  for (const input of inputs) {
    if (input === '-') continue;
    const stat = await fs.stat(path.resolve(cwd, input)).catch(() => undefined);
    if (stat?.isFile()) bytes += stat.size;
  }
  return bytes;
}

/** Workers `validate` starts at most unless `--jobs` says otherwise. */
const DEFAULT_MAX_JOBS = 4;

/** `--jobs`: worker threads for parsing and validation (default: one a core, at most `DEFAULT_MAX_JOBS`). */
function jobsOption(raw: string | undefined): number {
  // On 2 cores, 2 workers take as long as one thread or up to a quarter less (README, `validate`); on more
  // cores they have cores of their own. Each worker holds its own validators (tens of MB): a machine of many
  // cores does not get one a core by default.
  if (raw === undefined) return Math.min(os.availableParallelism(), DEFAULT_MAX_JOBS);
  const jobs = Number(raw);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) {
    throw new UsageError(`--jobs must be a whole number from 1 to 256, got '${raw}'`);
  }
  return jobs;
}

export function exitCodeFor(summary: Summary): number {
  if (summary.unreadable > 0) return ExitCode.usage;
  return summary.failed > 0 ? ExitCode.violation : ExitCode.ok;
}
