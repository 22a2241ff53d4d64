import { SecretTooShortError } from './SecretTooShortError';

/** The caller's credentials: read from the environment by the CLI, never written anywhere. */
export interface Credentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

export const REDACTED = '[REDACTED]';

/** Client ids shorter than this are left in place; secrets and Basic tokens are always replaced. */
export const MIN_REDACTED_ID = 6;

/**
 * Secrets shorter than this are refused rather than redacted: a short one occurs inside ordinary words
 * (`ing` in `missing`), and matching it only as a whole word would miss it inside a URL or a header.
 */
export const MIN_SECRET_LENGTH = 8;

/** Replaces every credential (and its Basic and URL-encoded forms) in a text. */
export type Redactor = (text: string) => string;

/**
 * The refusal of the first secret shorter than `MIN_SECRET_LENGTH`, or `undefined`; unset and empty ones
 * are skipped (whether a secret is required is the caller's rule). Callers throw it, or its message.
 *
 * @example findShortSecret({ SEQUENCE_CLIENT_SECRET: 'ing' })?.message // 'SEQUENCE_CLIENT_SECRET is shorter than 8 characters, …'
 */
export function findShortSecret(
  secrets: Readonly<Record<string, string | undefined>>,
): SecretTooShortError | undefined {
  const short = Object.entries(secrets).find(
    ([, value]) => value !== undefined && value !== '' && value.length < MIN_SECRET_LENGTH,
  );
  return short && new SecretTooShortError(short[0], MIN_SECRET_LENGTH);
}

function refuseShortSecrets(secrets: Readonly<Record<string, string | undefined>>): void {
  const short = findShortSecret(secrets);
  if (short) throw short;
}

/**
 * A redactor for one set of credentials: what the provider echoes back (an error page quoting the
 * `Authorization` header, say) is scrubbed before it reaches a finding, a report or a recording.
 * Throws a `SecretTooShortError` for a secret shorter than `MIN_SECRET_LENGTH`.
 *
 * @example createRedactor({ clientId: 'id', clientSecret: 's3cret-value' })('bad secret s3cret-value') // 'bad secret [REDACTED]'
 */
export function createRedactor(credentials: Credentials): Redactor {
  refuseShortSecrets({ 'credentials.clientSecret': credentials.clientSecret });
  return redactorOf([
    credentials.clientSecret,
    basicToken(credentials.clientId, credentials.clientSecret),
    // The client id names the caller (like a user name) and short ones are common words: replacing
    // "id" everywhere would garble every message, so only ids of some length are redacted on their own.
    ...(credentials.clientId.length >= MIN_REDACTED_ID ? [credentials.clientId] : []),
  ]);
}

/**
 * A redactor for named secrets (a broker token, a password), each also in its URL- and JSON-encoded
 * forms; unset ones are skipped. Throws a `SecretTooShortError` naming one shorter than `MIN_SECRET_LENGTH`.
 *
 * @example secretsRedactor({ PACT_BROKER_TOKEN: token })(`Bearer ${token}`) // 'Bearer [REDACTED]'
 */
export function secretsRedactor(secrets: Readonly<Record<string, string | undefined>>): Redactor {
  refuseShortSecrets(secrets);
  return redactorOf(Object.values(secrets).filter((value): value is string => value !== undefined));
}

/** The token of `Authorization: Basic …` for a user and password. */
export function basicToken(user: string, password: string): string {
  return Buffer.from(`${user}:${password}`).toString('base64');
}

function redactorOf(secrets: readonly string[]): Redactor {
  const needles = [
    ...new Set(
      secrets.flatMap((value) => [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]),
    ),
  ]
    .filter((value) => value !== '')
    // Longest first, so a secret containing the id is replaced whole.
    .sort((a, b) => b.length - a.length);
  return (text) => needles.reduce((out, needle) => out.split(needle).join(REDACTED), text);
}

/**
 * Copies a stream to another through `redact`, a line at a time, so that a secret never straddles two
 * chunks; resolves when `from` ends. For native code that prints straight to its process's stdout.
 */
export function redactLines(
  from: NodeJS.ReadableStream,
  to: NodeJS.WritableStream,
  redact: Redactor,
): Promise<void> {
  let pending = '';
  from.setEncoding('utf8');
  from.on('data', (chunk: string) => {
    pending += chunk;
    const end = pending.lastIndexOf('\n');
    if (end === -1) return;
    to.write(redact(pending.slice(0, end + 1)));
    pending = pending.slice(end + 1);
  });
  return new Promise((resolve) =>
    from.on('end', () => {
      if (pending) to.write(redact(pending));
      resolve();
    }),
  );
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
