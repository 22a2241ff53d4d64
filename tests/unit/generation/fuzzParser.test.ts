import path from 'node:path';
import {
  type ActivityLog,
  assertParser,
  type FuzzReport,
  fuzzParser,
  ParserContractError,
} from '../../../src/generation';
import { loadSpec } from '../../../src/spec';
import * as parsers from '../../support/parsers';

// The documented properties of the root, read from the spec.
const rootSchema = loadSpec().document.components?.schemas?.['ActivityLogResponse'] ?? {};
const documented = Object.keys((rootSchema['properties'] ?? {}) as object);

const failureOf = (report: FuzzReport) => {
  if (!report.failure) throw new Error(`expected a failure, got: ${report.message}`);
  return report.failure;
};

describe('fuzzParser', () => {
  it('passes the correct parser with default settings', async () => {
    const report = await fuzzParser(parsers.correct);
    expect(report.message).toMatch(/^parser passed 400 runs \(accepts-valid, rejects-invalid; seed -?\d+\)$/);
    expect(report).toMatchObject({ passed: true, runs: { 'accepts-valid': 200, 'rejects-invalid': 200 } });
  });

  describe('catches each subtly wrong parser with default settings', () => {
    it('one that assumes activityLogTarget is always there', async () => {
      const failure = failureOf(await fuzzParser(parsers.assumesTarget));
      expect(failure.property).toBe('accepts-valid');
      expect(failure.outcome).toMatchObject({ kind: 'threw', error: expect.any(TypeError) });
      const items = (failure.counterexample as ActivityLog).activityLogItems;
      expect(items.some((item) => !('activityLogTarget' in item))).toBe(true);
    });

    it('one that accepts a createdAt without offset because new Date() does', async () => {
      const failure = failureOf(await fuzzParser(parsers.lenientCreatedAt));
      expect(failure.property).toBe('rejects-invalid');
      expect(failure.reason).toBe('it accepted an invalid activity log');
      expect(failure.violation).toMatchObject({ kind: 'format', pointer: '/createdAt', keyword: 'format' });
      const createdAt = (failure.counterexample as ActivityLog).createdAt;
      expect(Number.isNaN(new Date(createdAt).getTime())).toBe(false);
    });

    it('one that crashes on an empty activityLogItems', async () => {
      const failure = failureOf(await fuzzParser(parsers.crashesOnEmptyItems));
      expect(failure.property).toBe('accepts-valid');
      expect((failure.counterexample as ActivityLog).activityLogItems).toEqual([]);
      expect(failure.outcome).toMatchObject({ kind: 'threw', error: expect.any(TypeError) });
    });

    it('one that rejects a property the spec does not list, though the spec allows it', async () => {
      const failure = failureOf(await fuzzParser(parsers.rejectsUndocumented));
      expect(failure.property).toBe('accepts-valid');
      expect(failure.outcome).toMatchObject({ kind: 'threw' });
      expect(Object.keys(failure.counterexample as object).some((key) => !documented.includes(key))).toBe(
        true,
      );
    });

    it('one that throws strings instead of Errors', async () => {
      const failure = failureOf(await fuzzParser(parsers.throwsStrings));
      expect(failure.property).toBe('rejects-invalid');
      expect(failure.outcome.kind).toBe('threw-non-error');
      expect(failure.reason).toMatch(
        /^it crashed with something that is not an Error: threw the string "invalid/,
      );
    });

    it('one that trims names, so it does not give back what it was given', async () => {
      const failure = failureOf(await fuzzParser(parsers.trimsStrings));
      expect(failure.property).toBe('accepts-valid');
      expect(failure.reason).toMatch(
        /^it accepted a valid activity log but gave back something else \(first difference at \/activityLogItems\/\d+\/name\)$/,
      );
    });
  });

  it('cuts off a call that never settles, at the time limit', async () => {
    const failure = failureOf(await fuzzParser(parsers.hangsOnEmptySummary, { timeLimit: 50 }));
    expect(failure.outcome).toEqual({ kind: 'timeout', ms: 50 });
    expect(failure.reason).toBe('it did not finish within the time limit (50 ms)');
  });

  it('stops shrinking when its budget is spent, and reports a counterexample that still fails', async () => {
    const failure = failureOf(await fuzzParser(parsers.assumesTarget, { shrinkTimeLimit: 0 }));
    expect(failure.numShrinks).toBe(0);
    expect(() => parsers.assumesTarget(failure.counterexample)).toThrow(TypeError);
  });

  describe('in a worker thread ({ module, export })', () => {
    const module = path.resolve(__dirname, '../../support/parsers/isolated.js');

    it('stops a synchronous infinite loop at the time limit', async () => {
      const report = await fuzzParser(
        { module, export: 'spinsOnEmptySummary' },
        { timeLimit: 200, shrinkTimeLimit: 2000, properties: ['accepts-valid'] },
      );
      const failure = failureOf(report);
      expect(failure.outcome.kind).toBe('timeout');
      const items = (failure.counterexample as ActivityLog).activityLogItems;
      expect(items.some((item) => item.summary === '')).toBe(true);
    });

    it('gives back returned values and thrown errors across the thread boundary', async () => {
      const passing = await fuzzParser(
        { module, export: 'shallow' },
        { numRuns: 50, properties: ['accepts-valid'] },
      );
      expect(passing.passed).toBe(true);
      const failure = failureOf(await fuzzParser({ module, export: 'throwsNumbers' }, { numRuns: 50 }));
      expect(failure.outcome).toMatchObject({ kind: 'threw-non-error', thrown: 42 });
    });

    it('says so when the module has no such export', async () => {
      await expect(fuzzParser({ module, export: 'missing' }, { numRuns: 5 })).rejects.toThrow(
        /cannot load the parser: .*isolated\.js exports no function missing/,
      );
    });
  });

  it('reports a synchronous call slower than the time limit once it returns', async () => {
    const slow = (input: unknown) => {
      const log = parsers.correct(input);
      if ((log['activityLogItems'] as unknown[]).length === 0) {
        const until = performance.now() + 30;
        while (performance.now() < until) {
          // busy: a synchronous call cannot be interrupted
        }
      }
      return log;
    };
    const failure = failureOf(await fuzzParser(slow, { timeLimit: 20, properties: ['accepts-valid'] }));
    expect(failure.outcome.kind).toBe('timeout');
    expect(failure.outcome.ms).toBeGreaterThanOrEqual(20);
  });

  it('reports the seed and path to replay, the shrunk counterexample, the violation and what the parser did', async () => {
    const report = await fuzzParser(parsers.lenientCreatedAt, { seed: 1234 });
    const failure = failureOf(report);
    expect(failure.seed).toBe(1234);
    expect(failure.path).toMatch(/^\d+(:\d+)*$/);
    expect(failure.numShrinks).toBeGreaterThan(0);
    const lines = report.message.split('\n');
    expect(lines[0]).toBe('Parser contract broken (rejects-invalid): it accepted an invalid activity log.');
    expect(lines[1]).toMatch(/^ {2}what the parser did: returned \{/);
    expect(lines[2]).toMatch(/^ {2}violation: \/createdAt: date-time broken, .* \[keyword 'format'\]$/);
    expect(lines[3]).toMatch(/^ {2}counterexample \(after \d+ shrinks\): \{"id":/);
    expect(lines[4]).toBe(
      `  replay: fuzzParser(parse, { seed: 1234, path: ${JSON.stringify(failure.path)}, properties: ["rejects-invalid"] })`,
    );

    const replayed = failureOf(await fuzzParser(parsers.lenientCreatedAt, failure.replay));
    expect(replayed.counterexample).toEqual(failure.counterexample);
    expect(replayed.violation).toEqual(failure.violation);
  });

  it('gives the same verdict for the same seed', async () => {
    const first = await fuzzParser(parsers.assumesTarget, { seed: 99 });
    const second = await fuzzParser(parsers.assumesTarget, { seed: 99 });
    expect(second.failure?.counterexample).toEqual(first.failure?.counterexample);
    expect(second.failure?.path).toBe(first.failure?.path);
  });

  it("recognises the parser's own error shape and output, zod-style", async () => {
    const options = {
      numRuns: 100,
      isRejection: (r: ReturnType<typeof parsers.safeParseActivityLog>) => !r.success,
      output: (r: ReturnType<typeof parsers.safeParseActivityLog>) => (r.success ? r.data : undefined),
    };
    expect((await fuzzParser(parsers.safeParseActivityLog, options)).passed).toBe(true);
    // Without being told the error shape, returning { success: false } is accepting.
    const failure = failureOf(await fuzzParser(parsers.safeParseActivityLog, { numRuns: 100 }));
    expect(failure.reason).toMatch(/gave back something else|accepted an invalid/);
  });

  it('can hand the parser JSON text instead of a value', async () => {
    const fromText = (text: unknown) => parsers.correct(JSON.parse(text as string));
    expect((await fuzzParser(fromText, { input: 'json', numRuns: 100 })).passed).toBe(true);
  });

  it('passes the parser a copy, so a parser that mutates its input cannot corrupt the counterexample', async () => {
    const mutating = (input: unknown) => {
      const log = parsers.correct(input);
      (log['activityLogItems'] as unknown[]).length = 0;
      return log;
    };
    const failure = failureOf(await fuzzParser(mutating, { properties: ['accepts-valid'] }));
    expect((failure.counterexample as ActivityLog).activityLogItems.length).toBeGreaterThan(0);
  });

  it('assertParser throws a ParserContractError carrying the report', async () => {
    await expect(assertParser(parsers.crashesOnEmptyItems)).rejects.toThrow(ParserContractError);
    await expect(assertParser(parsers.crashesOnEmptyItems)).rejects.toThrow(/Reduce of empty array/);
    await expect(assertParser(parsers.correct, { numRuns: 50 })).resolves.toMatchObject({ passed: true });
  });
});
