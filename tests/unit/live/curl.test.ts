import { createRedactor, curlCommand, REDACTED } from '../../../src/live';

describe('curlCommand', () => {
  it('writes the credentials as shell variables, never their values', () => {
    expect(
      curlCommand('http://127.0.0.1:1/activity-logs/a', { 'sequence-version': '2024-07-30' }, 'environment'),
    ).toBe(
      `curl -sS -i -u "$SEQUENCE_CLIENT_ID:$SEQUENCE_CLIENT_SECRET" -H 'sequence-version: 2024-07-30' 'http://127.0.0.1:1/activity-logs/a'`,
    );
  });

  it('quotes what the shell would otherwise interpret', () => {
    expect(curlCommand("http://127.0.0.1:1/activity-logs/it's", {}, 'none')).toBe(
      `curl -sS -i 'http://127.0.0.1:1/activity-logs/it'\\''s'`,
    );
  });
});

describe('createRedactor', () => {
  const redact = createRedactor({ clientId: 'client-7', clientSecret: 'sec/ret+"x' });

  it('scrubs the secret, the id, their Basic token and their encoded forms', () => {
    const basic = Buffer.from('client-7:sec/ret+"x').toString('base64');
    const text = `id client-7 secret sec/ret+"x basic ${basic} url ${encodeURIComponent('sec/ret+"x')} json ${JSON.stringify('sec/ret+"x')}`;
    const out = redact(text);
    expect(out).toBe(
      `id ${REDACTED} secret ${REDACTED} basic ${REDACTED} url ${REDACTED} json "${REDACTED}"`,
    );
  });
});
