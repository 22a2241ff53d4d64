import { validator } from '@exodus/schemasafe';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { createAjv, isRfc3339DateTime } from '../../../src/validation';
import cases from '../../conformance/date-time.json';
import { seeded, withSeed } from '../../support/seed';

describe('the date-time format', () => {
  const validate = createAjv().compile(cases.schema);

  it.each(cases.tests.map((t) => [t.why, t.data, t.valid] as const))(
    '%s: %j is valid=%s',
    (_why, data, valid) => {
      expect(isRfc3339DateTime(data)).toBe(valid);
      expect(validate(data)).toBe(valid);
    },
  );
});

describe('the date-time format against other validators', () => {
  // The documented differences (tests/regressions/date-time-*.test.ts): whitespace for T, +hhmm, +hh.
  const looseButNotRfc3339 = /^\d{4}-\d\d-\d\d(\s.*|T.*[+-]\d\d(\d\d)?)$/u;

  it.each([
    [
      'ajv-formats',
      (() => {
        const ajv = new Ajv();
        addFormats(ajv);
        return (v: string) => ajv.validate(cases.schema, v);
      })(),
    ],
    ['@exodus/schemasafe', validator(cases.schema as never, { mode: 'default' }) as (v: string) => boolean],
  ] as const)('%s disagrees with ours only on the documented differences', (_name, theirs) => {
    const disagreements = cases.tests.filter((t) => theirs(t.data) !== t.valid).map((t) => t.data);
    expect(disagreements.length).toBeGreaterThan(0);
    for (const data of disagreements) expect(data).toMatch(looseButNotRfc3339);
  });
});

describe(withSeed('the date-time format against the RFC 3339 grammar written as a regex'), () => {
  // The grammar of RFC 3339 §5.6 and the calendar of §5.7, written the obvious (slow) way: the reference that
  // the character-by-character check must agree with on every string, not only on the conformance cases.
  const GRAMMAR = /^(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.\d+)?(?:[Zz]|([+-])(\d\d):(\d\d))$/;
  const reference = (value: string): boolean => {
    const m = GRAMMAR.exec(value);
    if (!m) return false;
    const [y, mo, d, h, mi, s, sign, oh, om] = m.slice(1).map((x) => (x === '-' ? -1 : Number(x ?? 0)));
    const leap = (y as number) % 4 === 0 && ((y as number) % 100 !== 0 || (y as number) % 400 === 0);
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][(mo as number) - 1] ?? 0;
    if ((mo as number) < 1 || (mo as number) > 12 || (d as number) < 1 || (d as number) > days) return false;
    if (
      (h as number) > 23 ||
      (mi as number) > 59 ||
      (s as number) > 60 ||
      (oh as number) > 23 ||
      (om as number) > 59
    )
      return false;
    if ((s as number) < 60) return true;
    const utc =
      (h as number) * 60 + (mi as number) - (sign === -1 ? -1 : 1) * ((oh as number) * 60 + (om as number));
    return ((utc % 1440) + 1440) % 1440 === 1439;
  };
  // Strings near the grammar: every field around its bounds, then up to three characters replaced or dropped.
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const field = (max: number, width: number) =>
    fc.integer({ min: 0, max: max + 1 }).map((n) => pad(n, width));
  const nearDateTime = fc
    .tuple(
      fc.tuple(
        fc.integer({ min: 0, max: 9999 }).map((n) => pad(n, 4)),
        field(12, 2),
        field(31, 2),
      ),
      fc.tuple(fc.constantFrom('T', 't', ' '), field(23, 2), field(59, 2), field(60, 2)),
      fc.constantFrom('', '.5', '.123456789', '.'),
      fc.oneof(
        fc.constantFrom('Z', 'z', ''),
        fc.tuple(fc.constantFrom('+', '-'), field(23, 2), field(59, 2)),
      ),
      fc.array(fc.tuple(fc.nat(30), fc.constantFrom(...'0123456789-:.+TtZz '.split(''), '')), {
        maxLength: 3,
      }),
    )
    .map(([[y, mo, d], [t, h, mi, s], fraction, offset, edits]) => {
      const zone = typeof offset === 'string' ? offset : `${offset[0]}${offset[1]}:${offset[2]}`;
      const text = `${y}-${mo}-${d}${t}${h}:${mi}:${s}${fraction}${zone}`;
      return edits.reduce((acc, [at, by]) => acc.slice(0, at) + by + acc.slice(at + 1), text);
    });

  it('agrees with the reference on strings near the grammar', () => {
    fc.assert(
      fc.property(nearDateTime, (value) => isRfc3339DateTime(value) === reference(value)),
      seeded(20_000),
    );
  });
});
