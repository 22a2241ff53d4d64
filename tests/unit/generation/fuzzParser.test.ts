import path from 'node:path';
import {
  type ActivityLog,
  assertParser,
  type FuzzReport,
  fuzzParser,
  ParserContractError,
} from '../../../src/generation';
import { loadSpec } from '../../../src/spec';
import { getAtPointer } from '../../../src/spec/pointer';
import { leaves } from '../../support/generatedValues';
import * as parsers from '../../support/parsers';

// The documented properties of the root, read from the spec.
const rootSchema = loadSpec().document.components?.schemas?.['ActivityLogResponse'] ?? {};
const documented = Object.keys((rootSchema['properties'] ?? {}) as object);

/** A log with only the properties the spec lists, as a parser that strips unknown keys gives back. */
const documentedOnly = (log: Record<string, unknown>) => {
  const pick = (value: Record<string, unknown>, keys: string[]) =>
    Object.fromEntries(Object.entries(value).filter(([key]) => keys.includes(key)));
  const entity = ['id', 'entityType', 'entityId', 'email'];
  const item = ['id', 'activityLogId', 'verb', 'name', 'summary', 'reason', 'metadata'];
  return {
    ...pick(log, documented),
    activityLogItems: (log['activityLogItems'] as Record<string, unknown>[]).map((i) => ({
      ...pick(i, item),
      ...Object.fromEntries(
        ['activityLogActor', 'activityLogObject', 'activityLogTarget']
          .filter((key) => key in i)
          .map((key) => [key, pick(i[key] as Record<string, unknown>, entity)]),
      ),
    })),
  };
};

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
        /^it accepted a valid activity log but gave back something else \(first difference at \/activityLogItems\/\d+\/name: expected ".*", got ".*"\)$/,
      );
    });
  });

  it('cuts off a call that never settles, at the time limit', async () => {
    const failure = failureOf(await fuzzParser(parsers.hangsOnEmptySummary, { timeLimit: 50 }));
    expect(failure.outcome.kind).toBe('timeout');
    expect(failure.outcome.ms).toBeLessThanOrEqual(50);
    expect(failure.reason).toBe('it did not finish within the time limit (50 ms)');
    expect((failure.counterexample as ActivityLog).activityLogItems.some((i) => i.summary === '')).toBe(true);
  });

  describe('stops a plain function that never yields, in this thread, at the time limit', () => {
    it('an endless synchronous loop on a control character, shrunk to one short string', async () => {
      const report = await fuzzParser(parsers.spinsOnControlCharacter, {
        seed: 7,
        timeLimit: 200,
        shrinkTimeLimit: 10_000,
      });
      const failure = failureOf(report);
      expect(failure.reason).toBe('it did not finish within the time limit (200 ms)');
      expect(failure.outcome.kind).toBe('timeout');
      // Every string but one is as short as it goes ('' or the shortest date-time); that one holds the control.
      const strings = leaves(failure.counterexample).filter(
        ([pointer, value]) => typeof value === 'string' && value !== '' && pointer !== '/createdAt',
      );
      expect(strings).toHaveLength(1);
      const [, text] = strings[0] as [string, string];
      expect(text.length).toBeLessThanOrEqual(2);
      const control = [...text].find((c) => (c.codePointAt(0) as number) < 0x20) as string;
      expect(control).toBeDefined();
      // The control character is shown escaped, so a person sees it.
      expect(report.message).toContain(JSON.stringify(control).slice(1, -1));
      expect(report.message).not.toContain(control);
      expect(report.message).toMatch(
        /what the parser did: did not finish within \d+ ms, and was stopped \(while shrinking, a call counts as hanging/,
      );
    });

    it('an async function that loops before its first await', async () => {
      const spinsFirst = async (input: unknown) => parsers.spinsOnControlCharacter(input);
      const failure = failureOf(
        await fuzzParser(spinsFirst, { timeLimit: 50, properties: ['accepts-valid'] }),
      );
      expect(failure.outcome.kind).toBe('timeout');
    });

    it('a busy call, whatever it was busy with', async () => {
      const slow = (input: unknown) => {
        const log = parsers.correct(input);
        if ((log['activityLogItems'] as unknown[]).length === 0) {
          const until = performance.now() + 5000;
          while (performance.now() < until) {
            // busy far longer than the time limit
          }
        }
        return log;
      };
      const started = performance.now();
      const failure = failureOf(await fuzzParser(slow, { timeLimit: 20, properties: ['accepts-valid'] }));
      expect(failure.outcome.kind).toBe('timeout');
      expect(performance.now() - started).toBeLessThan(5000);
    });
  });

  it('does not take a pause of the machine while shrinking a hang for a hang: a stopped call is tried again', async () => {
    let hangSeen = false;
    let paused = false;
    const pausesOnce = (input: unknown) => {
      const log = parsers.correct(input);
      if ((log['activityLogItems'] as { summary: string }[]).some((item) => item.summary === '')) {
        hangSeen = true;
        return new Promise(() => {});
      }
      if (hangSeen && !paused) {
        paused = true;
        // Within the time limit, but far longer than the limit while shrinking (10 times the slowest call).
        const until = performance.now() + 240;
        while (performance.now() < until) {
          // a garbage collection, say: once
        }
      }
      return log;
    };
    const failure = failureOf(
      await fuzzParser(pausesOnce, { seed: 3, timeLimit: 300, properties: ['accepts-valid'] }),
    );
    expect(paused).toBe(true);
    const items = (failure.counterexample as ActivityLog).activityLogItems;
    expect(items.some((item) => item.summary === '')).toBe(true);
  });

  it('stops shrinking when its budget is spent, and reports a counterexample that still fails', async () => {
    const failure = failureOf(await fuzzParser(parsers.assumesTarget, { shrinkTimeLimit: 0 }));
    expect(failure.numShrinks).toBe(0);
    expect(() => parsers.assumesTarget(failure.counterexample)).toThrow(TypeError);
  });

  describe('in a worker thread ({ module, export })', () => {
    const module = path.resolve(__dirname, '../../support/parsers/isolated.js');

    it('stops a synchronous infinite loop at the time limit, in the worker, and shrinks it as small', async () => {
      const started = performance.now();
      const report = await fuzzParser(
        { module, export: 'spinsOnEmptySummary' },
        { timeLimit: 200, shrinkTimeLimit: 10_000, properties: ['accepts-valid'] },
      );
      const failure = failureOf(report);
      expect(failure.outcome.kind).toBe('timeout');
      const items = (failure.counterexample as ActivityLog).activityLogItems;
      expect(items.some((item) => item.summary === '')).toBe(true);
      // The worker lives on (no restart per hang), so shrinking goes as far, and as fast, as for a function.
      expect(JSON.stringify(failure.counterexample).length).toBeLessThan(1000);
      expect(performance.now() - started).toBeLessThan(4000);
    });

    it('stops a loop after an await, which no watchdog reaches, by terminating the worker', async () => {
      const started = performance.now();
      const failure = failureOf(
        await fuzzParser(
          { module, export: 'spinsAfterAwaitOnEmptySummary' },
          { timeLimit: 100, shrinkTimeLimit: 300, properties: ['accepts-valid'] },
        ),
      );
      expect(failure.outcome.kind).toBe('timeout');
      expect((failure.counterexample as ActivityLog).activityLogItems.some((i) => i.summary === '')).toBe(
        true,
      );
      expect(performance.now() - started).toBeLessThan(5000);
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

  it('passes the parser a copy, so a parser that mutates its input cannot corrupt the counterexample', async () => {
    const mutating = (input: unknown) => {
      const log = parsers.correct(input);
      (log['activityLogItems'] as unknown[]).length = 0;
      return log;
    };
    const failure = failureOf(await fuzzParser(mutating, { properties: ['accepts-valid'] }));
    expect((failure.counterexample as ActivityLog).activityLogItems.length).toBeGreaterThan(0);
  });

  describe('tolerates-additions: what a provider may add without a new API version', () => {
    const properties = ['tolerates-additions'] as const;

    it('reports a parser that refuses an undocumented property, with the addition that broke it', async () => {
      const report = await fuzzParser(parsers.rejectsUndocumented, { properties });
      const failure = failureOf(report);
      expect(failure.reason).toBe(
        'it rejected a valid activity log with additions a provider may make without a new API version',
      );
      expect(failure.additions).toEqual([
        expect.objectContaining({
          kind: 'undocumented-property',
          pointer: expect.stringMatching(/^\/[^/]+$/),
        }),
      ]);
      const [addition] = failure.additions ?? [];
      expect(report.message).toContain(`\n  addition: ${addition?.message}\n`);
      expect(getAtPointer(failure.counterexample, addition?.pointer ?? '')).toBeDefined();
    });

    it('reports a parser that caps a list the spec leaves open, at the first length it refuses', async () => {
      // At the default properties it passes: the valid generators make at most 40 items.
      expect((await fuzzParser(parsers.refusesLongPages, { numRuns: 50 })).passed).toBe(true);
      const failure = failureOf(
        await fuzzParser(parsers.refusesLongPages, { seed: 5, properties, shrinkTimeLimit: 10_000 }),
      );
      expect(failure.additions?.map((a) => a.message)).toEqual([
        expect.stringMatching(/^\/activityLogItems: array grown from \d+ to 51 items \(copies of its own\)$/),
      ]);
    });

    it('passes a parser that keeps additions, and one that drops the properties it does not know', async () => {
      expect((await fuzzParser(parsers.correct, { properties, numRuns: 100 })).passed).toBe(true);
      const strips = (input: unknown) => documentedOnly(parsers.correct(input));
      expect((await fuzzParser(strips, { properties, numRuns: 100 })).passed).toBe(true);
    });

    it('reports a parser that accepts a longer string but cuts it', async () => {
      // A column of 4,096 characters, say: longer than anything the valid generators make.
      const cut = (value: unknown): unknown =>
        typeof value === 'string'
          ? value.slice(0, 4096)
          : Array.isArray(value)
            ? value.map(cut)
            : value !== null && typeof value === 'object'
              ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cut(item)]))
              : value;
      const cuts = (input: unknown) => cut(parsers.correct(input));
      const failure = failureOf(await fuzzParser(cuts, { properties, seed: 2 }));
      const at = /first difference at ([^:]+):/.exec(failure.reason)?.[1];
      expect(failure.reason).toMatch(
        /^it accepted a valid activity log with additions .* but gave back something else/,
      );
      expect(failure.additions).toContainEqual(
        expect.objectContaining({ kind: 'longer-string', pointer: at }),
      );
    });
  });

  describe("input: 'json': valid logs as unusual JSON text", () => {
    it('reports a parser that loses a big number, naming it', async () => {
      const report = await fuzzParser(parsers.normalisesIntegers, { input: 'json' });
      const failure = failureOf(report);
      expect(failure.property).toBe('accepts-valid');
      expect(failure.reason).toMatch(
        /gave back something else \(first difference at \/[^:]+: expected [^,]+, an integer beyond 2\^53, got /,
      );
    });

    it('reports a parser that chokes on deep nesting in free-form metadata, with the edge case', async () => {
      const report = await fuzzParser(parsers.refusesDeepMetadata, {
        input: 'json',
        shrinkTimeLimit: 10_000,
      });
      const failure = failureOf(report);
      expect(failure.reason).toBe('it rejected a valid activity log');
      expect(failure.jsonEdgeCases).toEqual([
        expect.objectContaining({ kind: 'deep-nesting', message: expect.stringMatching(/nested 100 deep$/) }),
      ]);
      expect(report.message).toMatch(
        /\n {2}JSON text edge case: \/activityLogItems\/0\/metadata\/[^:]+: free-form JSON nested 100 deep\n/,
      );
      expect(report.message).toMatch(/\n {2}JSON text given: \{/);
      expect(failure.text).toContain('[{"n":[{"n":');
    });

    it('names each edge case a text-reading parser chokes on', async () => {
      // Each refuses what only its edge case writes (the plain text never escapes a letter or has a space).
      const letterEscape = /\\u00(4[1-9a-fA-F]|5[0-9aA]|6[1-9a-fA-F]|7[0-9aA])/;
      const chokers: [string, (text: string) => void][] = [
        [
          'escaped-unicode',
          (text) => {
            if (letterEscape.test(text)) throw new Error('unknown escape');
          },
        ],
        [
          'shuffled-keys',
          (text) => {
            if (Object.keys(JSON.parse(text))[0] !== 'id') throw new Error('id first');
          },
        ],
        [
          'whitespace',
          (text) => {
            if (/\s/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, ''))) throw new Error('space');
          },
        ],
      ];
      for (const [kind, choke] of chokers) {
        const parser = (text: unknown) => {
          choke(text as string);
          return parsers.correct(JSON.parse(text as string));
        };
        const failure = failureOf(
          await fuzzParser(parser, { input: 'json', seed: 11, properties: ['accepts-valid'] }),
        );
        expect([kind, failure.jsonEdgeCases?.map((edge) => edge.kind)]).toEqual([kind, [kind]]);
      }
    });

    it('passes a parser that reads big integers as BigInt, and one that reads them as JSON.parse does', async () => {
      const viaJsonParse = (text: unknown) => parsers.correct(JSON.parse(text as string));
      const viaBigInt = (text: unknown) =>
        parsers.correct(
          JSON.parse(text as string, (_key, value: unknown) =>
            typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)
              ? BigInt(value)
              : value,
          ),
        );
      expect((await fuzzParser(viaJsonParse, { input: 'json', numRuns: 50 })).passed).toBe(true);
      expect((await fuzzParser(viaBigInt, { input: 'json', numRuns: 50 })).passed).toBe(true);
    });
  });

  it('refuses a property it does not know', async () => {
    await expect(
      fuzzParser(parsers.correct, { properties: ['accepts-everything' as 'accepts-valid'] }),
    ).rejects.toThrow(
      "unknown property 'accepts-everything': expected one of accepts-valid, rejects-invalid, tolerates-additions",
    );
  });

  it('assertParser throws a ParserContractError carrying the report', async () => {
    await expect(assertParser(parsers.crashesOnEmptyItems)).rejects.toThrow(ParserContractError);
    await expect(assertParser(parsers.crashesOnEmptyItems)).rejects.toThrow(/Reduce of empty array/);
    await expect(assertParser(parsers.correct, { numRuns: 50 })).resolves.toMatchObject({ passed: true });
  });
});
