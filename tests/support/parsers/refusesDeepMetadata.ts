import { fail, parseActivityLog } from './correct';

/** Wrong: reads JSON text, and refuses `metadata` nested deeper than 100 levels, though it may hold any JSON. */
export function parseActivityLogText_refusesDeepMetadata(text: unknown): unknown {
  const log = parseActivityLog(JSON.parse(text as string));
  for (const item of log['activityLogItems'] as { metadata?: unknown }[]) {
    if (depth(item.metadata) > 100) fail('metadata nested too deep');
  }
  return log;
}

function depth(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depth));
}
