import { fail, parseActivityLog } from './correct';

/** Wrong: refuses a log of more than 50 items, the most its author ever saw; the spec sets no maximum. */
export function parseActivityLog_refusesLongPages(input: unknown): unknown {
  const log = parseActivityLog(input);
  if ((log['activityLogItems'] as unknown[]).length > 50) fail('too many activity log items');
  return log;
}
