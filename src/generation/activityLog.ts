import type fc from 'fast-check';
// The payload types openapi-typescript generates from the spec: nothing about the payload is retyped here.
import type { ActivityLog } from '../client/types';
import type { Spec } from '../spec';
import type { ExtendedSample } from './additions';
import type { JsonTextSample } from './jsonText';
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

/**
 * Valid activity logs with one to three labelled additions a provider may make without a new API version:
 * `{ value, additions: [{ kind, pointer, message }] }`, kinds `undocumented-property` (at any depth),
 * `longer-array` and `longer-string` (past anything `activityLog()` makes). A consumer must accept them.
 *
 * @example fc.assert(fc.property(activityLogWithAdditions(), ({ value }) => { myParser(value); }));
 */
export function activityLogWithAdditions(
  options: ActivityLogOptions = {},
): fc.Arbitrary<ExtendedSample<ActivityLog>> {
  const { spec, ...rest } = options;
  const generators = generatorsFor(spec);
  return generators.withAdditions(generators.responseSchema(200), rest) as fc.Arbitrary<
    ExtendedSample<ActivityLog>
  >;
}

/**
 * Valid activity logs written as unusual JSON text: `{ text, value, edgeCases }`, where `value` is what
 * `JSON.parse(text)` gives and `edgeCases` lists what is unusual (see `JSON_EDGE_CASES`).
 *
 * @example fc.assert(fc.property(activityLogJsonText(), ({ text, value }) => deepEqual(myReader(text), value)));
 */
export function activityLogJsonText(options: ActivityLogOptions = {}): fc.Arbitrary<JsonTextSample> {
  const { spec, ...rest } = options;
  const generators = generatorsFor(spec);
  return generators.jsonText(generators.responseSchema(200), rest);
}

/** One arbitrary per component schema of the spec, by component name. */
export function componentArbitraries(
  options: ActivityLogOptions = {},
): Record<string, fc.Arbitrary<unknown>> {
  const { spec, ...rest } = options;
  return generatorsFor(spec).components(rest);
}
