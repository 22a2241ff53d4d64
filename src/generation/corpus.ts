import fc from 'fast-check';
import { type ActivityLogOptions, activityLog, invalidActivityLog } from './activityLog';
import { toJsonText } from './json';
import type { InvalidSample } from './mutations';

export interface CorpusOptions extends ActivityLogOptions {
  /** `valid`: activity logs; `invalid`: `{"violation":…,"value":…}` lines. */
  readonly kind: 'valid' | 'invalid';
  /** How many lines. */
  readonly count: number;
  /** Same seed, same lines, byte for byte (for a given version of this package). */
  readonly seed: number;
}

/** Lines are generated this many at a time, each batch from its own seed, so memory stays flat. */
const BATCH = 500;

/**
 * The lines of an NDJSON corpus for parsers in other languages: each valid line is an activity log; each
 * invalid line is `{"violation":{kind,pointer,keyword,message,schemaPath},"value":…}`. Negative zero is
 * written `-0`. Lines carry no trailing newline.
 *
 * @example for (const line of corpusLines({ kind: 'valid', count: 100, seed: 42 })) out.write(`${line}\n`);
 */
export function* corpusLines(options: CorpusOptions): Generator<string> {
  const { kind, count, seed, ...generation } = options;
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a whole number ≥ 0, got ${count}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const arbitrary: fc.Arbitrary<unknown> =
    kind === 'valid' ? activityLog(generation) : invalidActivityLog(generation);
  for (let start = 0, batch = 0; start < count; start += BATCH, batch++) {
    const size = Math.min(BATCH, count - start);
    const batchSeed = (Math.imul(seed ^ 0x5bd1e995, 0x01000193) + Math.imul(batch, 0x9e3779b1)) | 0;
    for (const value of fc.sample(arbitrary, { seed: batchSeed, numRuns: size })) {
      if (kind === 'valid') {
        yield toJsonText(value);
      } else {
        const { violation, value: invalid } = value as InvalidSample;
        yield toJsonText({ violation, value: invalid });
      }
    }
  }
}

/** `corpusLines` collected into an array. */
export function generateCorpus(options: CorpusOptions): string[] {
  return [...corpusLines(options)];
}
