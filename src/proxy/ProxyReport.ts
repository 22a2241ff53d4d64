import type { Finding, Recording } from '../validation';

/**
 * - `answered`: the target answered and the answer was judged
 * - `unreachable`: no answer (connection refused, reset, cut off mid-body); the client got a 502 or a cut body
 * - `refused`: a method the proxy does not forward; the client got a 405
 * - `abandoned`: the client went away before the answer was complete
 */
export type ProxyExchangeKind = 'answered' | 'unreachable' | 'refused' | 'abandoned';

/** One request through the proxy and what became of it; every string is redacted. */
export interface ProxyExchange {
  /** 1, 2, 3… in the order the requests arrived. */
  readonly sequence: number;
  readonly kind: ProxyExchangeKind;
  /** `GET /activity-logs/abc` */
  readonly request: string;
  /** The status the client received (the target's, or the proxy's own 502/405); `undefined` when none. */
  readonly status: number | undefined;
  /** From the request's arrival to the last byte of the answer. */
  readonly elapsedMs: number;
  readonly findings: readonly Finding[];
  /** The redacted envelope `--record` writes (what `validate` reads); only for answered requests. */
  readonly recording: Recording | undefined;
}

/**
 * - `passed`: no answer broke the spec, and the target answered every request (exit 0)
 * - `violation`: an answer broke the spec (exit 1), whatever else happened
 * - `unreachable`: nothing broke the spec, but some request got no answer from the target (exit 3)
 */
export type ProxyOutcome = 'passed' | 'violation' | 'unreachable';

/** What a proxy run adds up to, once it is stopped. */
export interface ProxyTally {
  readonly exchanges: number;
  readonly answered: number;
  readonly violations: number;
  readonly unreachable: number;
  readonly refused: number;
  readonly abandoned: number;
  readonly outcome: ProxyOutcome;
}
