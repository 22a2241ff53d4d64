import { REDACTED, secretsRedactor } from '../../../src/live';
import { requestRedactor } from '../../../src/proxy';
import { getValidator } from '../../../src/validation';

const { spec } = getValidator();
const none = (text: string) => text;

describe('requestRedactor', () => {
  it('replaces a Basic pair whole and in parts', () => {
    const token = Buffer.from('service-account:pa55word-long').toString('base64');
    const redact = requestRedactor(spec, { authorization: `Basic ${token}` }, '/a', none);
    expect(redact(`${token} service-account pa55word-long`)).toBe(`${REDACTED} ${REDACTED} ${REDACTED}`);
  });

  it('redacts a client id of 6 characters or more, as live does, and leaves a shorter one', () => {
    const six = Buffer.from('svc-12:pa55word-long').toString('base64');
    expect(requestRedactor(spec, { authorization: `Basic ${six}` }, '/', none)('id svc-12')).toBe(
      `id ${REDACTED}`,
    );
    const five = Buffer.from('svc-1:pa55word-long').toString('base64');
    expect(requestRedactor(spec, { authorization: `Basic ${five}` }, '/', none)('id svc-1')).toBe('id svc-1');
  });

  it('replaces bearer tokens, cookies and secret-named query parameters', () => {
    const redact = requestRedactor(
      spec,
      { authorization: 'Bearer abcdefgh12345', cookie: 'session=cookie-value-1; theme=dark' },
      '/a?access_token=query-secret-1&page=2',
      none,
    );
    expect(redact('abcdefgh12345 cookie-value-1 query-secret-1 page=2 dark')).toBe(
      `${REDACTED} ${REDACTED} ${REDACTED} page=2 dark`,
    );
  });

  it('leaves values too short to replace safely, and ordinary headers, alone', () => {
    const redact = requestRedactor(
      spec,
      { authorization: 'Basic eDp5', accept: 'application/json-long' },
      '/',
      none,
    );
    expect(redact('x y application/json-long')).toBe('x y application/json-long');
  });

  it('keeps the secrets it was started with', () => {
    const base = secretsRedactor({ SEQUENCE_CLIENT_SECRET: 'from-the-environment' });
    const redact = requestRedactor(spec, { 'x-api-key': 'an-api-key-value' }, '/', base);
    expect(redact('from-the-environment an-api-key-value')).toBe(`${REDACTED} ${REDACTED}`);
  });
});
