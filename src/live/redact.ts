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
    ...new Set(secrets.flatMap((value) => [...queryForms(value), JSON.stringify(value).slice(1, -1)])),
  ]
    .filter((value) => value !== '')
    // Longest first, so a secret containing the id is replaced whole.
    .sort((a, b) => b.length - a.length);
  return (text) => needles.reduce((out, needle) => out.split(needle).join(REDACTED), text);
}

/**
 * A value as it may appear in a URL: as is, percent-encoded (`%2F` and `%2f`), and form-encoded (a space
 * as `+`, as `URLSearchParams` writes it). Other spellings of a query secret are caught by name (`pathForLog`).
 */
function queryForms(value: string): string[] {
  const lower = (text: string) => text.replace(/%[0-9A-F]{2}/g, (code) => code.toLowerCase());
  const percent = encodeURIComponent(value);
  const form = new URLSearchParams([['', value]]).toString().slice(1);
  return [value, percent, lower(percent), percent.replace(/%20/g, '+'), form, lower(form)];
}

/**
 * Query parameter (and header) names that look like they hold a secret: their values are kept out of logs,
 * whatever the spec says of them. One rule for the mock's log and the proxy's.
 */
export const SECRET_NAME = /auth|token|secret|password|passwd|api[-_]?key|session|signature|credential/i;

/**
 * The values of the query parameters that carry a secret (named in `secretNames`, the spec's apiKey
 * parameters, or like one: `SECRET_NAME`), both as written in `target` and decoded, so that a redactor
 * built from them catches them however they were encoded.
 *
 * @example querySecrets('/a?access_token=abc+def12345', []) // ['abc+def12345', 'abc def12345']
 */
export function querySecrets(target: string, secretNames: readonly string[]): string[] {
  return queryPairs(target).flatMap(({ name, rawValue }) =>
    isSecretQueryName(name, secretNames) ? [rawValue, decodeQueryPart(rawValue)] : [],
  );
}

/**
 * A request target fit for a log: the value of every query parameter that carries a secret (see
 * `querySecrets`) replaced by `[REDACTED]` however it was encoded, and control characters escaped so one
 * request is one line.
 *
 * @example pathForLog('/pets?api_key=s3cret&page=2', ['api_key']) // '/pets?api_key=[REDACTED]&page=2'
 */
export function pathForLog(target: string, secretNames: readonly string[]): string {
  const at = target.indexOf('?');
  let shown = target;
  if (at !== -1) {
    const query = queryPairs(target).map(({ pair, name, rawName }) =>
      isSecretQueryName(name, secretNames) ? `${rawName}=${REDACTED}` : pair,
    );
    shown = `${target.slice(0, at)}?${query.join('&')}`;
  }
  return shown.replace(/\p{Cc}/gu, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function isSecretQueryName(name: string, secretNames: readonly string[]): boolean {
  return secretNames.includes(name) || SECRET_NAME.test(name);
}

/** The query's `name=value` pairs as written, each with its name decoded. */
function queryPairs(target: string): { pair: string; rawName: string; name: string; rawValue: string }[] {
  const at = target.indexOf('?');
  if (at === -1) return [];
  return target
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const rawName = equals === -1 ? pair : pair.slice(0, equals);
      const rawValue = equals === -1 ? '' : pair.slice(equals + 1);
      return { pair, rawName, name: decodeQueryPart(rawName), rawValue };
    });
}

/** `+` is a space in a query; a malformed escape is left as written. */
function decodeQueryPart(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text.replace(/\+/g, ' ');
  }
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
