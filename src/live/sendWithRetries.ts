import type { Clock } from './Clock';
import { LiveRequestError } from './LiveRequestError';
import type { RequestScheduler } from './RequestScheduler';
import { backoffDelay, parseRetryAfter, RETRYABLE_STATUSES, type RetryPolicy } from './retry';
import type { Transport, WireResponse } from './transport';

/** What became of one request after its retries. */
export interface Attempted {
  readonly response: WireResponse | undefined;
  readonly error: LiveRequestError | undefined;
  readonly attempts: number;
  /** The last attempt's duration, when it completed. */
  readonly elapsedMs: number | undefined;
  /** Still a transient failure (429/502/503/504 or no answer) when the retries ran out. */
  readonly exhausted: boolean;
  /** Why the retries stopped early, when they did. */
  readonly note: string | undefined;
}

/**
 * Sends one GET through the scheduler, retrying transient failures with exponential backoff and jitter,
 * waiting at least what `Retry-After` asks. Returns what happened; never throws for what the provider does.
 */
export async function sendWithRetries(
  request: { readonly url: string; readonly headers: Readonly<Record<string, string>> },
  deps: {
    readonly transport: Transport;
    readonly scheduler: RequestScheduler;
    readonly clock: Clock;
    readonly policy: RetryPolicy;
    readonly timeoutMs: number;
  },
): Promise<Attempted> {
  const { transport, scheduler, clock, policy, timeoutMs } = deps;
  let note: string | undefined;
  for (let attempts = 1; ; attempts++) {
    let response: WireResponse | undefined;
    let error: LiveRequestError | undefined;
    let elapsedMs: number | undefined;
    await scheduler.run(async () => {
      const started = clock.now();
      try {
        response = await transport.get({ url: request.url, headers: request.headers, timeoutMs });
        elapsedMs = clock.now() - started;
      } catch (caught) {
        if (!(caught instanceof LiveRequestError)) throw caught;
        error = caught;
      }
    });
    const transient =
      (error !== undefined && error.kind !== 'refused_host') ||
      (response !== undefined && RETRYABLE_STATUSES.has(response.status));
    if (!transient) return { response, error, attempts, elapsedMs, exhausted: false, note };
    if (attempts > policy.retries) return { response, error, attempts, elapsedMs, exhausted: true, note };
    let delay = backoffDelay(attempts - 1, policy, () => clock.random());
    const retryAfter = parseRetryAfter(response?.headers['retry-after'], Date.now());
    if (retryAfter !== undefined) {
      if (retryAfter > policy.maxRetryAfterMs) {
        note = `the provider asked to retry after ${Math.round(retryAfter / 1000)} s, longer than the ${policy.maxRetryAfterMs} ms this run waits`;
        return { response, error, attempts, elapsedMs, exhausted: true, note };
      }
      delay = Math.max(delay, retryAfter);
    }
    await clock.sleep(delay);
  }
}
