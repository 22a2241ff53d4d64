import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { createAjv } from '../../src/validation';

const schema = { type: 'string', format: 'date-time' };

/** A difference between ajv-formats' `date-time` and RFC 3339 §5.6: theirs accepts `value`, ours must not. */
export function describeDateTimeRegression(what: string, values: readonly string[]): void {
  describe(`date-time: ${what}`, () => {
    const loose = new Ajv();
    addFormats(loose);
    const exact = createAjv();

    it.each(values)('%j is accepted by ajv-formats alone (the reason for our own format)', (value) => {
      expect(loose.validate(schema, value)).toBe(true);
    });

    it.each(values)('%j is rejected by our validator, as RFC 3339 says', (value) => {
      expect(exact.validate(schema, value)).toBe(false);
    });
  });
}
