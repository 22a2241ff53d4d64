import { entryFromResult, type ReportEntry, unreadableEntry } from '../../report';
import { type InputItem, isRecordingProblem, parseRecording, type SpecValidator } from '../../validation';
import { type ParsedItem, parseLine, splitLines } from '../../validation/readRecordings';

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

/** The report entries of one input item: one, or one a line for a block of NDJSON lines not parsed yet. */
export function judgeItem(validator: SpecValidator, item: InputItem, strict: boolean): ReportEntry[] {
  if (item.kind === 'lines') return splitLines(item).map((read) => judgeParsed(validator, read, strict));
  return [judgeParsed(validator, item.kind === 'line' ? parseLine(item.text, item.source) : item, strict)];
}

function judgeParsed(validator: SpecValidator, read: ParsedItem, strict: boolean): ReportEntry {
  return read.kind === 'unreadable'
    ? unreadableEntry(read.source, read.message)
    : judgeRecording(validator, read.source, read.value, strict);
}
