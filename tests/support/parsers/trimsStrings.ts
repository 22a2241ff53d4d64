import { parseActivityLog } from './correct';

/** Wrong: "cleans" the item names by trimming them, so it does not give back what it was given. */
export function parseActivityLog_trimsStrings(input: unknown): unknown {
  const log = parseActivityLog(input);
  const items = (log['activityLogItems'] as Record<string, unknown>[]).map((item) => ({
    ...item,
    name: (item['name'] as string).trim(),
  }));
  return { ...log, activityLogItems: items };
}
