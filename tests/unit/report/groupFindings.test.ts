import fc from 'fast-check';
import { type FindingResult, groupFindings, pointerPattern } from '../../../src/report';
import type { Finding } from '../../../src/validation';

const spec = (schema: string) => ({
  pointer: `/components/schemas/${schema}/properties`,
  path: `components.schemas.${schema}.properties`,
  file: 'spec.yaml',
  line: 1,
});
const undocumented = (pointer: string, schema = 'Item'): Finding => ({
  rule: 'response_schema_conformance',
  severity: 'warning',
  pointer,
  keyword: 'additionalProperties',
  message: `property '${pointer.split('/').at(-1)}' is not documented in the spec`,
  spec: spec(schema),
});
const wrongType = (pointer: string, got: string): Finding => ({
  rule: 'response_schema_conformance',
  severity: 'error',
  pointer,
  keyword: 'type',
  message: `must be string, got ${got}`,
  spec: spec('Item'),
});

describe('groupFindings', () => {
  it('groups findings that differ only in their response and array indexes, with counts and first sources', () => {
    const grouped = groupFindings([
      { source: 'a:1', findings: [undocumented('/items/0/region'), undocumented('/items/3/region')] },
      { source: 'a:2', findings: [] },
      { source: 'a:3', findings: [undocumented('/items/1/region')] },
      { source: 'a:4', findings: [undocumented('/items/1/region', 'Actor')] },
      { source: 'a:5', findings: [undocumented('/items/1/region')] },
      { source: 'a:6', findings: [undocumented('/items/1/region')] },
    ]);
    expect(grouped.findings).toBe(6);
    expect(grouped.groups).toEqual([
      expect.objectContaining({
        pointer: '/items/*/region',
        spec: spec('Item'),
        count: 5,
        responses: 4,
        first: ['a:1', 'a:3', 'a:5'],
        messagesDiffer: false,
        otherPointers: false,
      }),
      // Same pointer, another spec location: another group.
      expect.objectContaining({ pointer: '/items/*/region', spec: spec('Actor'), count: 1, first: ['a:4'] }),
    ]);
  });

  it('lists errors first, then warnings, each in order of first occurrence, and flags differing messages', () => {
    const grouped = groupFindings([
      { source: 'a:1', findings: [undocumented('/b'), undocumented('/a')] },
      { source: 'a:2', findings: [wrongType('/id', '5'), undocumented('/b')] },
      { source: 'a:3', findings: [wrongType('/id', '6')] },
    ]);
    expect(grouped.groups.map((g) => [g.pointer, g.count, g.messagesDiffer])).toEqual([
      ['/id', 2, true],
      ['/b', 2, false],
      ['/a', 1, false],
    ]);
    expect(grouped.groups[0]?.message).toBe('must be string, got 5');
  });

  it('counts pointers beyond the cap of their kind in one group, so that random names cannot grow memory', () => {
    const names = Array.from({ length: 1000 }, (_, i) => `p${i}`);
    const grouped = groupFindings(
      [
        { source: 'a:1', findings: names.map((name) => undocumented(`/items/0/${name}`)) },
        { source: 'a:2', findings: [wrongType('/id', '5'), undocumented('/items/0/p999')] },
      ],
      { maxPointersPerKind: 10 },
    );
    expect(grouped.groups).toHaveLength(12);
    // Another kind still gets its own group once the first kind is full.
    expect(grouped.groups[0]).toMatchObject({ pointer: '/id', keyword: 'type', otherPointers: false });
    expect(grouped.groups.at(-1)).toMatchObject({
      pointer: '/items/*/p10',
      otherPointers: true,
      count: 991,
      responses: 2,
      first: ['a:1', 'a:2'],
    });
  });

  it('loses no finding: the counts of the groups add up to the number of findings, whatever the limits', () => {
    const finding = fc
      .record({
        severity: fc.constantFrom('error' as const, 'warning' as const),
        keyword: fc.constantFrom('type', 'required', 'additionalProperties'),
        pointer: fc
          .array(fc.oneof(fc.constantFrom('a', 'b', '007'), fc.nat(3).map(String)), { maxLength: 3 })
          .map((segments) => segments.map((s) => `/${s}`).join('')),
        schema: fc.constantFrom('Item', 'Actor', undefined),
      })
      .map(
        ({ severity, keyword, pointer, schema }): Finding => ({
          rule: 'response_schema_conformance',
          severity,
          keyword,
          pointer,
          message: `at ${pointer}`,
          spec: schema === undefined ? undefined : spec(schema),
        }),
      );
    const results = fc.array(
      fc.record({ source: fc.string({ maxLength: 3 }), findings: fc.array(finding, { maxLength: 6 }) }),
      { maxLength: 20 },
    );
    const limits = fc.record({
      maxPointersPerKind: fc.nat(4),
      maxGroups: fc.nat(6),
      firstSources: fc.nat(3),
    });
    fc.assert(
      fc.property(results, limits, (stream: FindingResult[], bounds) => {
        const grouped = groupFindings(stream, bounds);
        const total = stream.reduce((sum, result) => sum + result.findings.length, 0);
        expect(grouped.findings).toBe(total);
        expect(grouped.groups.reduce((sum, group) => sum + group.count, 0)).toBe(total);
        for (const group of grouped.groups) {
          expect(group.responses).toBeGreaterThan(0);
          expect(group.responses).toBeLessThanOrEqual(group.count);
          expect(group.first.length).toBe(Math.min(group.responses, bounds.firstSources));
        }
        expect(grouped.groups.filter((g) => !g.otherPointers).length).toBeLessThanOrEqual(bounds.maxGroups);
      }),
      { numRuns: 300 },
    );
  });
});

describe('pointerPattern', () => {
  it('writes array indexes as *, and leaves other segments alone', () => {
    expect(pointerPattern('/activityLogItems/12/region')).toBe('/activityLogItems/*/region');
    expect(pointerPattern('/a/0/1/b/10')).toBe('/a/*/*/b/*');
    expect(pointerPattern('/007/1x/-1')).toBe('/007/1x/-1');
    expect(pointerPattern('')).toBe('');
  });
});
