import type { Clock } from './Clock';

/** A rate limit (requests started per second) and a cap on requests in flight, shared by one run. */
export interface SchedulerLimits {
  readonly rps: number;
  readonly concurrency: number;
}

/**
 * Runs tasks no faster than `rps` starts per second and no more than `concurrency` at once.
 *
 * @example const scheduler = new RequestScheduler({ rps: 2, concurrency: 1 }, systemClock);
 *          await scheduler.run(() => transport.get(request));
 */
export class RequestScheduler {
  private readonly intervalMs: number;
  private nextStart = Number.NEGATIVE_INFINITY;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limits: SchedulerLimits,
    private readonly clock: Clock,
  ) {
    if (!(limits.rps > 0)) throw new RangeError(`rps must be a positive number, got ${limits.rps}`);
    if (!Number.isInteger(limits.concurrency) || limits.concurrency < 1) {
      throw new RangeError(`concurrency must be a positive integer, got ${limits.concurrency}`);
    }
    this.intervalMs = 1000 / limits.rps;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      // The slot is reserved before sleeping, so concurrent callers queue up one interval apart.
      const now = this.clock.now();
      const start = Math.max(now, this.nextStart);
      this.nextStart = start + this.intervalMs;
      if (start > now) await this.clock.sleep(start - now);
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.inFlight < this.limits.concurrency) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight--;
  }
}
