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
