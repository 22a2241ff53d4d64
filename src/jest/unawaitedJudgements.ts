import { setImmediate } from 'node:timers';

/** A judgement still under way; `abandon` makes it harmless and resolves once it has settled. */
interface PendingJudgement {
  /** The error to fail the test with, its stack at the matcher's call. */
  readonly unawaited: Error;
  abandon(): Promise<void>;
}

const pending = new Set<PendingJudgement>();

export const UNAWAITED_MESSAGE =
  'toSatisfyActivityLogSpec was given a fetch Response, which it reads asynchronously, and the test ended ' +
  'without waiting for the verdict: `await` it, as in `await expect(response).toSatisfyActivityLogSpec()`';

/**
 * Tracks a judgement made asynchronously (a fetch Response's body is read as a stream), so that
 * `failUnawaitedJudgements` can fail a test that ended without awaiting it. An abandoned judgement resolves
 * to `neutral` (what Jest takes as a pass), so its verdict can no longer reject after the test, where an
 * unhandled rejection ends the Jest process without a summary. `calledFrom` (the matcher) is left out of
 * the stack of the failure, so that it points at the test's line.
 * @internal
 */
export function trackJudgement<T>(
  judgement: Promise<T>,
  neutral: T,
  calledFrom: (...args: never) => unknown,
): Promise<T> {
  let abandoned = false;
  // One macrotask late, whatever the body's size: a test that does not await it has ended by then.
  // `node:timers`, not the global, which Jest's fake timers replace.
  const settled = judgement.finally(() => new Promise<void>((resolve) => setImmediate(resolve)));
  const unawaited = new Error(UNAWAITED_MESSAGE);
  Error.captureStackTrace(unawaited, calledFrom);
  const entry: PendingJudgement = {
    unawaited,
    abandon: () => {
      abandoned = true;
      return settled.then(
        () => undefined,
        () => undefined,
      );
    },
  };
  pending.add(entry);
  return settled
    .then(
      (verdict) => (abandoned ? neutral : verdict),
      (error: unknown) => {
        if (abandoned) return neutral;
        throw error;
      },
    )
    .finally(() => pending.delete(entry));
}

/**
 * For an `afterEach`: throws, failing the test, when a judgement it started is still under way (the test did
 * not await it), after letting that judgement settle harmlessly. Registered by `activity-log-contract/jest`.
 * @internal
 */
export async function failUnawaitedJudgements(): Promise<void> {
  if (pending.size === 0) return;
  const left = [...pending];
  await Promise.all(left.map((judgement) => judgement.abandon()));
  throw (left[0] as PendingJudgement).unawaited;
}
