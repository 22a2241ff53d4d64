import {
  FindingGroups,
  formatCount,
  type GroupedFindings,
  groupedJsonStream,
  jsonStream,
  ndjsonStream,
  type Outcome,
  passedEntry,
  type ReportEntry,
  renderEntry,
  renderGroupedFindings,
  renderSummary,
  type Summary,
  Tally,
} from '../report';
import { UsageError } from './command';
import { JunitFile } from './output';

/** `--format` of `validate`: what goes to stdout. */
export type ValidateFormat = 'human' | 'json' | 'ndjson';
/** `--findings`: grouped and counted, or every response with all its findings (human, json and JUnit). */
export type FindingsMode = 'grouped' | 'all';

/** With grouped findings, how much the reports list one by one; the rest is counted. */
export const GROUPED_LISTING = {
  /** Unreadable inputs, on stdout. */
  unreadable: 100,
  /** Responses that failed or could not be read, as JUnit testcases. */
  failing: 100,
  /** Responses that passed, with or without warnings, as JUnit testcases. */
  passing: 100,
  /** Errors (and as many warnings) in one JUnit testcase. */
  findingsPerTestcase: 10,
} as const;

/** With `--findings all`, passing responses beyond this many are counted in the JUnit report, not listed. */
const LISTED_PASSES = 10_000;

export function validateFormat(value: string | undefined): ValidateFormat {
  if (value === 'human' || value === 'json' || value === 'ndjson') return value;
  throw new UsageError(`--format must be 'human', 'json' or 'ndjson', not '${value}'`);
}

export function findingsMode(value: string | undefined): FindingsMode {
  if (value === undefined || value === 'grouped' || value === 'all') return value ?? 'grouped';
  throw new UsageError(`--findings must be 'grouped' or 'all', not '${value}'`);
}

/** Where `validate` reports and how. */
export interface ValidateReportOptions {
  readonly stdout: NodeJS.WritableStream;
  readonly cwd: string;
  readonly format: ValidateFormat;
  readonly findings: FindingsMode;
  /** `--junit`: the JUnit file to write, relative to `cwd`. */
  readonly junit: string | undefined;
}

/**
 * `validate`'s reports, fed one entry at a time in input order: whatever the format, what they say depends
 * only on that order. Per-response output goes out as it comes; grouped findings are kept as groups (memory
 * grows with groups, not responses) and written by `close`.
 */
export class ValidateReport {
  private readonly groups: FindingGroups | undefined;
  /** What went through `add`, and what of it was listed one by one in the JUnit file. */
  private readonly seen = new Tally();
  private readonly listedInJunit = new Tally();
  private printed = 0;

  private constructor(
    private readonly options: ValidateReportOptions,
    private readonly junit: JunitFile | undefined,
  ) {
    const { format, findings } = options;
    this.groups = findings === 'grouped' && (format !== 'ndjson' || junit) ? new FindingGroups() : undefined;
  }

  /** Opens the JUnit file, if any, and writes the head of a JSON report. */
  static async open(options: ValidateReportOptions): Promise<ValidateReport> {
    const junit =
      options.junit === undefined ? undefined : await JunitFile.open(options.cwd, options.junit, 'validate');
    const report = new ValidateReport(options, junit);
    if (options.format === 'json') {
      const json = options.findings === 'all' ? jsonStream : groupedJsonStream;
      await report.print(json.head('validate', 'validate'));
    }
    return report;
  }

  /** What went through `add` so far. */
  get summary(): Summary {
    return this.seen.snapshot();
  }

  /**
   * Takes the next entry. Most entries (a passing response, in a grouped report) print nothing: then it
   * returns nothing to wait for, and a million of them cost no promise each.
   */
  add(entry: ReportEntry): Promise<void> | undefined {
    this.seen.add(entry.outcome);
    this.groups?.add(entry.source, entry.findings);
    const out = this.stdoutFor(entry);
    const listed = this.junit !== undefined && this.listsInJunit(entry.outcome);
    if (listed) this.listedInJunit.add(entry.outcome);
    if (out === '' && !listed) return undefined;
    return this.write(out, listed ? entry : undefined);
  }

  /**
   * Takes a response that passed with nothing to say, line `line` of `source`, as `add` takes its entry, but
   * makes the entry only when a report lists it (the first passing responses of a JUnit file): a worker's
   * passing lines (most of a large input) cost a count each.
   */
  addPassed(source: string, line: number, title: string): Promise<void> | undefined {
    if (this.junit !== undefined && this.listsInJunit('passed'))
      return this.add(passedEntry(`${source}:${line}`, title));
    this.seen.add('passed');
    this.groups?.addNone();
    return undefined;
  }

  private async write(out: string, junitEntry: ReportEntry | undefined): Promise<void> {
    if (out !== '') await this.print(out);
    if (junitEntry)
      await this.junit?.add(
        junitEntry,
        this.options.findings === 'grouped' ? GROUPED_LISTING.findingsPerTestcase : undefined,
      );
  }

  /** Writes what only the end can tell: groups, the summary, the JUnit file. */
  async close(): Promise<void> {
    const summary = this.seen.snapshot();
    const grouped = this.groups?.result();
    const { format, findings } = this.options;
    if (format === 'ndjson') await this.print(ndjsonStream.tail(summary));
    else if (format === 'json')
      await this.print(
        grouped && findings === 'grouped'
          ? groupedJsonStream.tail(grouped, summary)
          : jsonStream.tail(summary),
      );
    else {
      const lines = grouped && findings === 'grouped' ? this.groupedLines(grouped) : [];
      await this.print([...lines, renderSummary('validate', summary)].map((line) => `${line}\n`).join(''));
    }
    if (!this.junit) return;
    const unlisted = difference(summary, this.listedInJunit);
    if (findings === 'all') {
      if (unlisted.passed > 0)
        await this.junit.add({
          source: `${unlisted.passed} more responses`,
          outcome: 'passed',
          findings: [],
        });
    } else if (unlisted.checked > 0) {
      const failing = unlisted.failed + unlisted.unreadable;
      await this.junit.addRemainder({
        name: `${formatCount(unlisted.checked)} more responses (${outcomes(unlisted)})`,
        failure:
          failing === 0
            ? undefined
            : `${formatCount(failing)} more responses did not pass; the output groups every finding of the run, --findings all lists each response`,
        output: grouped ? renderGroupedFindings(grouped).join('\n') : '',
      });
    }
    await this.junit.close('activity-log-contract validate');
  }

  private stdoutFor(entry: ReportEntry): string {
    const { format, findings } = this.options;
    if (format === 'ndjson') return ndjsonStream.entry(entry);
    const listed =
      findings === 'all'
        ? entry.outcome !== 'passed'
        : entry.outcome === 'unreadable' && this.seen.unreadable <= GROUPED_LISTING.unreadable;
    if (!listed) return '';
    const first = this.printed === 0;
    this.printed++;
    if (format === 'human') return `${renderEntry(entry)}\n`;
    return findings === 'all' ? jsonStream.entry(entry, first) : groupedJsonStream.unreadable(entry, first);
  }

  private listsInJunit(outcome: Outcome): boolean {
    if (this.options.findings === 'all') return outcome !== 'passed' || this.seen.passed <= LISTED_PASSES;
    const failing = outcome === 'failed' || outcome === 'unreadable';
    const listed = this.listedInJunit;
    return failing
      ? listed.failed + listed.unreadable < GROUPED_LISTING.failing
      : listed.passed + listed.warned < GROUPED_LISTING.passing;
  }

  /** The grouped findings, the unreadable inputs left unlisted, and how to get every finding. */
  private groupedLines(grouped: GroupedFindings): string[] {
    const lines = renderGroupedFindings(grouped);
    const unlisted = this.seen.unreadable - Math.min(this.seen.unreadable, GROUPED_LISTING.unreadable);
    if (unlisted > 0)
      lines.push(`… and ${formatCount(unlisted)} more unreadable inputs (--findings all lists every one)`);
    if (grouped.findings > grouped.groups.length)
      lines.push(
        `(${formatCount(grouped.findings)} findings, grouped: --findings all lists them by response, --format ndjson one a line)`,
      );
    return lines;
  }

  private async print(text: string): Promise<void> {
    const { stdout } = this.options;
    if (!stdout.write(text)) await new Promise<void>((resolve) => stdout.once('drain', () => resolve()));
  }
}

function difference(all: Summary, part: Summary): Summary {
  return {
    checked: all.checked - part.checked,
    passed: all.passed - part.passed,
    warned: all.warned - part.warned,
    failed: all.failed - part.failed,
    unreadable: all.unreadable - part.unreadable,
  };
}

/** `3 failed, 1,200 with warnings`: the outcomes that occurred. */
function outcomes(summary: Summary): string {
  const parts: string[] = [];
  if (summary.failed > 0) parts.push(`${formatCount(summary.failed)} failed`);
  if (summary.unreadable > 0) parts.push(`${formatCount(summary.unreadable)} unreadable`);
  if (summary.passed > 0) parts.push(`${formatCount(summary.passed)} passed`);
  if (summary.warned > 0) parts.push(`${formatCount(summary.warned)} with warnings`);
  return parts.join(', ');
}
