import { timingSafeEqual } from 'node:crypto';
import type { Credentials } from '../live';
import type { Operation, ParameterObject, Spec } from '../spec';
import { securitySchemes } from '../spec';
import { cookieValue } from './parameters';

/** One credential a request must carry, derived from a security scheme (or the spec's `Authorization` parameter). */
export type CredentialRule =
  | { readonly kind: 'basic' }
  /** `Authorization: <scheme> <token>`: http bearer (and other http schemes), oauth2, openIdConnect. */
  | { readonly kind: 'token'; readonly scheme: string }
  | { readonly kind: 'apiKey'; readonly in: 'header' | 'query' | 'cookie'; readonly name: string };

/** What an operation asks of a request's credentials: any one alternative, each needing all its rules. */
export interface AuthRequirement {
  /** Empty: no credentials needed. An empty alternative (`security: [{}]`) lets anyone in. */
  readonly alternatives: readonly (readonly CredentialRule[])[];
  /** Query parameters that carry a credential: their values never reach the request log. */
  readonly secretQueryNames: readonly string[];
  /** Header names the auth check reads, so the parameter check leaves them to it (lower case). */
  readonly headerNames: ReadonlySet<string>;
}

/** The parts of a request the auth check reads. */
export interface CredentialsCarrier {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly query: URLSearchParams;
}

/**
 * The operation's security requirements (its own `security`, else the document's), each scheme resolved.
 * A document that declares none but documents a required `Authorization` header parameter (as Sequence's
 * does, `Basic {credentials}`) gets Basic auth: that parameter is how it says so.
 */
export function authRequirement(
  spec: Spec,
  operation: Operation,
  parameters: readonly ParameterObject[],
): AuthRequirement {
  const document = spec.document as { security?: unknown };
  const declared = ((operation.object as { security?: unknown }).security ??
    document.security ??
    []) as Record<string, unknown>[];
  const schemes = securitySchemes(spec);
  const alternatives: CredentialRule[][] = [];
  for (const requirement of Array.isArray(declared) ? declared : []) {
    const rules: CredentialRule[] = [];
    for (const name of Object.keys(requirement ?? {})) {
      const scheme = schemes.get(name);
      if (scheme === undefined) continue;
      const rule = ruleOf(scheme);
      if (rule) rules.push(rule);
    }
    alternatives.push(rules);
  }
  const authorization = parameters.find(
    (p) => p.in === 'header' && p.name.toLowerCase() === 'authorization' && p.required === true,
  );
  if (alternatives.length === 0 && authorization) alternatives.push([{ kind: 'basic' }]);

  const rules = alternatives.flat();
  const headerNames = new Set<string>();
  for (const rule of rules) {
    if (rule.kind === 'apiKey' && rule.in === 'header') headerNames.add(rule.name.toLowerCase());
    else if (rule.kind !== 'apiKey') headerNames.add('authorization');
  }
  return {
    alternatives,
    secretQueryNames: rules.flatMap((r) => (r.kind === 'apiKey' && r.in === 'query' ? [r.name] : [])),
    headerNames,
  };
}

function ruleOf(scheme: Readonly<Record<string, unknown>> | undefined): CredentialRule | undefined {
  const type = scheme?.['type'];
  if (type === 'http') {
    const name = String(scheme?.['scheme'] ?? '').toLowerCase();
    return name === 'basic' ? { kind: 'basic' } : { kind: 'token', scheme: name || 'bearer' };
  }
  if (type === 'oauth2' || type === 'openIdConnect') return { kind: 'token', scheme: 'bearer' };
  if (type === 'apiKey') {
    const where = scheme?.['in'];
    const name = scheme?.['name'];
    if ((where === 'header' || where === 'query' || where === 'cookie') && typeof name === 'string')
      return { kind: 'apiKey', in: where, name };
  }
  // mutualTLS happens below HTTP: nothing a plain-HTTP mock can check.
  return undefined;
}

/**
 * Why the request's credentials are refused (one line, never quoting them), or `undefined` when accepted.
 * Basic auth accepts exactly `accepted` when given, else any well-formed pair; other schemes, any value.
 *
 * @example refusal(requirement, request, { clientId, clientSecret }) // 'no credentials: send Authorization: Basic …'
 */
export function refusal(
  requirement: AuthRequirement,
  request: CredentialsCarrier,
  accepted: Credentials | undefined,
): string | undefined {
  if (requirement.alternatives.length === 0) return undefined;
  const reasons: string[] = [];
  for (const rules of requirement.alternatives) {
    const failed = rules.map((rule) => check(rule, request, accepted)).find((r) => r !== undefined);
    if (failed === undefined) return undefined;
    reasons.push(failed);
  }
  return [...new Set(reasons)].join('; or ');
}

function check(rule: CredentialRule, request: CredentialsCarrier, accepted: Credentials | undefined) {
  if (rule.kind === 'apiKey') {
    const value =
      rule.in === 'header'
        ? header(request, rule.name)
        : rule.in === 'query'
          ? request.query.get(rule.name)
          : cookieValue(request.headers['cookie'], rule.name);
    return value ? undefined : `no credentials: send the API key ${rule.name} (in ${rule.in})`;
  }
  const authorization = header(request, 'authorization') ?? '';
  const [scheme = '', token = ''] = authorization.trim().split(/\s+/, 2);
  if (rule.kind === 'token') {
    if (scheme.toLowerCase() === rule.scheme && token !== '') return undefined;
    return `no credentials: send Authorization: ${rule.scheme[0]?.toUpperCase()}${rule.scheme.slice(1)} <token>`;
  }
  if (authorization === '') return 'no credentials: send Authorization: Basic <base64 of id:secret>';
  if (scheme.toLowerCase() !== 'basic' || !/^[A-Za-z0-9+/]+=*$/.test(token))
    return 'malformed credentials: expected Authorization: Basic <base64 of id:secret>';
  const pair = Buffer.from(token, 'base64').toString('utf8');
  if (!pair.includes(':')) return 'malformed credentials: the Basic token does not decode to id:secret';
  if (accepted && !same(pair, `${accepted.clientId}:${accepted.clientSecret}`))
    return 'credentials not accepted: they are not SEQUENCE_CLIENT_ID/SEQUENCE_CLIENT_SECRET';
  return undefined;
}

function header(request: CredentialsCarrier, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** A comparison whose time does not tell how much of a secret matched. */
function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
