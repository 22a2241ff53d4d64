import { entryFromResult, passedEntry, type ReportEntry, titleOf, unreadableEntry } from '../../report';
import {
  type InputItem,
  isRecordingProblem,
  parseRecording,
  type SpecValidator,
  type ValidationResult,
} from '../../validation';
import { forEachLine, type ParsedItem, parseLine, splitLines } from '../../validation/readRecordings';

/** A recording's report entry: unreadable when it is not a response, else its validation. */
export function judgeRecording(
  validator: SpecValidator,
  source: string,
  value: unknown,
  strict: boolean,
): ReportEntry {
  const verdict = judgeValue(validator, value, strict);
  return typeof verdict === 'string' ? unreadableEntry(source, verdict) : entryFromResult(source, verdict);
}

/** The report entries of one input item: one, or one a line for a block of NDJSON lines not parsed yet. */
export function judgeItem(validator: SpecValidator, item: InputItem, strict: boolean): ReportEntry[] {
  if (item.kind === 'lines') return splitLines(item).map((read) => judgeParsed(validator, read, strict));
  return [judgeParsed(validator, item, strict)];
}

/**
 * A block's entries as a worker thread sends them back: a line that passed with nothing to say (most of
 * them) is its line number alone, when its title is the block's; `expandJudged` makes the entries again.
 * Copying a number between threads costs nothing next to copying an entry.
 */
export interface CompactLines {
  readonly source: string;
  title: string | undefined;
  readonly entries: (ReportEntry | number)[];
}
export type Judged = ReportEntry[] | CompactLines;

/** `judgeItem`, in the form a worker sends back. */
export function judgeForTransfer(validator: SpecValidator, item: InputItem, strict: boolean): Judged {
  if (item.kind !== 'lines') return judgeItem(validator, item, strict);
  const compact: CompactLines = { source: item.source, title: undefined, entries: [] };
  const at = (number: number) => `${item.source}:${number}`;
  let titled: ValidationResult | undefined;
  forEachLine(item, (line, number) => {
    const read = parseLine(line, '');
    if (read.kind === 'unreadable') {
      compact.entries.push(unreadableEntry(at(number), read.message));
      return;
    }
    const verdict = judgeValue(validator, read.value, strict);
    if (typeof verdict === 'string') {
      compact.entries.push(unreadableEntry(at(number), verdict));
      return;
    }
    if (verdict.findings.length === 0) {
      // The block's title is made once; a line of the same operation and status has it (most lines do).
      if (compact.title === undefined) {
        compact.title = titleOf(verdict);
        titled = verdict;
      }
      if (titled && verdict.operation === titled.operation && verdict.status === titled.status) {
        compact.entries.push(number);
        return;
      }
    }
    compact.entries.push(entryFromResult(at(number), verdict));
  });
  return compact;
}

/** The entries `judgeItem` gives, from what `judgeForTransfer` gave. */
export function expandJudged(judged: Judged): ReportEntry[] {
  if (Array.isArray(judged)) return judged;
  const { source, title, entries } = judged;
  return entries.map((entry) =>
    typeof entry === 'number' ? passedEntry(`${source}:${entry}`, title ?? '') : entry,
  );
}

function judgeParsed(validator: SpecValidator, read: ParsedItem, strict: boolean): ReportEntry {
  return read.kind === 'unreadable'
    ? unreadableEntry(read.source, read.message)
    : judgeRecording(validator, read.source, read.value, strict);
}

/** A recording's validation, or why it is not a response that can be validated. */
function judgeValue(validator: SpecValidator, value: unknown, strict: boolean): ValidationResult | string {
  const response = parseRecording(value, validator.spec);
  if (isRecordingProblem(response)) return response.problem;
  try {
    return validator.validateResponse(response, { strict });
  } catch (error) {
    // A body nested deeper than the stack allows, for one; the run goes on with the next recording.
    return `could not be validated: ${(error as Error).message}`;
  }
}
