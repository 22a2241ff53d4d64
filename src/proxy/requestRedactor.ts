import type { IncomingHttpHeaders } from 'node:http';
import { createRedactor, MIN_SECRET_LENGTH, type Redactor, secretsRedactor } from '../live';
import { querySecrets, SECRET_NAME } from '../live/redact';
import type { Spec } from '../spec';
import { apiKeyNames } from '../spec';

/** Request headers that carry credentials whatever the API; the spec's own apiKey headers are added. */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'x-api-key'];

/**
 * A redactor for what one client request carries: its credentials (a Basic pair decoded too), the spec's
 * apiKey headers and query parameters, and anything named like a secret, on top of `base` (the secrets the
 * proxy was started with). They pass through to the target and never reach a finding, a log or a recording.
 * Values shorter than `MIN_SECRET_LENGTH` cannot be replaced safely (they occur inside words): left alone.
 *
 * @example requestRedactor(spec, req.headers, req.url, base)('echo: s3cret-value') // 'echo: [REDACTED]'
 */
export function requestRedactor(
  spec: Spec,
  headers: IncomingHttpHeaders,
  url: string,
  base: Redactor,
): Redactor {
  const values: string[] = [];
  const layers: Redactor[] = [];
  const names = new Set([...CREDENTIAL_HEADERS, ...apiKeyNames(spec, 'header')]);
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined || !(names.has(name) || SECRET_NAME.test(name))) continue;
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      values.push(value, ...(name === 'cookie' ? cookieValues(value) : credentialParts(value)));
      // A Basic pair is redacted as `live` redacts its own: the client id too, from 6 characters on.
      const pair = basicPair(value);
      if (pair && pair.clientSecret.length >= MIN_SECRET_LENGTH) layers.push(createRedactor(pair));
    }
  }
  // As written and decoded: the log shows the target as written, an echo in a body may show it decoded.
  values.push(...querySecrets(url, apiKeyNames(spec, 'query')));
  const secrets = Object.fromEntries(
    values
      .filter((value) => value.length >= MIN_SECRET_LENGTH)
      .map((value, index) => [`secret${index}`, value]),
  );
  if (Object.keys(secrets).length > 0) layers.push(secretsRedactor(secrets));
  if (layers.length === 0) return base;
  return (text) => layers.reduce((out, redact) => redact(out), base(text));
}

function basicPair(value: string): { clientId: string; clientSecret: string } | undefined {
  const basic = /^\s*basic\s+(\S+)\s*$/i.exec(value);
  if (!basic?.[1]) return undefined;
  const pair = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = pair.indexOf(':');
  return colon === -1 ? undefined : { clientId: pair.slice(0, colon), clientSecret: pair.slice(colon + 1) };
}

/** `a=1; b=2` → `1`, `2`: every cookie's value, since which of them hold a session is not known. */
function cookieValues(value: string): string[] {
  return value.split(';').map((pair) => pair.slice(pair.indexOf('=') + 1).trim());
}

/** `Bearer x` → the token; `Basic dXNlcjpwYXNz` → the token and the password (its user: see `basicPair`). */
function credentialParts(value: string): string[] {
  const scheme = /^\s*(\S+)\s+(\S+)\s*$/.exec(value);
  if (!scheme?.[2]) return [];
  const pair = basicPair(value);
  return pair ? [scheme[2], pair.clientSecret] : [scheme[2]];
}
