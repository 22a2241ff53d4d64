import { createRedactor, secretsRedactor } from '../../../src/live';
import { pathForLog, querySecrets } from '../../../src/live/redact';

// A secret in a URL is written in more than one way: `+` or `%20` for a space, `%2F` or `%2f`.
describe('redactors catch a secret in each URL encoding', () => {
  const secret = 'abc def/12345';
  it.each([
    ['as is', 'abc def/12345'],
    ['percent-encoded', 'abc%20def%2F12345'],
    ['percent-encoded in lower case', 'abc%20def%2f12345'],
    ['form-encoded', 'abc+def%2F12345'],
    ['form-encoded in lower case', 'abc+def%2f12345'],
  ])('%s', (_, written) => {
    expect(secretsRedactor({ TOKEN: secret })(`GET /a?token=${written}&n=1`)).toBe(
      'GET /a?token=[REDACTED]&n=1',
    );
    expect(createRedactor({ clientId: 'id', clientSecret: secret })(`x ${written} y`)).toBe('x [REDACTED] y');
  });
});

describe('pathForLog and querySecrets (the rule the mock and proxy logs share)', () => {
  it('replace the value of a parameter named like a secret, however it is written', () => {
    expect(pathForLog('/a?access_token=abc+def12345&API%5Fkey=x%2fy&page=2', [])).toBe(
      '/a?access_token=[REDACTED]&API%5Fkey=[REDACTED]&page=2',
    );
    expect(pathForLog('/a?key=k&page=2', ['key'])).toBe('/a?key=[REDACTED]&page=2');
    expect(querySecrets('/a?access_token=abc+def12345&page=2', [])).toEqual(['abc+def12345', 'abc def12345']);
  });
});
