import fc from 'fast-check';
import { type ActivityLogOptions, activityLog, invalidActivityLog } from './activityLog';
import { IsolatedParser, type ParserModule } from './isolatedParser';
import { cloneJson, firstDifference, preview, toJsonText } from './json';
import type { InvalidSample, Violation } from './mutations';
import { ParserContractError } from './ParserContractError';

/** The properties the harness checks. */
export type ParserProperty = 'accepts-valid' | 'rejects-invalid';

export interface FuzzParserOptions<R = unknown> {
  /** Runs per property. Default 200. */
  readonly numRuns?: number;
  /** Seed to replay (default: random); printed on failure. */
  readonly seed?: number;
  /** Replay exactly the shrunk counterexample: the `path` and `property` a failure printed. */
  readonly path?: string;
  /** Check only these properties. Default: both. */
  readonly properties?: readonly ParserProperty[];
  /** Longest a call may take, in milliseconds, before it counts as a hang. Default 1,000. */
  readonly timeLimit?: number;
  /**
   * Time spent shrinking a failure, in milliseconds, after which the smallest counterexample found so far
   * is reported (shrinking a hang costs a time limit per step). Default 5,000.
   */
  readonly shrinkTimeLimit?: number;
  /** What the parser is given: the parsed value (default) or its JSON text. */
  readonly input?: 'value' | 'json';
  /**
   * Recognises the parser's error shape when it reports rejection by returning instead of throwing,
   * e.g. `(r) => r.success === false`. Throwing an `Error` always counts as rejection.
   */
  readonly isRejection?: (returned: R) => boolean;
  /** What of the returned value to compare with the input, e.g. `(r) => r.data`. Default: all of it. */
  readonly output?: (returned: R) => unknown;
  /** Whether the parser gave back what it was given. Default: deep JSON equality (key order ignored). */
  readonly equals?: (output: unknown, given: unknown) => boolean;
  /** Options of the generators (edge cases, extra properties, sizes, spec). */
  readonly generation?: ActivityLogOptions;
}

/** What the parser did with one input. */
export type ParserOutcome =
  | { readonly kind: 'returned'; readonly value: unknown; readonly ms: number }
  | { readonly kind: 'rejected'; readonly value: unknown; readonly ms: number }
  | { readonly kind: 'threw'; readonly error: Error; readonly ms: number }
  | { readonly kind: 'threw-non-error'; readonly thrown: unknown; readonly ms: number }
  | { readonly kind: 'timeout'; readonly ms: number };

export interface ParserFailure {
  readonly property: ParserProperty;
  /** Why the property failed, in one line. */
  readonly reason: string;
  /** The shrunk input the parser mishandled (as given, before any `input: 'json'` encoding). */
  readonly counterexample: unknown;
  /** For `rejects-invalid`: the violation the counterexample carries. */
  readonly violation: Violation | undefined;
  readonly outcome: ParserOutcome;
  readonly seed: number;
  readonly path: string;
  readonly numRuns: number;
  readonly numShrinks: number;
  /** Options that replay exactly this counterexample. */
  readonly replay: {
    readonly seed: number;
    readonly path: string;
    readonly properties: readonly ParserProperty[];
  };
}

export interface FuzzReport {
  readonly passed: boolean;
  readonly seed: number;
  /** Runs per property that were checked. */
  readonly runs: Readonly<Partial<Record<ParserProperty, number>>>;
  readonly failure: ParserFailure | undefined;
  /** A readable account: what broke, the counterexample, the violation, what the parser did, how to replay. */
  readonly message: string;
}

class PropertyBroken extends Error {
  constructor(
    readonly reason: string,
    readonly outcome: ParserOutcome,
  ) {
    super(reason);
  }
}

const PROPERTIES: readonly ParserProperty[] = ['accepts-valid', 'rejects-invalid'];

/**
 * Runs properties against a parser of activity logs: it must accept every valid log and give back what it
 * was given, reject every invalid one (throw an `Error`, or return the shape `isRejection` recognises),
 * never throw anything that is not an `Error`, and never take longer than `timeLimit` per call.
 * Resolves a report; use `assertParser` to throw instead. Works in Jest and plain Node alike.
 *
 * A function runs in this thread: an asynchronous call that never settles is cut off at `timeLimit`, but a
 * synchronous one can only be reported once it returns. Pass `{ module, export }` instead to run the parser
 * in a worker thread, where any call, infinite loops included, is stopped at `timeLimit`.
 *
 * @example
 * const report = await fuzzParser((body) => MyLog.parse(body));
 * if (!report.passed) console.error(report.message);
 */
export async function fuzzParser<R = unknown>(
  parse: ((input: unknown) => R | Promise<R>) | ParserModule,
  options: FuzzParserOptions<R> = {},
): Promise<FuzzReport> {
  const isolated = typeof parse === 'function' ? undefined : new IsolatedParser(parse);
  try {
    await isolated?.ready();
    return await run(typeof parse === 'function' ? parse : undefined, isolated, options);
  } finally {
    await isolated?.close();
  }
}

async function run<R>(
  parse: ((input: unknown) => R | Promise<R>) | undefined,
  isolated: IsolatedParser | undefined,
  options: FuzzParserOptions<R>,
): Promise<FuzzReport> {
  const numRuns = options.numRuns ?? 200;
  const timeLimit = options.timeLimit ?? 1000;
  const seed = options.seed ?? (Date.now() ^ (Math.random() * 0x100000000)) | 0;
  const properties = options.properties ?? PROPERTIES;
  const equals = options.equals ?? ((a: unknown, b: unknown) => firstDifference(b, a) === undefined);
  const output = options.output ?? ((returned: R) => returned as unknown);
  const isRejection = options.isRejection;

  const call = async (given: unknown): Promise<ParserOutcome> => {
    const input = options.input === 'json' ? toJsonText(given) : cloneJson(given);
    if (isolated) {
      const result = await isolated.call(input, timeLimit);
      return result.kind === 'returned' && isRejection?.(result.value as R)
        ? { kind: 'rejected', value: result.value, ms: result.ms }
        : result;
    }
    if (!parse) throw new Error('no parser');
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      let returned = parse(input) as unknown;
      if (isThenable(returned)) {
        const timedOut = Symbol('timeout');
        const raced = await Promise.race([
          returned,
          new Promise<typeof timedOut>((resolve) => {
            timer = setTimeout(() => resolve(timedOut), timeLimit);
          }),
        ]);
        if (raced === timedOut) return { kind: 'timeout', ms: timeLimit };
        returned = raced;
      }
      const ms = performance.now() - started;
      if (ms > timeLimit) return { kind: 'timeout', ms };
      return isRejection?.(returned as R)
        ? { kind: 'rejected', value: returned, ms }
        : { kind: 'returned', value: returned, ms };
    } catch (thrown) {
      const ms = performance.now() - started;
      if (ms > timeLimit) return { kind: 'timeout', ms };
      return thrown instanceof Error
        ? { kind: 'threw', error: thrown, ms }
        : { kind: 'threw-non-error', thrown, ms };
    } finally {
      if (timer) clearTimeout(timer);
    }
  };

  const generation = options.generation ?? {};
  // Once a property has failed, shrinking runs until this budget is spent; later candidates count as
  // passing, so fast-check stops there and reports the smallest failure it already has.
  const shrinkTimeLimit = options.shrinkTimeLimit ?? 5000;
  let failedAt: number | undefined;
  const overBudget = () => failedAt !== undefined && performance.now() - failedAt > shrinkTimeLimit;
  const broken = (reason: string, outcome: ParserOutcome): never => {
    failedAt ??= performance.now();
    throw new PropertyBroken(reason, outcome);
  };
  const checks: Record<ParserProperty, () => fc.IAsyncProperty<[unknown]>> = {
    'accepts-valid': () =>
      fc.asyncProperty(activityLog(generation) as fc.Arbitrary<unknown>, async (log) => {
        if (overBudget()) return;
        const outcome = await call(log);
        if (outcome.kind === 'returned') {
          const produced = output(outcome.value as R);
          const expected = options.input === 'json' ? JSON.parse(toJsonText(log)) : log;
          if (!equals(produced, expected)) {
            const at = firstDifference(expected, produced);
            broken(
              `it accepted a valid activity log but gave back something else${at === undefined ? '' : ` (first difference at ${at || '(root)'})`}`,
              outcome,
            );
          }
          return;
        }
        broken(unexpected(outcome, 'rejected a valid activity log'), outcome);
      }),
    'rejects-invalid': () =>
      fc.asyncProperty(invalidActivityLog(generation) as fc.Arbitrary<unknown>, async (sample) => {
        if (overBudget()) return;
        const outcome = await call((sample as InvalidSample).value);
        if (outcome.kind === 'threw' || outcome.kind === 'rejected') return;
        broken(unexpected(outcome, 'accepted an invalid activity log'), outcome);
      }),
  };

  const runs: Partial<Record<ParserProperty, number>> = {};
  for (const property of properties) {
    failedAt = undefined;
    const details = await fc.check(checks[property](), {
      numRuns,
      seed,
      ...(options.path === undefined ? {} : { path: options.path }),
    });
    runs[property] = details.numRuns;
    if (!details.failed) continue;
    const [example] = (details.counterexample ?? []) as [unknown];
    const broken = details.errorInstance instanceof PropertyBroken ? details.errorInstance : undefined;
    const invalid = property === 'rejects-invalid' ? (example as InvalidSample) : undefined;
    const failure: ParserFailure = {
      property,
      reason: broken?.reason ?? `the property itself failed: ${String(details.errorInstance)}`,
      counterexample: invalid ? invalid.value : example,
      violation: invalid?.violation,
      outcome: broken?.outcome ?? { kind: 'threw-non-error', thrown: details.errorInstance, ms: 0 },
      seed: details.seed,
      path: details.counterexamplePath ?? '',
      numRuns: details.numRuns,
      numShrinks: details.numShrinks,
      replay: { seed: details.seed, path: details.counterexamplePath ?? '', properties: [property] },
    };
    return { passed: false, seed, runs, failure, message: describeFailure(failure) };
  }
  const total = Object.values(runs).reduce((a, b) => a + b, 0);
  return {
    passed: true,
    seed,
    runs,
    failure: undefined,
    message: `parser passed ${total} runs (${properties.join(', ')}; seed ${seed})`,
  };
}

/** `fuzzParser`, throwing a `ParserContractError` (whose message is the report) when a property breaks. */
export async function assertParser<R = unknown>(
  parse: ((input: unknown) => R | Promise<R>) | ParserModule,
  options: FuzzParserOptions<R> = {},
): Promise<FuzzReport> {
  const report = await fuzzParser(parse, options);
  if (!report.passed) throw new ParserContractError(report);
  return report;
}

function unexpected(outcome: ParserOutcome, what: string): string {
  switch (outcome.kind) {
    case 'timeout':
      return `it did not finish within the time limit (${Math.round(outcome.ms)} ms)`;
    case 'threw-non-error':
      return `it crashed with something that is not an Error: ${describeOutcome(outcome)}`;
    default:
      return `it ${what}`;
  }
}

export function describeOutcome(outcome: ParserOutcome): string {
  switch (outcome.kind) {
    case 'returned':
      return `returned ${preview(outcome.value)}`;
    case 'rejected':
      return `returned its error shape ${preview(outcome.value)}`;
    case 'threw':
      return `threw ${outcome.error.name}: ${outcome.error.message}`;
    case 'threw-non-error':
      return `threw ${typeof outcome.thrown === 'string' ? 'the string' : 'the non-Error'} ${preview(outcome.thrown)}`;
    case 'timeout':
      return `did not finish within ${Math.round(outcome.ms)} ms`;
  }
}

function describeFailure(f: ParserFailure): string {
  const lines = [
    `Parser contract broken (${f.property}): ${f.reason}.`,
    `  what the parser did: ${describeOutcome(f.outcome)}`,
  ];
  if (f.violation) lines.push(`  violation: ${f.violation.message} [keyword '${f.violation.keyword}']`);
  lines.push(
    `  counterexample (after ${f.numShrinks} shrinks): ${preview(f.counterexample, 2000)}`,
    `  replay: fuzzParser(parse, { seed: ${f.seed}, path: ${JSON.stringify(f.path)}, properties: [${JSON.stringify(f.property)}] })`,
  );
  return lines.join('\n');
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
