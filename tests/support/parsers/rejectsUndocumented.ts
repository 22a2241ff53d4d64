import { fail, parseActivityLog } from './correct';

const DOCUMENTED = new Set([
  'id',
  'sequenceAccountId',
  'activityType',
  'apiVersion',
  'origin',
  'traceId',
  'createdAt',
  'activityLogItems',
]);

/** Wrong: refuses a log carrying a property the spec does not list, though the spec allows it. */
export function parseActivityLog_rejectsUndocumented(input: unknown): unknown {
  const log = parseActivityLog(input);
  for (const key of Object.keys(log)) if (!DOCUMENTED.has(key)) fail(`unknown property ${key}`);
  return log;
}
