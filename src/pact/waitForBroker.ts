import { connectionFailure } from './connectionFailure';

/** Told before each wait for a broker that did not accept a connection, so a caller can show the wait. */
export interface BrokerRetry {
  readonly baseUrl: string;
  /** Why the last attempt failed, e.g. `ECONNREFUSED`. */
  readonly reason: string;
  /** The retry about to be made, from 1 to `retries`. */
  readonly retry: number;
  readonly retries: number;
  /** How long until that retry. */
  readonly delayMs: number;
  /** The most this wait can still take in all: the delays left and a connection timeout per retry. */
  readonly maxWaitMs: number;
}

export interface WaitForBrokerOptions {
  /** The wait before each retry; as many retries as delays. */
  readonly delaysMs: readonly number[];
  readonly onRetry?: (retry: BrokerRetry) => void;
  /** How to wait; tests pass one that returns at once. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** How long one connection attempt may take. */
  readonly connectTimeoutMs?: number;
}

/** Connection retries when none are asked for; 0.5 s doubling, 63.5 s in all, as the Pact CLI waits by default. */
export const DEFAULT_BROKER_RETRIES = 7;

const CONNECT_TIMEOUT_MS = 5_000;

/**
 * The waits before each connection retry: `retries` of them, 0.5 s doubling (the Pact CLI's own backoff),
 * or `interval` seconds apart when given (can-i-deploy's `--retry-interval`).
 *
 * @example brokerRetryDelays(3) // [500, 1000, 2000]
 */
export function brokerRetryDelays(retries: number, intervalSeconds?: number): number[] {
  return Array.from({ length: retries }, (_, i) =>
    intervalSeconds === undefined ? 500 * 2 ** i : intervalSeconds * 1000,
  );
}

/**
 * Waits until the broker accepts a TCP connection, retrying after each delay; resolves `undefined` once it
 * does, else why the last attempt failed. An unknown host is not retried. The Pact CLI's own retries are
 * silent, so the CLI asks here first, where each retry can be told to `onRetry`.
 *
 * @example const why = await waitForBroker(broker.baseUrl, { delaysMs: brokerRetryDelays(3), onRetry: show });
 */
export async function waitForBroker(
  baseUrl: string,
  options: WaitForBrokerOptions,
): Promise<string | undefined> {
  const { delaysMs, sleep = defaultSleep, connectTimeoutMs = CONNECT_TIMEOUT_MS } = options;
  const attempt = async () => (await connectionFailure(baseUrl, connectTimeoutMs))?.reason;
  let reason = await attempt();
  for (let i = 0; reason !== undefined && i < delaysMs.length; i++) {
    if (/\bENOTFOUND\b/.test(reason)) return reason;
    const delayMs = delaysMs[i] ?? 0;
    const left = delaysMs.slice(i).reduce((sum, ms) => sum + ms, 0);
    options.onRetry?.({
      baseUrl,
      reason,
      retry: i + 1,
      retries: delaysMs.length,
      delayMs,
      maxWaitMs: left + (delaysMs.length - i) * connectTimeoutMs,
    });
    await sleep(delayMs);
    reason = await attempt();
  }
  return reason;
}

/**
 * Whether a proxy will carry the Pact CLI's requests (it honours `HTTP(S)_PROXY`/`ALL_PROXY`); then a direct
 * connection says nothing about whether the broker can be reached.
 */
export function proxyConfigured(env: NodeJS.ProcessEnv): boolean {
  return ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY'].some((name) =>
    Boolean(env[name] || env[name.toLowerCase()]),
  );
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
