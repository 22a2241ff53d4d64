import { parseActivityLog } from './correct';

/** Wrong: reports rejection by throwing a string, which loses the stack and breaks `instanceof Error`. */
export function parseActivityLog_throwsStrings(input: unknown): unknown {
  try {
    return parseActivityLog(input);
  } catch (error) {
    throw `invalid activity log: ${(error as Error).message}`;
  }
}
