import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { judgeReceived } from '../live/checks';
import { createOperationMatcher, findResponse, type Spec } from '../spec';
import type { Finding, SpecValidator } from '../validation';

/** One answer as the proxy passed it on: the client's method and path, the target's status, headers, bytes. */
export interface ProxiedResponse {
  readonly method: string;
  /** As the client sent it (`/activity-logs/abc?x=1`); the matcher ignores the query. */
  readonly path: string;
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** Every byte of the body, or `undefined` when it was larger than the proxy keeps to validate. */
  readonly body: Buffer | undefined;
}

export interface JudgeOptions {
  readonly strict: boolean;
  readonly redact: (text: string) => string;
}

/**
 * Judges one proxied answer against the spec as `live` judges what it receives (`judgeReceived`: operation,
 * documented status, content type, body schema, a body that is not the JSON its type promises), once its
 * Content-Encoding is undone. Returns the body as parsed, for the recording.
 *
 * @example judgeResponse(validator, { method: 'GET', path: '/activity-logs/a', status: 200, headers, body }, options).findings
 */
export function judgeResponse(
  validator: SpecValidator,
  response: ProxiedResponse,
  options: JudgeOptions,
): { findings: Finding[]; body: unknown } {
  if (response.body === undefined) {
    return {
      findings: [notChecked('the body is too large for the proxy to keep and validate')],
      body: undefined,
    };
  }
  const decoded = decode(response.body, response.headers['content-encoding']);
  if (typeof decoded === 'string') return { findings: [notChecked(decoded)], body: undefined };
  const { method, path, status, headers } = response;
  // The rules `live` applies to what it receives, word for word.
  return judgeReceived(
    validator,
    { method, path, status, headers, body: decoded.toString('utf8') },
    documentedFor(validator.spec, method, path, status),
    options,
  );
}

function documentedFor(spec: Spec, method: string, path: string, status: number) {
  const operation = matcherFor(spec)(method, path);
  return operation && findResponse(spec, operation, status);
}

const matchers = new WeakMap<Spec, ReturnType<typeof createOperationMatcher>>();
function matcherFor(spec: Spec): ReturnType<typeof createOperationMatcher> {
  let matcher = matchers.get(spec);
  if (!matcher) {
    matcher = createOperationMatcher(spec);
    matchers.set(spec, matcher);
  }
  return matcher;
}

/** The body as the server meant it, or why it cannot be read. */
function decode(body: Buffer, encoding: string | undefined): Buffer | string {
  const name = (encoding ?? 'identity').trim().toLowerCase();
  try {
    if (name === 'identity' || name === '') return body;
    if (name === 'gzip' || name === 'x-gzip') return gunzipSync(body);
    if (name === 'deflate') return inflateSync(body);
    if (name === 'br') return brotliDecompressSync(body);
  } catch (error) {
    return `the ${name} body cannot be decoded (${(error as Error).message})`;
  }
  return `the body's Content-Encoding '${name}' is not one the proxy decodes`;
}

/** Not a verdict on the provider: the proxy could not look, and says so. */
function notChecked(why: string): Finding {
  return {
    rule: 'response_schema_conformance',
    severity: 'warning',
    pointer: '',
    keyword: 'unchecked',
    message: `not validated: ${why}`,
    spec: undefined,
  };
}
