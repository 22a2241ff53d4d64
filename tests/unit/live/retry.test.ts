import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter, RequestScheduler } from '../../../src/live';
import { testClock } from '../../support/clock';

describe('backoffDelay', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000 };

  it('doubles each retry, half fixed and half jitter', () => {
    expect([0, 1, 2].map((retry) => backoffDelay(retry, policy, () => 0))).toEqual([50, 100, 200]);
    expect([0, 1, 2].map((retry) => backoffDelay(retry, policy, () => 0.999999))).toEqual([100, 200, 400]);
  });

  it('never exceeds the cap', () => {
    expect(backoffDelay(20, policy, () => 0.999999)).toBe(1_000);
    expect(backoffDelay(20, policy, () => 0)).toBe(500);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date as the time left until then', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
  });
});

describe('RequestScheduler', () => {
  it('spaces starts 1/rps apart even when asked all at once', async () => {
    const clock = testClock();
    const scheduler = new RequestScheduler({ rps: 10, concurrency: 10 }, clock);
    const starts: number[] = [];
    await Promise.all([1, 2, 3, 4].map(() => scheduler.run(async () => starts.push(clock.now()))));
    expect(starts).toEqual([0, 100, 200, 300]);
  });

  it('never runs more than `concurrency` tasks at once', async () => {
    const scheduler = new RequestScheduler({ rps: 1e9, concurrency: 3 }, testClock());
    let running = 0;
    let peak = 0;
    const task = async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
    };
    await Promise.all(Array.from({ length: 10 }, () => scheduler.run(task)));
    expect(peak).toBe(3);
  });

  it('frees the slot when a task throws', async () => {
    const scheduler = new RequestScheduler({ rps: 1e9, concurrency: 1 }, testClock());
    await expect(scheduler.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(scheduler.run(async () => 'next')).resolves.toBe('next');
  });

  it('refuses limits that would never let a request through', () => {
    expect(() => new RequestScheduler({ rps: 0, concurrency: 1 }, testClock())).toThrow(
      'rps must be a positive',
    );
    expect(() => new RequestScheduler({ rps: 1, concurrency: 0 }, testClock())).toThrow(
      'concurrency must be',
    );
  });
});
