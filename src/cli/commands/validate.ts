import path from 'node:path';
import {
  addToSummary,
  emptySummary,
  entryFromResult,
  jsonStream,
  type ReportEntry,
  renderEntry,
  renderSummary,
  type Summary,
  unreadableEntry,
} from '../../report';
import { DEFAULT_SPEC_FILE } from '../../spec';
import {
  getValidator,
  isRecordingProblem,
  parseRecording,
  readRecordings,
  type SpecValidator,
} from '../../validation';
import { parseCommandArgs, REPORT_OPTIONS, reportFormat } from '../args';
import { type Command, ExitCode, UsageError } from '../command';
import { JunitFile, progress } from '../output';

/** Beyond this many, passing responses are counted in the JUnit report but not listed one by one. */
const LISTED_PASSES = 10_000;

export const validate: Command = {
  name: 'validate',
  summary: 'validate recorded responses (JSON, NDJSON, stdin) against the spec',
  help: `Usage: activity-log-contract validate <file|dir|-> … [options]

Validates recorded responses against the spec. Each input is a JSON file (one recording), an NDJSON
file (.ndjson/.jsonl: one recording a line, streamed), a directory (its .json/.ndjson/.jsonl files,
recursively) or - for stdin (once). A recording is a bare JSON body (the 200 response of GET
/activity-logs/{id}) or an envelope {request: {method, path}, response: {status, headers, body}}.
Unreadable inputs are reported and the run goes on with the others.

Options:
  --spec <file>          OpenAPI 3.0 or 3.1 document to validate against (default: the bundled spec)
  --format human|json    report on stdout (default: human; both list every response that did not pass)
  --junit <file>         also write a JUnit XML report
  --strict               undocumented properties are failures, not warnings
  -h, --help             this help

Exit codes: 0 all passed, 1 a contract violation, 2 a usage error or unreadable input (2 wins over 1).`,

  async run(args, context) {
    const { values, positionals } = parseCommandArgs(args, REPORT_OPTIONS);
    if (values.help) {
      context.stdout.write(`${this.help}\n`);
      return ExitCode.ok;
    }
    const format = reportFormat(values.format);
    if (positionals.length === 0)
      throw new UsageError('validate needs at least one file, directory or - (stdin)');
    // A second read of stdin would wait for input that never comes, and Node would exit 0 mid-report.
    const stdinReads = positionals.filter((input) => input === '-').length;
    if (stdinReads > 1) throw new UsageError(`- (stdin) can be read only once, got it ${stdinReads} times`);
    const validator = getValidator(
      values.spec === undefined ? DEFAULT_SPEC_FILE : path.resolve(context.cwd, values.spec),
    );
    const strict = values.strict === true;

    // Nothing is kept per response: entries go to stdout and to the JUnit file as they come, so memory
    // stays bounded whatever the size of the input.
    let summary: Summary = emptySummary();
    const junit =
      values.junit === undefined ? undefined : await JunitFile.open(context.cwd, values.junit, 'validate');
    const meter = progress(context.stderr, 1000);
    if (format === 'json') context.stdout.write(jsonStream.head('validate', 'validate'));
    let reported = 0;
    try {
      for await (const item of readRecordings(positionals, { cwd: context.cwd, stdin: context.stdin })) {
        const entry =
          item.kind === 'unreadable'
            ? unreadableEntry(item.source, item.message)
            : judgeRecording(validator, item.source, item.value, strict);
        summary = addToSummary(summary, entry.outcome);
        if (entry.outcome !== 'passed') {
          context.stdout.write(
            format === 'json' ? jsonStream.entry(entry, reported === 0) : `${renderEntry(entry)}\n`,
          );
          reported++;
        }
        if (junit && (entry.outcome !== 'passed' || summary.passed <= LISTED_PASSES)) await junit.add(entry);
        meter.tick('validated');
      }
    } finally {
      meter.done();
    }
    context.stdout.write(
      format === 'json' ? jsonStream.tail(summary) : `${renderSummary('validate', summary)}\n`,
    );
    if (junit) {
      const unlisted = summary.passed - Math.min(summary.passed, LISTED_PASSES);
      if (unlisted > 0)
        await junit.add({ source: `${unlisted} more responses`, outcome: 'passed', findings: [] });
      await junit.close('activity-log-contract validate');
    }
    return exitCodeFor(summary);
  },
};

/** A recording's report entry: unreadable when it is not a response, else its validation. */
export function judgeRecording(
  validator: SpecValidator,
  source: string,
  value: unknown,
  strict: boolean,
): ReportEntry {
  const response = parseRecording(value, validator.spec);
  if (isRecordingProblem(response)) return unreadableEntry(source, response.problem);
  try {
    return entryFromResult(source, validator.validateResponse(response, { strict }));
  } catch (error) {
    // A body nested deeper than the stack allows, for one; the run goes on with the next recording.
    return unreadableEntry(source, `could not be validated: ${(error as Error).message}`);
  }
}

export function exitCodeFor(summary: Summary): number {
  if (summary.unreadable > 0) return ExitCode.usage;
  return summary.failed > 0 ? ExitCode.violation : ExitCode.ok;
}
