import { parseActivityLog } from './correct';

/** Wrong: waits for a summary that will never come when an item's summary is empty (never settles). */
export function parseActivityLog_hangsOnEmptySummary(input: unknown): Promise<unknown> {
  const log = parseActivityLog(input);
  const items = log['activityLogItems'] as { summary: string }[];
  if (items.some((item) => item.summary === '')) return new Promise(() => {});
  return Promise.resolve(log);
}
