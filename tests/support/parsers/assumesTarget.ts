import { parseActivityLog } from './correct';

/** Wrong: indexes every item by its target, as if `activityLogTarget` were always there (it is optional). */
export function parseActivityLog_assumesTarget(input: unknown): unknown {
  const log = parseActivityLog(input);
  const byTarget = new Map<string, unknown>();
  for (const item of log['activityLogItems'] as { activityLogTarget: { id: string } }[]) {
    byTarget.set(item.activityLogTarget.id, item);
  }
  return log;
}
