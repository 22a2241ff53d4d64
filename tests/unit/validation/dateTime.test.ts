import { validator } from '@exodus/schemasafe';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { createAjv, isRfc3339DateTime } from '../../../src/validation';
import cases from '../../conformance/date-time.json';

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
