import { isRfc3339DateTime } from '../../../src/validation/formats/dateTime';

/**
 * A downstream parser written the way the spec asks: every required property checked, optional ones
 * checked when present, `createdAt` an exact RFC 3339 date-time, `metadata` any JSON, and properties the
 * spec does not list tolerated. It gives back the object it was given.
 */
export class ActivityLogParseError extends Error {
  override readonly name = 'ActivityLogParseError';
}

type Json = Record<string, unknown>;

export function parseActivityLog(input: unknown): Json {
  const log = object(input, '(root)');
  for (const key of ['id', 'sequenceAccountId', 'activityType', 'origin', 'createdAt'])
    string(log, key, true);
  for (const key of ['apiVersion', 'traceId']) string(log, key, false);
  if (!isRfc3339DateTime(log['createdAt'] as string)) fail('createdAt is not an RFC 3339 date-time');
  const items = log['activityLogItems'];
  if (!Array.isArray(items)) fail('activityLogItems must be an array');
  for (const [i, raw] of items.entries()) item(object(raw, `activityLogItems/${i}`));
  return log;
}

export function item(value: Json): void {
  for (const key of ['id', 'activityLogId', 'verb', 'name', 'summary']) string(value, key, true);
  string(value, 'reason', false);
  if (Object.hasOwn(value, 'metadata') && !Array.isArray(value['metadata']))
    fail('metadata must be an array');
  entity(value, 'activityLogActor', true, ['email']);
  entity(value, 'activityLogObject', true);
  entity(value, 'activityLogTarget', false);
}

export function entity(parent: Json, key: string, required: boolean, optional: string[] = []): void {
  if (!Object.hasOwn(parent, key)) {
    if (required) fail(`${key} is required`);
    return;
  }
  const value = object(parent[key], key);
  string(value, 'id', true);
  string(value, 'entityType', true);
  for (const name of ['entityId', ...optional]) string(value, name, false);
}

export function object(value: unknown, where: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(`${where} must be an object`);
  return value as Json;
}

export function string(parent: Json, key: string, required: boolean): void {
  if (!Object.hasOwn(parent, key)) {
    if (required) fail(`${key} is required`);
    return;
  }
  if (typeof parent[key] !== 'string') fail(`${key} must be a string`);
}

export function fail(message: string): never {
  throw new ActivityLogParseError(message);
}
