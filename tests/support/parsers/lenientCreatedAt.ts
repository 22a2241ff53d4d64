import { isRfc3339DateTime } from '../../../src/validation/formats/dateTime';
import { fail, item, object, string } from './correct';

/**
 * Wrong: falls back to `new Date()` when `createdAt` is not RFC 3339, so it accepts `2024-01-01T10:00:00`
 * (no offset: local time, whatever the machine's zone), `2024-01-01 10:00:00Z`, `2024-01-01`…
 */
export function parseActivityLog_lenientCreatedAt(input: unknown): unknown {
  const log = object(input, '(root)');
  for (const key of ['id', 'sequenceAccountId', 'activityType', 'origin', 'createdAt'])
    string(log, key, true);
  for (const key of ['apiVersion', 'traceId']) string(log, key, false);
  const createdAt = log['createdAt'] as string;
  if (!isRfc3339DateTime(createdAt) && Number.isNaN(new Date(createdAt).getTime()))
    fail('createdAt is not a date');
  const items = log['activityLogItems'];
  if (!Array.isArray(items)) fail('activityLogItems must be an array');
  for (const [i, raw] of items.entries()) item(object(raw, `activityLogItems/${i}`));
  return log;
}
