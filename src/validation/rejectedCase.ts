import type { Finding } from './Finding';

/** What a known-bad response must produce: the error findings, compared by rule, pointer and keyword. */
export interface ExpectedFinding {
  readonly rule: string;
  readonly pointer: string;
  readonly keyword: string;
}

/** A file of `contracts/rejected/`: a recording that must fail, and exactly how. */
export interface RejectedCase {
  readonly description: string;
  readonly expect: readonly ExpectedFinding[];
  readonly recording: unknown;
}

/** Reads a rejected case, or says what is wrong with its shape. */
export function parseRejectedCase(value: unknown): RejectedCase | { problem: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { problem: 'a rejected case must be an object {description, expect, recording}' };
  }
  const { description, expect, recording } = value as Record<string, unknown>;
  if (typeof description !== 'string') return { problem: 'rejected case: description must be a string' };
  if (!Array.isArray(expect) || expect.length === 0) {
    return { problem: 'rejected case: expect must list at least one {rule, pointer, keyword}' };
  }
  for (const item of expect) {
    const { rule, pointer, keyword } = (item ?? {}) as Record<string, unknown>;
    if (typeof rule !== 'string' || typeof pointer !== 'string' || typeof keyword !== 'string') {
      return { problem: 'rejected case: each expected finding needs string rule, pointer and keyword' };
    }
  }
  if (recording === undefined) return { problem: 'rejected case: recording is missing' };
  return { description, expect: expect as ExpectedFinding[], recording };
}

/** The expected findings that did not come, and the error findings that were not expected. */
export function compareFindings(
  expected: readonly ExpectedFinding[],
  actual: readonly Finding[],
): { missing: ExpectedFinding[]; unexpected: Finding[] } {
  const key = (f: ExpectedFinding) => `${f.rule} ${f.pointer} ${f.keyword}`;
  const errors = actual.filter((f) => f.severity === 'error');
  const actualKeys = new Set(errors.map(key));
  const expectedKeys = new Set(expected.map(key));
  return {
    missing: expected.filter((f) => !actualKeys.has(key(f))),
    unexpected: errors.filter((f) => !expectedKeys.has(key(f))),
  };
}
