/** Time and chance as the live gate sees them; injected so tests never wait for real backoff delays. */
export interface Clock {
  /** Milliseconds, monotonic enough to measure a response time. */
  now(): number;
  sleep(ms: number): Promise<void>;
  /** A number in [0, 1): the jitter of the backoff. */
  random(): number;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};
