import {
  createRedactor,
  findShortSecret,
  MIN_REDACTED_ID,
  MIN_SECRET_LENGTH,
  REDACTED,
  SecretTooShortError,
  secretsRedactor,
} from '../../../src/live';

describe('createRedactor', () => {
  it('replaces the secret, the Basic token and their encoded forms', () => {
    const redact = createRedactor({ clientId: 'client-1234', clientSecret: 's3cr/t+value' });
    const basic = Buffer.from('client-1234:s3cr/t+value').toString('base64');
    const text = `s3cr/t+value ${encodeURIComponent('s3cr/t+value')} Basic ${basic} client-1234`;
    expect(redact(text)).toBe(`${REDACTED} ${REDACTED} Basic ${REDACTED} ${REDACTED}`);
  });

  it(`leaves a client id shorter than ${MIN_REDACTED_ID} characters alone, so messages stay readable`, () => {
    const redact = createRedactor({ clientId: 'id', clientSecret: 'long-secret-value' });
    expect(redact("must have required property 'id': long-secret-value")).toBe(
      `must have required property 'id': ${REDACTED}`,
    );
  });

  it(`refuses a secret shorter than ${MIN_SECRET_LENGTH} characters instead of garbling "missing" into "miss${REDACTED}"`, () => {
    const build = () => createRedactor({ clientId: 'client-1234', clientSecret: 'ing' });
    expect(build).toThrow(SecretTooShortError);
    expect(build).toThrow(
      `credentials.clientSecret is shorter than ${MIN_SECRET_LENGTH} characters, too short to keep out of output safely: set the real credential`,
    );
  });

  it(`takes a secret of exactly ${MIN_SECRET_LENGTH} characters`, () => {
    const redact = createRedactor({ clientId: 'client-1234', clientSecret: 'x'.repeat(MIN_SECRET_LENGTH) });
    expect(redact(`missing ${'x'.repeat(MIN_SECRET_LENGTH)}`)).toBe(`missing ${REDACTED}`);
  });
});

describe('secretsRedactor', () => {
  it('replaces each named secret and its encoded forms, skipping unset ones', () => {
    const redact = secretsRedactor({ PACT_BROKER_TOKEN: 'tok/en+canary', PACT_BROKER_PASSWORD: undefined });
    expect(redact(`Bearer tok/en+canary ${encodeURIComponent('tok/en+canary')} fine`)).toBe(
      `Bearer ${REDACTED} ${REDACTED} fine`,
    );
  });

  it('refuses a one-letter broker token rather than turning every "t" into a marker', () => {
    let caught: unknown;
    try {
      secretsRedactor({ PACT_BROKER_TOKEN: 't' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SecretTooShortError);
    expect((caught as SecretTooShortError).secretName).toBe('PACT_BROKER_TOKEN');
    expect((caught as Error).message).toMatch(/^PACT_BROKER_TOKEN is shorter than 8 characters/);
  });
});

describe('findShortSecret', () => {
  it('names the first short secret and never quotes its value', () => {
    const short = findShortSecret({
      A: 'long-enough-value',
      B: '',
      C: undefined,
      SEQUENCE_CLIENT_SECRET: 'Zq9',
    });
    expect(short?.secretName).toBe('SEQUENCE_CLIENT_SECRET');
    expect(short?.message).not.toContain('Zq9');
    expect(findShortSecret({ A: 'long-enough-value', B: '' })).toBeUndefined();
  });
});
