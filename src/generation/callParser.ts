import { callInterruptibly } from './interruptibleCall';
import type { IsolatedParser } from './isolatedParser';

/** What the parser did with one input. */
export type ParserOutcome =
  | { readonly kind: 'returned'; readonly value: unknown; readonly ms: number }
  | { readonly kind: 'rejected'; readonly value: unknown; readonly ms: number }
  | { readonly kind: 'threw'; readonly error: Error; readonly ms: number }
  | { readonly kind: 'threw-non-error'; readonly thrown: unknown; readonly ms: number }
  /** Stopped: `ms` is the limit it ran into. */
  | { readonly kind: 'timeout'; readonly ms: number };

/** A parser in one of its two forms, called with a time limit per call. */
export type ParserCall = (input: unknown, limit: number) => Promise<ParserOutcome>;

/**
 * Calls a parser given as a function, in this thread: its synchronous part runs under `vm`'s watchdog, which
 * stops even an endless loop at the limit; a promise it returns is raced against the time that is left.
 *
 * @internal
 */
export function functionCall<R>(
  parse: (input: unknown) => R | Promise<R>,
  isRejection: ((returned: R) => boolean) | undefined,
): ParserCall {
  return async (input, limit) => {
    const sync = callInterruptibly(() => parse(input), limit);
    if (sync.kind === 'interrupted') return { kind: 'timeout', ms: limit };
    if (sync.kind === 'threw') return thrownOutcome(sync.thrown, sync.ms);
    // The clock starts when the parser did, not when the watchdog's thread was started.
    const started = performance.now() - sync.ms;
    let returned = sync.value;
    let timer: NodeJS.Timeout | undefined;
    try {
      if (isThenable(returned)) {
        const timedOut = Symbol('timeout');
        const left = Math.max(0, limit - sync.ms);
        const raced = await Promise.race([
          returned,
          new Promise<typeof timedOut>((resolve) => {
            timer = setTimeout(() => resolve(timedOut), left);
          }),
        ]);
        if (raced === timedOut) return { kind: 'timeout', ms: limit };
        returned = raced;
      }
    } catch (thrown) {
      return thrownOutcome(thrown, performance.now() - started);
    } finally {
      if (timer) clearTimeout(timer);
    }
    const ms = performance.now() - started;
    if (ms > limit) return { kind: 'timeout', ms: limit };
    return isRejection?.(returned as R)
      ? { kind: 'rejected', value: returned, ms }
      : { kind: 'returned', value: returned, ms };
  };
}

/** Calls a parser running in a worker thread, which is terminated (and replaced) when a call runs too long. @internal */
export function isolatedCall<R>(
  isolated: IsolatedParser,
  isRejection: ((returned: R) => boolean) | undefined,
): ParserCall {
  return async (input, limit) => {
    const result = await isolated.call(input, limit);
    if (result.kind === 'timeout') return { kind: 'timeout', ms: limit };
    return result.kind === 'returned' && isRejection?.(result.value as R)
      ? { kind: 'rejected', value: result.value, ms: result.ms }
      : result;
  };
}

function thrownOutcome(thrown: unknown, ms: number): ParserOutcome {
  return thrown instanceof Error
    ? { kind: 'threw', error: thrown, ms }
    : { kind: 'threw-non-error', thrown, ms };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
