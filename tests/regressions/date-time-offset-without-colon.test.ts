import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { createAjv } from '../../src/validation';

// ajv-formats' date-time accepts an offset without its colon; RFC 3339 §5.6 does not.
describe('date-time: an offset without its colon', () => {
  const schema = { type: 'string', format: 'date-time' };
  const value = '2024-01-01T10:00:00+0100';

  it('is accepted by ajv-formats alone (the reason for our own format)', () => {
    const ajv = new Ajv();
    addFormats(ajv);
    expect(ajv.validate(schema, value)).toBe(true);
  });

  it('is rejected by our validator', () => {
    expect(createAjv().validate(schema, value)).toBe(false);
  });
});
