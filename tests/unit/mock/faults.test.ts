import { EventEmitter } from 'node:events';
import { stopOnProcessSignals } from '../../../src/cli/stopOnProcessSignals';
import { pathForLog } from '../../../src/live/redact';
import {
  DEFAULT_FAULTS,
  describeFault,
  drawFault,
  FaultSyntaxError,
  formatRequestLine,
  parseFault,
} from '../../../src/mock';

describe('parseFault', () => {
  it("reads Prism's tokens and ours, combined", () => {
    expect(parseFault('code=429, retry-after=0')).toEqual({ code: 429, retryAfter: 0 });
    expect(parseFault('example="ActivityLogResponse"')).toEqual({ example: 'ActivityLogResponse' });
    expect(parseFault('delay=50, truncate')).toEqual({ delayMs: 50, truncate: true });
    expect(parseFault('invalid=enum')).toEqual({ invalid: 'enum' });
    expect(parseFault('content-type')).toEqual({ contentType: 'text/plain' });
    expect(parseFault('code=503, html')).toEqual({ code: 503, html: true });
  });

  it('ignores the standard preferences that are not faults', () => {
    expect(parseFault('return=minimal, respond-async, dynamic=true')).toBeUndefined();
  });

  it.each([
    ['dealy=10', "unknown preference 'dealy'"],
    ['code=5O3', "code= needs a whole number from 200 to 599, not '5O3'"],
    ['code=199', "code= needs a whole number from 200 to 599, not '199'"],
    ['delay=-1', "delay= needs a whole number from 0 to 600000, not '-1'"],
    ['retry-after=soon', "retry-after= needs a whole number from 0 to 86400, not 'soon'"],
    ['invalid=sideways', 'invalid=sideways: the kinds are required, type, null, format, enum, scalar'],
    ['truncate=yes', "truncate takes no value, got 'truncate=yes'"],
    ['content-type=plain', 'content-type=plain is not a media type'],
    ['example=', 'example= needs the name of an example'],
    ['example=A, invalid', 'example= and invalid cannot be combined'],
  ])('refuses %s', (value, message) => {
    expect(() => parseFault(value)).toThrow(FaultSyntaxError);
    expect(() => parseFault(value)).toThrow(message);
  });

  it('writes each default fault back as the Prefer value that asks for it', () => {
    for (const fault of DEFAULT_FAULTS) expect(parseFault(describeFault(fault))).toEqual(fault);
  });
});

describe('drawFault', () => {
  const faults = [{ code: 503 }, { truncate: true as const }];
  const draws = (seed: number, rate: number) =>
    Array.from({ length: 1000 }, (_, i) => drawFault({ seed, rate, faults }, i));

  it('faults about the share of requests asked for, from the whole list', () => {
    const drawn = draws(1, 0.3).filter((f) => f !== undefined);
    expect(drawn.length).toBeGreaterThan(250);
    expect(drawn.length).toBeLessThan(350);
    expect(new Set(drawn)).toEqual(new Set(faults));
  });

  it('never faults at rate 0 and always at rate 1', () => {
    expect(draws(1, 0).every((f) => f === undefined)).toBe(true);
    expect(draws(1, 1).every((f) => f !== undefined)).toBe(true);
  });

  it('draws the same faults for the same seed, and others for another', () => {
    expect(draws(5, 0.5)).toEqual(draws(5, 0.5));
    expect(draws(6, 0.5)).not.toEqual(draws(5, 0.5));
  });
});

describe('the request log line', () => {
  it('gives method, path, status, fault and ms, then the detail', () => {
    expect(
      formatRequestLine({
        method: 'GET',
        path: '/activity-logs/a',
        status: 429,
        fault: 'code=429, retry-after=1',
        ms: 2.4,
        startedAt: 0,
      }),
    ).toBe('GET /activity-logs/a 429 fault=code=429,retry-after=1 2ms');
    expect(
      formatRequestLine({
        method: 'GET',
        path: '/a',
        status: undefined,
        fault: undefined,
        ms: 0,
        startedAt: 0,
        detail: 'x',
      }),
    ).toBe('GET /a --- fault=none 0ms: x');
  });

  it('hides query values that carry a credential, and keeps one request on one line', () => {
    expect(pathForLog('/pets?api_key=s3cret&page=2', ['api_key'])).toBe('/pets?api_key=[REDACTED]&page=2');
    expect(pathForLog('/pets/a\nGET /forged', [])).toBe('/pets/a%0aGET /forged');
  });
});

describe('stopOnProcessSignals', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'aborts on %s, naming it, and stops listening once disposed',
    (name) => {
      const source = new EventEmitter();
      const stop = stopOnProcessSignals(source);
      expect(stop.signal.aborted).toBe(false);
      source.emit(name);
      expect([stop.signal.aborted, stop.signal.reason]).toEqual([true, name]);
      stop.dispose();
      expect([source.listenerCount('SIGINT'), source.listenerCount('SIGTERM')]).toEqual([0, 0]);
    },
  );
});
