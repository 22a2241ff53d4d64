import fc from 'fast-check';
import type { InvalidSample } from '../../src/generation';
import { type Finding, getValidator } from '../../src/validation';
import { seeded } from './seed';

/** Checks one value against the schema the arbitrary was derived from; returns every finding. */
export type Check = (value: unknown) => readonly Finding[];

/** The bundled spec's findings on a body, as the 200 response of GET /activity-logs/{id} (`strict`: undocumented properties fail). */
export function activityLogCheck(options: { strict?: boolean } = {}): Check {
  const validator = getValidator();
  return (body) =>
    validator.validateResponse(
      {
        method: 'GET',
        path: '/activity-logs/aa0e8400',
        status: 200,
        headers: { 'content-type': 'application/json' },
        body,
      },
      { strict: options.strict === true },
    ).findings;
}

const errorsOf = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'error');

/**
 * The shared property every generator test runs: each generated value passes the validator compiled from
 * the same schema (no error finding), is made of plain objects only, and shares no object with another
 * sample.
 */
export function expectAllValid(arbitrary: fc.Arbitrary<unknown>, check: Check, numRuns = 200): void {
  const seen = new Set<object>();
  fc.assert(
    fc.property(arbitrary, (value) => {
      const errors = errorsOf(check(value));
      if (errors.length > 0) {
        throw new Error(
          `generated an invalid value: ${errors.map((e) => `${e.pointer} ${e.keyword} ${e.message}`).join('; ')}`,
        );
      }
      for (const container of containers(value)) {
        if (Array.isArray(container)) continue;
        if (Object.getPrototypeOf(container) !== Object.prototype) throw new Error('not a plain object');
      }
    }),
    seeded(numRuns),
  );
  // Outside fast-check's runs (whose shrinking legitimately reuses parts of values): independent samples.
  for (const value of fc.sample(arbitrary, seeded(Math.min(numRuns, 100)))) {
    for (const container of containers(value)) {
      if (seen.has(container)) throw new Error('two samples share a mutable sub-object');
      seen.add(container);
    }
  }
}

/** Where a finding for the violation is reported: Ajv reports a missing property on its parent object. */
export function matchesViolation(finding: Finding, sample: InvalidSample): boolean {
  const { pointer, keyword } = sample.violation;
  if (finding.severity !== 'error' || finding.keyword !== keyword) return false;
  if (keyword !== 'required') return finding.pointer === pointer;
  const cut = pointer.lastIndexOf('/');
  const property = pointer
    .slice(cut + 1)
    .replace(/~1/g, '/')
    .replace(/~0/g, '~');
  return finding.pointer === pointer.slice(0, cut) && finding.message.includes(`'${property}'`);
}

/** Why an invalid sample is not invalid the way its label says, or `undefined` when it is. */
export function mislabelled(sample: InvalidSample, check: Check): string | undefined {
  const findings = check(sample.value);
  if (findings.some((f) => matchesViolation(f, sample))) return undefined;
  const errors = errorsOf(findings).map((f) => `${f.pointer || '(root)'} ${f.keyword}`);
  return `${sample.violation.message} [${sample.violation.keyword}] but the validator found ${errors.length ? errors.join(', ') : 'no error'}`;
}

/** The mirror property: each invalid value fails with an error finding at the labelled pointer and keyword. */
export function expectAllInvalidAsLabelled(
  arbitrary: fc.Arbitrary<InvalidSample>,
  check: Check,
  numRuns = 200,
): void {
  fc.assert(
    fc.property(arbitrary, (sample) => {
      const problem = mislabelled(sample, check);
      if (problem) throw new Error(problem);
    }),
    seeded(numRuns),
  );
}

/**
 * Shrinking keeps values invalid in the labelled way: a property that fails on every value makes fast-check
 * shrink each counterexample as far as it goes; every value it tries on the way is checked.
 */
export function expectShrinksStayInvalid(
  arbitrary: fc.Arbitrary<InvalidSample>,
  check: Check,
  seeds = 10,
): { checked: number } {
  let checked = 0;
  const problems: string[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    fc.check(
      fc.property(arbitrary, (sample) => {
        checked++;
        const problem = mislabelled(sample, check);
        if (problem) problems.push(problem);
        return false;
      }),
      { seed, numRuns: 1 },
    );
  }
  if (problems.length > 0)
    throw new Error(`shrunk values lost their violation:\n${problems.slice(0, 5).join('\n')}`);
  return { checked };
}

/** Every object and array inside a value, itself included. */
export function containers(value: unknown): object[] {
  const out: object[] = [];
  const visit = (v: unknown) => {
    if (v === null || typeof v !== 'object') return;
    out.push(v);
    for (const child of Array.isArray(v) ? v : Object.values(v)) visit(child);
  };
  visit(value);
  return out;
}

/** Every (pointer, value) pair inside a value, with `*` for array indexes: `/activityLogItems/*\/name`. */
export function leaves(value: unknown, pointer = ''): [string, unknown][] {
  const out: [string, unknown][] = [[pointer, value]];
  if (Array.isArray(value)) {
    for (const item of value) out.push(...leaves(item, `${pointer}/*`));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) out.push(...leaves(child, `${pointer}/${key}`));
  }
  return out;
}
