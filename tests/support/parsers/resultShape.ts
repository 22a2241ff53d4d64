import { parseActivityLog } from './correct';

/** Correct, zod-style: returns `{ success: true, data }` or `{ success: false, error }` and never throws. */
export function safeParseActivityLog(
  input: unknown,
): { success: true; data: unknown } | { success: false; error: Error } {
  try {
    return { success: true, data: parseActivityLog(input) };
  } catch (error) {
    return { success: false, error: error as Error };
  }
}
