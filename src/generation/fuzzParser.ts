import fc from 'fast-check';
import {
  type ActivityLogOptions,
  activityLog,
  activityLogJsonText,
  activityLogWithAdditions,
  invalidActivityLog,
} from './activityLog';
import { type Addition, documentedPart, type ExtendedSample } from './additions';
import { functionCall, isolatedCall, type ParserCall, type ParserOutcome } from './callParser';
import { IsolatedParser, type ParserModule } from './isolatedParser';
import { cloneJson, firstDifference, preview, previewText, toJsonText } from './json';
import type { JsonEdgeCase } from './jsonText';
import type { InvalidSample, Violation } from './mutations';
import { ParserContractError } from './ParserContractError';
import { generatorsFor } from './specGenerators';

/**
 * The properties the harness checks. `accepts-valid` and `rejects-invalid` run by default;
 * `tolerates-additions` when asked for.
 */
export type ParserProperty = 'accepts-valid' | 'rejects-invalid' | 'tolerates-additions';

export type { ParserOutcome } from './callParser';

export interface FuzzParserOptions<R = unknown> {
  /** Runs per property. Default 200. */
  readonly numRuns?: number;
  /** Seed to replay (default: random); printed on failure. */
  readonly seed?: number;
  /** Replay exactly the shrunk counterexample: the `path` and `property` a failure printed. */
  readonly path?: string;
  /** Check only these properties. Default: `accepts-valid` and `rejects-invalid`. */
  readonly properties?: readonly ParserProperty[];
  /** Longest a call may take, in milliseconds, before it counts as a hang and is stopped. Default 500. */
  readonly timeLimit?: number;
  /**
   * Time spent shrinking a failure, in milliseconds, after which the smallest counterexample found so far
   * is reported. Default 1,500.
   */
  readonly shrinkTimeLimit?: number;
  /**
   * What the parser is given: the parsed value (default) or JSON text. With `'json'`, valid logs come as
   * unusual JSON text (see `JSON_EDGE_CASES`), and a failure names the edge cases its text holds.
   */
  readonly input?: 'value' | 'json';
  /**
   * Recognises the parser's error shape when it reports rejection by returning instead of throwing,
   * e.g. `(r) => r.success === false`. Throwing an `Error` always counts as rejection.
   */
  readonly isRejection?: (returned: R) => boolean;
  /** What of the returned value to compare with the input, e.g. `(r) => r.data`. Default: all of it. */
  readonly output?: (returned: R) => unknown;
  /**
   * Whether the parser gave back what it was given. Default: deep JSON equality (key order ignored; with
   * `input: 'json'`, a `bigint` equals the number `JSON.parse` reads from the same digits).
   */
  readonly equals?: (output: unknown, given: unknown) => boolean;
  /** Options of the generators (edge cases, extra properties, sizes, spec). */
  readonly generation?: ActivityLogOptions;
}

export interface ParserFailure {
  readonly property: ParserProperty;
  /** Why the property failed, in one line. */
  readonly reason: string;
  /** The shrunk input the parser mishandled, as a value (with `input: 'json'`, as `JSON.parse` reads `text`). */
  readonly counterexample: unknown;
  /** With `input: 'json'`: the exact text the parser was given. */
  readonly text: string | undefined;
  /** For `rejects-invalid`: the violation the counterexample carries. */
  readonly violation: Violation | undefined;
  /** For `tolerates-additions`: the additions the counterexample carries. */
  readonly additions: readonly Addition[] | undefined;
  /** For `accepts-valid` with `input: 'json'`: the unusual ways its text is written. */
  readonly jsonEdgeCases: readonly JsonEdgeCase[] | undefined;
  readonly outcome: ParserOutcome;
  /** The time limit per call; a shrunk hang may have been stopped sooner (see `outcome.ms`). */
  readonly timeLimit: number;
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

/** Thrown by a property to end fast-check's run at once, keeping the failure it holds. */
const STOP_SHRINKING = new fc.PreconditionFailure(true);

const DEFAULT_PROPERTIES: readonly ParserProperty[] = ['accepts-valid', 'rejects-invalid'];
const PROPERTIES: readonly ParserProperty[] = ['accepts-valid', 'rejects-invalid', 'tolerates-additions'];
/**
 * While a hang shrinks, a call counts as hanging once it runs this many times longer than the slowest call
 * that finished (and at least `HANG_FLOOR_MS`), and then, tried again, at least `HANG_RETRY_MS` (or that
 * limit again, when it is longer): each smaller hang found costs that, not the whole time limit. The second,
 * roomier try keeps a pause of the machine (a garbage collection, a busy core) from passing for a hang.
 */
const HANG_FACTOR = 10;
const HANG_FLOOR_MS = 5;
const HANG_RETRY_MS = 25;

/**
 * Runs properties against a parser of activity logs: it must accept every valid log and give back what it
 * was given, reject every invalid one (throw an `Error`, or return the shape `isRejection` recognises),
 * never throw anything that is not an `Error`, and never take longer than `timeLimit` per call. With
 * `properties: [..., 'tolerates-additions']`, it must also accept what a provider may add without a new API
 * version. Resolves a report; use `assertParser` to throw instead. Works in Jest and plain Node alike.
 *
 * A function runs in this thread and is stopped at `timeLimit`, endless synchronous loops included (through
 * `vm`'s watchdog), except for a loop reached after an `await`, which only a worker can stop: pass
 * `{ module, export }` to run the parser in a worker thread (also for native code or global state).
 *
 * @example
 * const report = await fuzzParser((body) => MyLog.parse(body));
 * if (!report.passed) console.error(report.message);
 */
export async function fuzzParser<R = unknown>(
  parse: ((input: unknown) => R | Promise<R>) | ParserModule,
  options: FuzzParserOptions<R> = {},
): Promise<FuzzReport> {
  for (const key of ['numRuns', 'timeLimit', 'shrinkTimeLimit'] as const) {
    const value = options[key];
    if (value !== undefined && !(value >= 0 && Number.isFinite(value)))
      throw new RangeError(`${key} must be a finite number ≥ 0, got ${value}`);
  }
  for (const property of options.properties ?? []) {
    if (!PROPERTIES.includes(property))
      throw new RangeError(`unknown property '${property}': expected one of ${PROPERTIES.join(', ')}`);
  }
  const isolated = typeof parse === 'function' ? undefined : new IsolatedParser(parse);
  try {
    await isolated?.ready();
    const call = isolated
      ? isolatedCall(isolated, options.isRejection)
      : functionCall(parse as (input: unknown) => R | Promise<R>, options.isRejection);
    return await run(call, options);
  } finally {
    await isolated?.close();
  }
}

/** A valid log as the property drew it: with `input: 'json'`, the text it is given and what is unusual in it. */
type Sample = { given: unknown; text?: string; edgeCases?: readonly JsonEdgeCase[] };

async function run<R>(call: ParserCall, options: FuzzParserOptions<R>): Promise<FuzzReport> {
  const numRuns = options.numRuns ?? 200;
  const timeLimit = options.timeLimit ?? 500;
  const seed = options.seed ?? (Date.now() ^ (Math.random() * 0x100000000)) | 0;
  const properties = options.properties ?? DEFAULT_PROPERTIES;
  const json = options.input === 'json';
  const equals =
    options.equals ??
    ((a: unknown, b: unknown) => firstDifference(b, json ? bigIntsAsNumbers(a) : a) === undefined);
  const output = (returned: unknown) => (options.output ? options.output(returned as R) : returned);
  const generation = options.generation ?? {};
  const encode = (value: unknown) => (json ? toJsonText(value) : cloneJson(value));

  // Once a property has failed, shrinking runs until this budget is spent; then fast-check is told to stop,
  // and reports the smallest failure it already has.
  const shrinkTimeLimit = options.shrinkTimeLimit ?? 1500;
  let failedAt: number | undefined;
  let firstFailure: ParserOutcome | undefined;
  let calls = 0;
  let slowest = 0;
  const overBudget = () => failedAt !== undefined && performance.now() - failedAt > shrinkTimeLimit;
  const limit = () =>
    firstFailure?.kind === 'timeout'
      ? Math.min(timeLimit, Math.max(HANG_FLOOR_MS, HANG_FACTOR * slowest))
      : timeLimit;
  const timedCall = async (input: unknown): Promise<ParserOutcome> => {
    const shortened = limit();
    let outcome = await call(input, shortened);
    // Under a shortened limit, a pause of the machine (a garbage collection) must not pass for a hang.
    if (outcome.kind === 'timeout' && shortened < timeLimit)
      outcome = await call(input, Math.min(timeLimit, Math.max(HANG_RETRY_MS, shortened)));
    // The first call pays for the parser's warm-up (JIT, lazy set-up): it does not set the pace.
    if (outcome.kind !== 'timeout' && calls++ > 0) slowest = Math.max(slowest, outcome.ms);
    return outcome;
  };
  const broken = (reason: string, outcome: ParserOutcome): never => {
    failedAt ??= performance.now();
    firstFailure ??= outcome;
    throw new PropertyBroken(reason, outcome);
  };
  const hang = (outcome: ParserOutcome, what: string) =>
    outcome.kind === 'timeout'
      ? `it did not finish within the time limit (${timeLimit} ms)`
      : unexpected(outcome, what);

  const generators = generatorsFor(generation.spec);
  const root = generators.node(generators.responseSchema(200));
  const accepted = (outcome: ParserOutcome, expected: unknown, what: string, additions = false) => {
    if (outcome.kind !== 'returned') broken(hang(outcome, `rejected ${what}`), outcome);
    const produced = output(outcome.kind === 'returned' ? outcome.value : undefined);
    if (equals(produced, expected)) return;
    // Additions may be dropped (a parser that strips undocumented properties) or kept alike.
    if (additions && equals(documentedPart(produced, root), documentedPart(expected, root))) return;
    broken(`it accepted ${what} but gave back something else${difference(expected, produced)}`, outcome);
  };

  const checks: Record<ParserProperty, () => fc.IAsyncProperty<[unknown]>> = {
    'accepts-valid': () => {
      const logs: fc.Arbitrary<Sample> = json
        ? activityLogJsonText(generation).map((s) => ({
            given: s.value,
            text: s.text,
            edgeCases: s.edgeCases,
          }))
        : activityLog(generation).map((log) => ({ given: log }));
      return fc.asyncProperty(logs as fc.Arbitrary<unknown>, async (sample) => {
        if (overBudget()) throw STOP_SHRINKING;
        const { given, text } = sample as Sample;
        const outcome = await timedCall(text ?? cloneJson(given));
        accepted(outcome, given, 'a valid activity log');
      });
    },
    'rejects-invalid': () =>
      fc.asyncProperty(invalidActivityLog(generation) as fc.Arbitrary<unknown>, async (sample) => {
        if (overBudget()) throw STOP_SHRINKING;
        const outcome = await timedCall(encode((sample as InvalidSample).value));
        if (outcome.kind === 'threw' || outcome.kind === 'rejected') return;
        broken(
          outcome.kind === 'returned' ? 'it accepted an invalid activity log' : hang(outcome, ''),
          outcome,
        );
      }),
    'tolerates-additions': () =>
      fc.asyncProperty(activityLogWithAdditions(generation) as fc.Arbitrary<unknown>, async (sample) => {
        if (overBudget()) throw STOP_SHRINKING;
        const { value } = sample as ExtendedSample;
        const expected = json ? JSON.parse(toJsonText(value)) : value;
        const outcome = await timedCall(encode(value));
        const what = 'a valid activity log with additions a provider may make without a new API version';
        accepted(outcome, expected, what, true);
      }),
  };

  const runs: Partial<Record<ParserProperty, number>> = {};
  for (const property of properties) {
    failedAt = undefined;
    firstFailure = undefined;
    calls = 0;
    slowest = 0;
    const details = await fc.check(checks[property](), {
      numRuns,
      seed,
      ...(options.path === undefined ? {} : { path: options.path }),
    });
    runs[property] = details.numRuns;
    if (!details.failed) continue;
    const [example] = (details.counterexample ?? []) as [unknown];
    const brokenBy = details.errorInstance instanceof PropertyBroken ? details.errorInstance : undefined;
    const invalid = property === 'rejects-invalid' ? (example as InvalidSample) : undefined;
    const extended = property === 'tolerates-additions' ? (example as ExtendedSample) : undefined;
    const drawn = property === 'accepts-valid' ? (example as Sample) : undefined;
    const counterexample = invalid ? invalid.value : extended ? extended.value : drawn?.given;
    const failure: ParserFailure = {
      property,
      reason: brokenBy?.reason ?? `the property itself failed: ${String(details.errorInstance)}`,
      counterexample,
      text: drawn?.text ?? (json ? toJsonText(counterexample) : undefined),
      violation: invalid?.violation,
      additions: extended?.additions,
      jsonEdgeCases: drawn?.edgeCases,
      outcome: brokenBy?.outcome ?? { kind: 'threw-non-error', thrown: details.errorInstance, ms: 0 },
      timeLimit,
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

function difference(expected: unknown, produced: unknown): string {
  const at = firstDifference(expected, produced);
  if (at === undefined) return '';
  const pick = (root: unknown) => {
    let current = root;
    for (const segment of at.split('/').slice(1)) {
      const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
      if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
      current = (current as Record<string, unknown>)[key];
    }
    return current;
  };
  const show = (value: unknown) => {
    if (value === undefined) return 'nothing';
    // The edge case a lossy reader trips on, named: `1e+21` alone does not say why it matters.
    const big = typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value);
    return `${preview(value, 60)}${big ? ', an integer beyond 2^53' : ''}`;
  };
  return ` (first difference at ${at || '(root)'}: expected ${show(pick(expected))}, got ${show(pick(produced))})`;
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
      return `did not finish within ${Math.round(outcome.ms)} ms, and was stopped`;
  }
}

function describeFailure(f: ParserFailure): string {
  let did = describeOutcome(f.outcome);
  if (f.outcome.kind === 'timeout' && f.outcome.ms < f.timeLimit) {
    did += ` (while shrinking, a call counts as hanging once it runs ${HANG_FACTOR} times longer than the slowest call that finished, at least ${HANG_FLOOR_MS} ms, and then, tried again, at least ${HANG_RETRY_MS} ms)`;
  }
  const lines = [`Parser contract broken (${f.property}): ${f.reason}.`, `  what the parser did: ${did}`];
  if (f.violation) lines.push(`  violation: ${f.violation.message} [keyword '${f.violation.keyword}']`);
  for (const addition of f.additions ?? []) lines.push(`  addition: ${addition.message}`);
  for (const edge of f.jsonEdgeCases ?? []) lines.push(`  JSON text edge case: ${edge.message}`);
  lines.push(`  counterexample (after ${f.numShrinks} shrinks): ${preview(f.counterexample, 2000)}`);
  if (f.jsonEdgeCases?.length) lines.push(`  JSON text given: ${previewText(f.text ?? '', 2000)}`);
  lines.push(
    `  replay: fuzzParser(parse, { seed: ${f.seed}, path: ${JSON.stringify(f.path)}, properties: [${JSON.stringify(f.property)}] })`,
  );
  return lines.join('\n');
}

/** A copy with every `bigint` turned into the number it stands for, as `JSON.parse` would read its digits. */
function bigIntsAsNumbers(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.some(hasBigInt) ? value.map(bigIntsAsNumbers) : value;
  if (!hasBigInt(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(out, key, {
      value: bigIntsAsNumbers(item),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function hasBigInt(value: unknown): boolean {
  if (typeof value === 'bigint') return true;
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some(hasBigInt);
}
