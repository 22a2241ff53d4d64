import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { createAjv } from '../../src/validation';

// ajv-formats' date-time accepts a space (or other whitespace) instead of T; RFC 3339 §5.6 does not.
describe('date-time: a space (or other whitespace) instead of T', () => {
  const schema = { type: 'string', format: 'date-time' };
  const value = '2024-01-01 10:00:00Z';

  it('is accepted by ajv-formats alone (the reason for our own format)', () => {
    const ajv = new Ajv();
    addFormats(ajv);
    expect(ajv.validate(schema, value)).toBe(true);
  });

  it('is rejected by our validator', () => {
    expect(createAjv().validate(schema, value)).toBe(false);
  });
});

describe('date-time: any whitespace instead of T', () => {
  it.each(['\t', '\n', '\u00a0', '\u2003'])('rejects %j as the separator, as RFC 3339 does', (separator) => {
    const value = `2024-01-01${separator}10:00:00Z`;
    const loose = new Ajv();
    addFormats(loose);
    expect(loose.validate({ type: 'string', format: 'date-time' }, value)).toBe(true);
    expect(createAjv().validate({ type: 'string', format: 'date-time' }, value)).toBe(false);
  });
});
