import fc from 'fast-check';
import {
  activityLog,
  generatorsFor,
  INVALID_DATE_TIME_FORMS,
  type InvalidSample,
  invalidActivityLog,
  LONG_ARRAY_LENGTH,
  LONG_STRING_LENGTH,
  type SchemaNode,
  VIOLATION_KINDS,
} from '../../../src/generation';
import { codePointLength } from '../../../src/generation/leaves';
import { isRfc3339DateTime } from '../../../src/validation';
import {
  activityLogCheck,
  containers,
  expectAllInvalidAsLabelled,
  expectAllValid,
  expectShrinksStayInvalid,
  leaves,
} from '../../support/generatedValues';
import { seeded, withSeed } from '../../support/seed';

const check = activityLogCheck();

/** Within this many samples every coverage claim of the issue must hold. */
const SAMPLES = 1000;
const samples = fc.sample(activityLog(), seeded(SAMPLES));
const invalidSamples = fc.sample(invalidActivityLog(), seeded(SAMPLES, 1));
// Beyond the 1,000-sample claims (depths, each date-time form), a bigger sample keeps misses rarer than 1e-9.
const moreInvalidSamples = [...invalidSamples, ...fc.sample(invalidActivityLog(), seeded(3 * SAMPLES, 2))];

describe(withSeed('activityLog()'), () => {
  it('generates only activity logs that pass the validator, as plain objects shared with no other sample', () => {
    expectAllValid(activityLog(), check);
  });

  it('is derived from the 200 response of the spec, not written by hand', () => {
    const generators = generatorsFor();
    expect(generators.responseSchema(200)).toBe(
      '/paths/~1activity-logs~1{id}/get/responses/200/content/application~1json/schema',
    );
    expect(generators.node(generators.responseSchema(200)).path).toBe(
      '/components/schemas/ActivityLogResponse',
    );
  });

  it('within 1,000 samples, leaves every optional property both present and absent, at every depth', () => {
    const root = generatorsFor().node(generatorsFor().responseSchema(200));
    const optional = optionalProperties(root);
    // The spec's optional fields, found by walking the schema, not listed by hand.
    expect([...optional].sort()).toEqual(
      [
        'ActivityLogActorResponse.email',
        'ActivityLogActorResponse.entityId',
        'ActivityLogItemResponse.activityLogTarget',
        'ActivityLogItemResponse.metadata',
        'ActivityLogItemResponse.reason',
        'ActivityLogObjectResponse.entityId',
        'ActivityLogResponse.apiVersion',
        'ActivityLogResponse.traceId',
        'ActivityLogTargetResponse.entityId',
      ].sort(),
    );
    const seen = new Map<string, Set<boolean>>();
    for (const log of samples) recordPresence(log, root, seen);
    for (const field of optional)
      expect([field, [...(seen.get(field) ?? [])].sort()]).toEqual([field, [false, true]]);
  });

  it('within 1,000 samples, produces every date-time edge case, each one valid RFC 3339', () => {
    const dates = samples.map((log) => log.createdAt);
    for (const d of dates) expect([d, isRfc3339DateTime(d)]).toEqual([d, true]);
    const fractionDigits = new Set(
      dates.map((d) => /\.(\d+)/.exec(d)?.[1]?.length).filter((n) => n !== undefined),
    );
    expect([...fractionDigits].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const families = {
      'offset other than Z': /[+-]\d\d:\d\d$/,
      'offset -00:00': /-00:00$/,
      'no fraction': /:\d\d[Zz+-]/,
      'lowercase t': /^\d{4}-\d\d-\d\dt/,
      'lowercase z': /z$/,
      'leap second': /:60(\.\d+)?([Zz]|[+-]\d\d:\d\d)$/,
      'year 0000': /^0000-/,
      'year 9999': /^9999-/,
    };
    for (const [family, pattern] of Object.entries(families)) {
      expect([family, dates.some((d) => pattern.test(d))]).toEqual([family, true]);
    }
  });

  it('within 1,000 samples, produces empty, very long, astral-plane, right-to-left and control-character strings', () => {
    const strings = samples.flatMap((log) =>
      leaves(log)
        .filter(([pointer, v]) => typeof v === 'string' && pointer !== '/createdAt')
        .map(([, v]) => v as string),
    );
    const families: Record<string, (s: string) => boolean> = {
      empty: (s) => s === '',
      'very long': (s) => codePointLength(s) >= LONG_STRING_LENGTH,
      'astral plane': (s) => /[\u{10000}-\u{10FFFF}]/u.test(s),
      'right-to-left': (s) => /[\u0590-\u08FF\u200F\u202B\u202E\u2067]/.test(s),
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
      control: (s) => /[\u0000-\u001F\u007F-\u009F]/.test(s),
    };
    for (const [family, test] of Object.entries(families)) {
      expect([family, strings.some(test)]).toEqual([family, true]);
    }
  });

  it('within 1,000 samples, produces empty and long arrays, and metadata holding any JSON', () => {
    const lengths = samples.map((log) => log.activityLogItems.length);
    expect(lengths).toContain(0);
    expect(Math.max(...lengths)).toBeGreaterThanOrEqual(LONG_ARRAY_LENGTH);
    const metadata = samples.flatMap((log) => log.activityLogItems.flatMap((item) => item.metadata ?? []));
    const inside = metadata.flatMap((m) => leaves(m).map(([, v]) => v));
    expect(metadata.some((m) => Array.isArray(m) && m.some((x) => Array.isArray(x)))).toBe(true);
    expect(metadata.some((m) => m !== null && typeof m === 'object' && !Array.isArray(m))).toBe(true);
    expect(inside).toContain(1e308);
    expect(inside.some((v) => Object.is(v, -0))).toBe(true);
    for (const kind of ['string', 'number', 'boolean'] as const)
      expect(inside.some((v) => typeof v === kind)).toBe(true);
    expect(inside).toContain(null);
  });

  it('within 1,000 samples, adds properties the spec does not list, which the validator only warns about', () => {
    const warned = samples.filter((log) =>
      check(log).some((f) => f.severity === 'warning' && f.keyword === 'additionalProperties'),
    );
    expect(warned.length).toBeGreaterThan(SAMPLES / 10);
    expect(samples.some((log) => containers(log).some((c) => Object.hasOwn(c, '__proto__')))).toBe(true);
  });

  it('makes plain objects, even for a property named __proto__', () => {
    const odd = samples
      .flatMap(containers)
      .filter((c) => !Array.isArray(c) && Object.getPrototypeOf(c) !== Object.prototype);
    expect(odd).toEqual([]);
  });

  it('gives the same values for the same seed', () => {
    expect(fc.sample(activityLog(), { seed: 42, numRuns: 20 })).toEqual(
      fc.sample(activityLog(), { seed: 42, numRuns: 20 }),
    );
  });

  describe('options', () => {
    it('turns the edge-case bias off', () => {
      const plain = fc.sample(activityLog({ edgeCases: false }), seeded(300, 3));
      expectAllValid(activityLog({ edgeCases: false }), check, 100);
      const dates = plain.map((log) => log.createdAt);
      expect(dates.some((d) => /t|z$|:60|^0000|^9999/.test(d))).toBe(false);
      const strings = plain.flatMap((log) =>
        leaves(log)
          .filter(([, v]) => typeof v === 'string')
          .map(([, v]) => v as string),
      );
      expect(strings.some((s) => /[^\u0020-\u007E]/.test(s))).toBe(false);
    });

    it('turns extra properties off: strict validation finds nothing at all', () => {
      const arbitrary = activityLog({ extraProperties: false });
      fc.assert(
        fc.property(arbitrary, (log) => {
          expect(activityLogCheck({ strict: true })(log)).toEqual([]);
        }),
        { numRuns: 200 },
      );
    });

    it('sets how often open objects get extra properties: at 0 never, at 1 always', () => {
      const undocumented = (log: unknown) => check(log).filter((f) => f.keyword === 'additionalProperties');
      const never = fc.sample(activityLog({ extraPropertyRate: 0 }), seeded(100, 5));
      expect(never.flatMap(undocumented)).toEqual([]);
      // The root object is open: at rate 1 each log has properties the spec does not list right there.
      const always = fc.sample(activityLog({ extraPropertyRate: 1 }), seeded(100, 5));
      const rootless = always.filter(
        (log) => !undocumented(log).some((f) => f.pointer.lastIndexOf('/') === 0),
      );
      expect(rootless).toEqual([]);
      expect(() => activityLog({ extraPropertyRate: 1.5 })).toThrow(
        'extraPropertyRate must be a number from 0 to 1, got 1.5',
      );
    });

    it('bounds array and string sizes', () => {
      const bounded = fc.sample(activityLog({ maxArrayLength: 3, maxStringLength: 10 }), seeded(300, 4));
      const values = bounded.flatMap((log) => leaves(log));
      const longest = (pick: (v: unknown) => number | undefined) =>
        Math.max(...values.map(([pointer, v]) => (pointer === '/createdAt' ? undefined : pick(v)) ?? 0));
      expect(longest((v) => (Array.isArray(v) ? v.length : undefined))).toBe(3);
      expect(longest((v) => (typeof v === 'string' ? codePointLength(v) : undefined))).toBe(10);
    });

    it('refuses a negative size', () => {
      expect(() => activityLog({ maxArrayLength: -1 })).toThrow(
        'maxArrayLength must be a whole number ≥ 0, got -1',
      );
    });
  });
});

describe(withSeed('invalidActivityLog()'), () => {
  it('generates logs that fail the validator at the labelled pointer and keyword', () => {
    expectAllInvalidAsLabelled(invalidActivityLog(), check);
  });

  it('keeps values invalid in the labelled way while shrinking', () => {
    const { checked } = expectShrinksStayInvalid(invalidActivityLog(), check, 15);
    expect(checked).toBeGreaterThan(100);
  });

  it('labels each violation with a pointer, a keyword, a sentence and the spec path', () => {
    const sample = invalidSamples.find(
      (s) => s.violation.kind === 'required' && s.violation.pointer.split('/').length === 4,
    );
    expect(sample?.violation).toEqual({
      kind: 'required',
      pointer: expect.stringMatching(/^\/activityLogItems\/\d+\/\w+$/),
      keyword: 'required',
      message: `${sample?.violation.pointer}: required property removed`,
      schemaPath: '/components/schemas/ActivityLogItemResponse/required',
    });
  });

  it('within 1,000 samples, applies every kind the spec allows', () => {
    const kinds = new Set(invalidSamples.map((s) => s.violation.kind));
    // The activity-log spec has no enum; the enum kind is covered by the every-keyword spec.
    expect([...kinds].sort()).toEqual(VIOLATION_KINDS.filter((k) => k !== 'enum').sort());
  });

  it('reaches every depth, from the root to the entities inside items', () => {
    const depths = new Set(moreInvalidSamples.map((s) => depth(s)));
    expect([...depths].sort()).toEqual([0, 1, 2, 3, 4]);
    const deepest = (kind: string) =>
      Math.max(...moreInvalidSamples.filter((s) => s.violation.kind === kind).map(depth));
    expect(deepest('required')).toBe(4);
    expect(deepest('null')).toBe(4);
    expect(deepest('type')).toBe(4);
    expect(deepest('scalar')).toBeGreaterThanOrEqual(3);
  });

  it('breaks createdAt in every way the validator rejects', () => {
    const forms = new Set(
      moreInvalidSamples
        .filter((s) => s.violation.kind === 'format')
        .map((s) => /broken, (.*) \(/.exec(s.violation.message)?.[1]),
    );
    expect([...forms].sort()).toEqual(INVALID_DATE_TIME_FORMS.map((f) => f.description).sort());
  });

  it('makes plain objects, none shared between two samples', () => {
    const all = invalidSamples.flatMap((sample) => containers(sample.value));
    expect(all.filter((c) => !Array.isArray(c) && Object.getPrototypeOf(c) !== Object.prototype)).toEqual([]);
    expect(new Set(all).size).toBe(all.length);
  });
});

function depth(sample: InvalidSample): number {
  return sample.violation.pointer === '' ? 0 : sample.violation.pointer.split('/').length - 1;
}

function componentName(node: SchemaNode): string {
  return node.path.replace('/components/schemas/', '');
}

/** `Component.property` for every optional property reachable from `root`. */
function optionalProperties(
  root: SchemaNode,
  out = new Set<string>(),
  seen = new Set<SchemaNode>(),
): Set<string> {
  if (seen.has(root)) return out;
  seen.add(root);
  for (const [name, child] of root.object.properties) {
    if (!root.object.required.includes(name)) out.add(`${componentName(root)}.${name}`);
    optionalProperties(child, out, seen);
  }
  if (root.array.items) optionalProperties(root.array.items, out, seen);
  return out;
}

function recordPresence(value: unknown, node: SchemaNode, seen: Map<string, Set<boolean>>): void {
  if (Array.isArray(value)) {
    if (node.array.items) for (const item of value) recordPresence(item, node.array.items, seen);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [name, child] of node.object.properties) {
    const present = Object.hasOwn(value, name);
    if (!node.object.required.includes(name)) {
      const key = `${componentName(node)}.${name}`;
      seen.set(key, (seen.get(key) ?? new Set()).add(present));
    }
    if (present) recordPresence((value as Record<string, unknown>)[name], child, seen);
  }
}
