import type fc from 'fast-check';
import type { Spec } from '../spec';
import type { GenerationOptions } from './leaves';
import type { InvalidSample } from './mutations';
import { generatorsFor } from './specGenerators';

/** An entity an activity is about (actor, object or target), as `GET /activity-logs/{id}` returns it. */
export interface ActivityLogEntity {
  id: string;
  entityType: string;
  entityId?: string;
  [undocumented: string]: unknown;
}

export interface ActivityLogItem {
  id: string;
  activityLogId: string;
  verb: string;
  name: string;
  summary: string;
  reason?: string;
  /** Any JSON values. */
  metadata?: unknown[];
  activityLogActor: ActivityLogEntity & { email?: string };
  activityLogObject: ActivityLogEntity;
  activityLogTarget?: ActivityLogEntity;
  [undocumented: string]: unknown;
}

/** The 200 body of `GET /activity-logs/{id}` (2024-07-30); the spec allows undocumented properties. */
export interface ActivityLog {
  id: string;
  sequenceAccountId: string;
  activityType: string;
  apiVersion?: string;
  origin: string;
  traceId?: string;
  /** RFC 3339 date-time. */
  createdAt: string;
  activityLogItems: ActivityLogItem[];
  [undocumented: string]: unknown;
}

export interface ActivityLogOptions extends GenerationOptions {
  /** Generate from another version of the spec (default: the one shipped with the suite). */
  readonly spec?: Spec;
}

/**
 * Random valid activity logs (the 200 response of `GET /activity-logs/{id}`), derived from the spec, with
 * edge cases on purpose: see `GenerationOptions` to bound sizes or turn the bias and extra properties off.
 *
 * @example fc.assert(fc.property(activityLog(), (log) => deepEqual(myParser(log), log)));
 */
export function activityLog(options: ActivityLogOptions = {}): fc.Arbitrary<ActivityLog> {
  const { spec, ...rest } = options;
  const generators = generatorsFor(spec);
  return generators.arbitrary(generators.responseSchema(200), rest) as fc.Arbitrary<ActivityLog>;
}

/**
 * Valid activity logs with exactly one violation applied, labelled:
 * `{ value, violation: { kind, pointer, keyword, message, schemaPath } }`.
 *
 * @example fc.assert(fc.property(invalidActivityLog(), ({ value }) => throws(() => myParser(value))));
 */
export function invalidActivityLog(options: ActivityLogOptions = {}): fc.Arbitrary<InvalidSample> {
  const { spec, ...rest } = options;
  const generators = generatorsFor(spec);
  return generators.invalid(generators.responseSchema(200), rest);
}

/** One arbitrary per component schema of the spec, by component name. */
export function componentArbitraries(
  options: ActivityLogOptions = {},
): Record<string, fc.Arbitrary<unknown>> {
  const { spec, ...rest } = options;
  return generatorsFor(spec).components(rest);
}
