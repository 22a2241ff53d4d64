import { parseActivityLog } from './correct';

/** Wrong: finds the first verb with `reduce` and no initial value, which throws on an empty `activityLogItems`. */
export function parseActivityLog_crashesOnEmptyItems(input: unknown): unknown {
  const log = parseActivityLog(input);
  const items = log['activityLogItems'] as { verb: string }[];
  const firstVerb = items.map((item) => item.verb).reduce((first) => first);
  return firstVerb === undefined ? undefined : log;
}
