import type { Clock } from '../../src/live';

/** A clock whose sleeps return at once and are recorded; `now` is virtual unless `realTime` is set. */
export interface TestClock extends Clock {
  readonly sleeps: number[];
}

export function testClock(options: { realTime?: boolean; random?: number } = {}): TestClock {
  let virtual = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => (options.realTime ? performance.now() : virtual),
    sleep: (ms) => {
      sleeps.push(ms);
      const wake = virtual + ms;
      // Concurrent sleepers wake in order, each moving virtual time to its own wake-up.
      return new Promise((resolve) =>
        setImmediate(() => {
          virtual = Math.max(virtual, wake);
          resolve();
        }),
      );
    },
    random: () => options.random ?? 0.5,
  };
}
