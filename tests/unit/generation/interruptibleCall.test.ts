import { callInterruptibly } from '../../../src/generation/interruptibleCall';

// Defined here, outside the context the call runs in: the watchdog must stop the caller's own functions.
function spin(): never {
  while (true) {
    // never yields
  }
}

describe('callInterruptibly', () => {
  it('stops an endless synchronous loop at the time limit, and this thread goes on', () => {
    const started = performance.now();
    expect(callInterruptibly(spin, 30)).toEqual({ kind: 'interrupted' });
    const ms = performance.now() - started;
    expect(ms).toBeGreaterThanOrEqual(29);
    expect(ms).toBeLessThan(1000);
    expect(callInterruptibly(() => 'next call', 30)).toMatchObject({ kind: 'returned', value: 'next call' });
  });

  it('stops a loop whose catch would swallow an ordinary error', () => {
    const swallowing = () => {
      while (true) {
        try {
          spin();
        } catch {
          // an exception here would be caught, and the loop would go on; termination is not an exception
        }
      }
    };
    expect(callInterruptibly(swallowing, 30)).toEqual({ kind: 'interrupted' });
  });

  it('stops a regular expression that backtracks for ever', () => {
    const redos = () => /^(a+)+$/.test(`${'a'.repeat(40)}!`);
    expect(callInterruptibly(redos, 30)).toEqual({ kind: 'interrupted' });
  });

  it("gives back what the function returned or threw, as the caller's own values, with its own time", () => {
    const log = { id: 'a' };
    const returned = callInterruptibly(() => log, 1000);
    expect(returned).toMatchObject({ kind: 'returned' });
    expect(returned.kind === 'returned' && returned.value).toBe(log);
    expect(returned.kind === 'returned' && returned.ms).toBeLessThan(50);
    const error = new TypeError('bad input');
    expect(callInterruptibly(() => JSON.parse('{'), 1000)).toMatchObject({
      kind: 'threw',
      thrown: expect.any(SyntaxError),
    });
    expect(
      callInterruptibly(() => {
        throw error;
      }, 1000),
    ).toMatchObject({ kind: 'threw', thrown: error });
    expect(
      callInterruptibly(() => {
        throw 'a string';
      }, 1000),
    ).toMatchObject({ kind: 'threw', thrown: 'a string' });
  });

  it('bounds only the synchronous part: a returned promise is handed back as it is', async () => {
    const result = callInterruptibly(async () => 'later', 30);
    expect(result.kind).toBe('returned');
    await expect(result.kind === 'returned' ? result.value : undefined).resolves.toBe('later');
  });
});
