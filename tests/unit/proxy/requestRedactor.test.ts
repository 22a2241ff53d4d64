import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { REDACTED, secretsRedactor } from '../../../src/live';
import { requestRedactor } from '../../../src/proxy';
import { loadSpec } from '../../../src/spec';
import { getValidator } from '../../../src/validation';
import { scratchDir } from '../../support/scratch';

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

describe('requestRedactor and the spec’s security schemes', () => {
  it('follows a $ref to an apiKey scheme, as the mock’s auth does (one reader)', () => {
    const file = path.join(scratchDir('proxy-ref-scheme'), 'ref.yaml');
    writeFileSync(
      file,
      [
        'openapi: 3.0.3',
        'info: { title: ref, version: 1.0.0 }',
        'security: [{ key: [] }]',
        'components:',
        '  securitySchemes:',
        "    key: { $ref: '#/x-shared/apiKey' }",
        'paths: {}',
        'x-shared:',
        '  apiKey: { type: apiKey, in: query, name: k }',
      ].join('\n'),
    );
    const redact = requestRedactor(loadSpec(file), {}, '/a?k=plain%2fvalue-1&page=2', none);
    expect(redact('plain/value-1 plain%2fvalue-1 page=2')).toBe(`${REDACTED} ${REDACTED} page=2`);
  });
});
