import { createRedactor, MIN_REDACTED_ID, REDACTED } from '../../../src/live';

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
});
