import { VIOLATION_KINDS, type ViolationKind } from '../generation';

/**
 * What the mock does instead of (or on top of) the answer a well-formed request gets. Asked for per request
 * with a `Prefer` header (`Prefer: code=503`, `Prefer: invalid, delay=50`), or drawn for all requests
 * with `--fault-rate`.
 */
export interface Fault {
  /** Answer this status (Prism's `code=`), with a body of its documented schema when it has one. */
  readonly code?: number;
  /** Serve the named example of the response's media type (Prism's `example=`). */
  readonly example?: string;
  /** `Retry-After` in seconds; a 429 gets 1 unless this says otherwise. */
  readonly retryAfter?: number;
  /** Wait this many milliseconds before answering. */
  readonly delayMs?: number;
  /** Send the headers and half the body, then cut the connection. */
  readonly truncate?: true;
  /** A body with one labelled violation (`true`: any kind), its label in the `x-mock-violation` header. */
  readonly invalid?: ViolationKind | true;
  /** Declare this content type instead of the documented one. */
  readonly contentType?: string;
  /** An HTML error page, as a gateway in front of the API shows: the `code` when it is 5xx, else 502. */
  readonly html?: true;
}

/** The `Prefer` tokens the mock reads, in the order `--help` and the README list them. */
export const PREFER_TOKENS: readonly { readonly token: string; readonly does: string }[] = [
  { token: 'code=<status>', does: 'answer that status, with a body of its documented schema (Prism)' },
  { token: 'example=<name>', does: 'serve that named example of the media type (Prism)' },
  { token: 'retry-after=<s>', does: 'send Retry-After: <s> (a 429 gets 1 s without it)' },
  { token: 'delay=<ms>', does: 'wait that long before answering' },
  { token: 'truncate', does: 'send half the body, then cut the connection' },
  {
    token: 'invalid[=<kind>]',
    does: `a body with one labelled violation, of any kind or of one: ${VIOLATION_KINDS.join(', ')}`,
  },
  { token: 'content-type[=<type>]', does: 'declare another content type (default text/plain)' },
  { token: 'html', does: 'an HTML error page with a 5xx status (the code= one, else 502)' },
];

/** Faults `--fault-rate` draws from when no `--fault` is given: what a real sandbox shows on a bad day. */
export const DEFAULT_FAULTS: readonly Fault[] = [
  { code: 429, retryAfter: 1 },
  { code: 503 },
  { code: 500 },
  { delayMs: 1000 },
  { truncate: true },
  { invalid: true },
  { contentType: 'text/plain' },
  { html: true },
];

/** Preferences of RFC 7240 (and Prism's `dynamic`) that are not faults: accepted and ignored. */
const IGNORED = new Set(['return', 'respond-async', 'wait', 'handling', 'dynamic']);
const MAX_DELAY_MS = 600_000;

/** A `Prefer` value (or `--fault` value) the mock cannot honour; the message says which token and why. */
export class FaultSyntaxError extends Error {
  override readonly name = 'FaultSyntaxError';
}

/**
 * The fault a `Prefer` header (or a `--fault` value) asks for; `undefined` when it asks for none.
 * Throws a `FaultSyntaxError` for an unknown token or a value out of range: a typo must not pass silently.
 *
 * @example parseFault('code=429, retry-after=0') // { code: 429, retryAfter: 0 }
 */
export function parseFault(header: string): Fault | undefined {
  const fault: { -readonly [K in keyof Fault]: Fault[K] } = {};
  for (const part of header.split(',')) {
    // A preference may carry `; parameters` (RFC 7240): none of ours does.
    const preference = (part.split(';')[0] ?? '').trim();
    if (preference === '') continue;
    const equals = preference.indexOf('=');
    const token = (equals === -1 ? preference : preference.slice(0, equals)).trim().toLowerCase();
    const raw = equals === -1 ? undefined : preference.slice(equals + 1).trim();
    const value = raw?.replace(/^"(.*)"$/, '$1');
    switch (token) {
      case 'code':
        fault.code = integer(token, value, 200, 599);
        break;
      case 'example':
        if (!value) throw new FaultSyntaxError('example= needs the name of an example');
        fault.example = value;
        break;
      case 'retry-after':
        fault.retryAfter = integer(token, value, 0, 86_400);
        break;
      case 'delay':
        fault.delayMs = integer(token, value, 0, MAX_DELAY_MS);
        break;
      case 'truncate':
        fault.truncate = flag(token, value);
        break;
      case 'html':
        fault.html = flag(token, value);
        break;
      case 'invalid':
        if (value === undefined) fault.invalid = true;
        else if ((VIOLATION_KINDS as readonly string[]).includes(value))
          fault.invalid = value as ViolationKind;
        else
          throw new FaultSyntaxError(
            `invalid=${value}: the kinds are ${VIOLATION_KINDS.join(', ')} (or 'invalid' alone for any)`,
          );
        break;
      case 'content-type':
        if (value !== undefined && !/^[\w.+-]+\/[\w.+*-]+(\s*;.*)?$/.test(value))
          throw new FaultSyntaxError(`content-type=${value} is not a media type`);
        fault.contentType = value ?? 'text/plain';
        break;
      default:
        if (IGNORED.has(token)) break;
        throw new FaultSyntaxError(
          `unknown preference '${token}' (known: ${PREFER_TOKENS.map((t) => t.token.split(/[=[]/)[0]).join(', ')})`,
        );
    }
  }
  if (fault.example !== undefined && fault.invalid !== undefined)
    throw new FaultSyntaxError('example= and invalid cannot be combined: pick the body one way');
  return Object.keys(fault).length === 0 ? undefined : fault;
}

/**
 * A fault written as the `Prefer` value that asks for it: what the request log shows.
 *
 * @example describeFault({ code: 429, retryAfter: 1 }) // 'code=429, retry-after=1'
 */
export function describeFault(fault: Fault): string {
  const parts: string[] = [];
  if (fault.code !== undefined) parts.push(`code=${fault.code}`);
  if (fault.example !== undefined) parts.push(`example=${fault.example}`);
  if (fault.retryAfter !== undefined) parts.push(`retry-after=${fault.retryAfter}`);
  if (fault.delayMs !== undefined) parts.push(`delay=${fault.delayMs}`);
  if (fault.truncate) parts.push('truncate');
  if (fault.invalid !== undefined)
    parts.push(fault.invalid === true ? 'invalid' : `invalid=${fault.invalid}`);
  if (fault.contentType !== undefined) parts.push(`content-type=${fault.contentType}`);
  if (fault.html) parts.push('html');
  return parts.join(', ');
}

function integer(token: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || n < min || n > max)
    throw new FaultSyntaxError(`${token}= needs a whole number from ${min} to ${max}, not '${value ?? ''}'`);
  return n;
}

function flag(token: string, value: string | undefined): true {
  if (value !== undefined && value !== 'true')
    throw new FaultSyntaxError(`${token} takes no value, got '${token}=${value}'`);
  return true;
}
