import fc from 'fast-check';
import { INVALID_DATE_TIME_FORMS, rfc3339DateTime } from '../../../src/generation';
import { parseDateTime } from '../../../src/generation/formats';
import { isRfc3339DateTime } from '../../../src/validation';
import { seeded, withSeed } from '../../support/seed';

describe(withSeed('rfc3339DateTime()'), () => {
  it('generates only date-times the validator accepts, with or without edge cases', () => {
    for (const edgeCases of [true, false]) {
      fc.assert(
        fc.property(rfc3339DateTime({ edgeCases }), (value) => isRfc3339DateTime(value)),
        { numRuns: 2000 },
      );
    }
  });

  it('puts a leap second only where UTC reads 23:59, whatever the offset', () => {
    const leaps = fc.sample(rfc3339DateTime(), seeded(3000)).filter((d) => /:60/.test(d));
    expect(leaps.length).toBeGreaterThan(50);
    expect(leaps.some((d) => !/[Zz]$/.test(d))).toBe(true);
    for (const d of leaps) {
      const utc = new Date(d.replace(':60', ':59').replace(/^(\d{4})/, '2000'));
      expect([d, utc.getUTCHours(), utc.getUTCMinutes()]).toEqual([d, 23, 59]);
    }
  });
});

describe('INVALID_DATE_TIME_FORMS', () => {
  for (const form of INVALID_DATE_TIME_FORMS) {
    it(`breaks every valid date-time in a way the validator rejects: ${form.description}`, () => {
      fc.assert(
        fc.property(rfc3339DateTime(), (valid) => {
          const parts = parseDateTime(valid);
          if (!parts) return false;
          return !isRfc3339DateTime(form.apply(parts));
        }),
        { numRuns: 500 },
      );
    });
  }

  it('includes forms that new Date() accepts, which careless parsers let through', () => {
    const parts = parseDateTime('2024-01-15T10:00:00Z');
    const lenient = INVALID_DATE_TIME_FORMS.filter(
      (f) => parts && !Number.isNaN(new Date(f.apply(parts)).getTime()),
    );
    expect(lenient.map((f) => f.name)).toEqual(
      expect.arrayContaining(['no-offset', 'space-separator', 'date-only']),
    );
  });
});
