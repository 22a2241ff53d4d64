/**
 * Jest matchers. `import 'activity-log-contract/jest'` (or list it in `setupFilesAfterEnv`) registers:
 *
 * @example
 * expect(response).toSatisfyActivityLogSpec();
 * expect(body).toMatchSpecSchema('ActivityLogResponse');
 * await expect(fetchResponse).toSatisfyActivityLogSpec(); // a fetch Response is read asynchronously
 */
import { activityLogMatchers, type MatcherOptions } from './matchers';
import { failUnawaitedJudgements } from './unawaitedJudgements';

export { activityLogMatchers };

declare const expect:
  | {
      extend(matchers: Record<string, unknown>): void;
      getState?(): { currentTestName?: string | undefined };
    }
  | undefined;
declare const afterEach: ((hook: () => Promise<void>) => void) | undefined;
if (typeof expect !== 'undefined' && typeof expect.extend === 'function') {
  expect.extend(activityLogMatchers);
  // A fetch Response is judged asynchronously: a test that does not await it fails, with what to write,
  // instead of its verdict rejecting after the last test and ending the run without a summary.
  const inATest = expect.getState?.().currentTestName !== undefined;
  if (typeof afterEach === 'function' && !inATest) afterEach(failUnawaitedJudgements);
}

interface ActivityLogMatchers<R> {
  /** The whole HTTP response (status, content type, body) satisfies its operation in the spec. */
  toSatisfyActivityLogSpec(options?: MatcherOptions): R;
  /** The value satisfies a component schema of the spec, e.g. `'ActivityLogResponse'`. */
  toMatchSpecSchema(schema: string, options?: MatcherOptions): R;
}

// Typed through @types/jest's global `jest.Matchers`, which `expect(…)` returns.
declare global {
  namespace jest {
    interface Matchers<R> extends ActivityLogMatchers<R> {}
  }
}

export type { ResponseLike } from './toHttpResponse';
export type { MatcherOptions };
