/** The caller's credentials: read from the environment by the CLI, never written anywhere. */
export interface Credentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

export const REDACTED = '[REDACTED]';

/** Client ids shorter than this are left in place; secrets and Basic tokens are always replaced. */
export const MIN_REDACTED_ID = 6;

/** Replaces every credential (and its Basic and URL-encoded forms) in a text. */
export type Redactor = (text: string) => string;

/**
 * A redactor for one set of credentials: what the provider echoes back (an error page quoting the
 * `Authorization` header, say) is scrubbed before it reaches a finding, a report or a recording.
 *
 * @example createRedactor({ clientId: 'id', clientSecret: 's3cret' })('bad secret s3cret') // 'bad secret [REDACTED]'
 */
export function createRedactor(credentials: Credentials): Redactor {
  const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
  const needles = [
    ...new Set(
      // The client id names the caller (like a user name) and short ones are common words: replacing
      // "id" everywhere would garble every message, so only ids of some length are redacted on their own.
      [
        credentials.clientSecret,
        basic,
        ...(credentials.clientId.length >= MIN_REDACTED_ID ? [credentials.clientId] : []),
      ].flatMap((value) => [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]),
    ),
  ]
    .filter((value) => value !== '')
    // Longest first, so a secret containing the id is replaced whole.
    .sort((a, b) => b.length - a.length);
  return (text) => needles.reduce((out, needle) => out.split(needle).join(REDACTED), text);
}

/** Redacts every string (and key) of a JSON value. */
export function redactValue(value: unknown, redact: Redactor): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, redact));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), redactValue(v, redact)]));
  }
  return value;
}
