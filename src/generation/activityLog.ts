import type fc from 'fast-check';
// The payload types openapi-typescript generates from the spec: nothing about the payload is retyped here.
import type { ActivityLog } from '../client/types';
import type { Spec } from '../spec';
import type { GenerationOptions } from './leaves';
import type { InvalidSample } from './mutations';
import { generatorsFor } from './specGenerators';

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
