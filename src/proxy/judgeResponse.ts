import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
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

const SNIPPET_LENGTH = 200;

/**
 * Judges one proxied answer against the spec: operation, documented status, content type and body schema
 * (the validator's rules), plus what only bytes can show: a body that is not the JSON its type promises,
 * a body without a Content-Type. Returns the body as parsed, for the recording.
 *
 * @example judgeResponse(validator, { method: 'GET', path: '/activity-logs/a', status: 200, headers, body }, options).findings
 */
export function judgeResponse(
  validator: SpecValidator,
  response: ProxiedResponse,
  options: JudgeOptions,
): { findings: Finding[]; body: unknown } {
  const { spec } = validator;
  const { status, headers } = response;
  const contentType = headers['content-type'];
  const documented = documentedFor(spec, response.method, response.path, status);
  const documentedMedia = Object.keys(documented?.object.content ?? {});
  const where = documented && spec.locate(`${documented.pointer}/content`);
  if (response.body === undefined) {
    return {
      findings: [notChecked('the body is too large for the proxy to keep and validate')],
      body: undefined,
    };
  }
  const decoded = decode(response.body, headers['content-encoding']);
  if (typeof decoded === 'string') return { findings: [notChecked(decoded)], body: undefined };
  const text = decoded.toString('utf8');
  let body: unknown;
  const out: Finding[] = [];
  if (text !== '') {
    if (contentType === undefined || /json/i.test(contentType)) {
      try {
        body = JSON.parse(text);
      } catch (error) {
        if (documented && documentedMedia.some((m) => /json/i.test(m))) {
          const message = `the ${status} body is not valid JSON (${(error as Error).message}): ${snippet(text, options.redact)}`;
          return { findings: [finding('json', message, where)], body: text };
        }
        body = text;
      }
    } else {
      body = text;
    }
  }
  if (documented && documentedMedia.length > 0 && contentType === undefined && body !== undefined) {
    out.push({
      ...finding(
        'content',
        `a ${status} response has a body but no Content-Type (documented: ${documentedMedia.join(', ')})`,
        where,
      ),
      rule: 'content_type_conformance',
    });
  }
  const result = validator.validateResponse(
    {
      method: response.method,
      path: response.path,
      status,
      headers,
      ...(body === undefined ? {} : { body }),
    },
    { strict: options.strict, redact: options.redact },
  );
  out.push(...result.findings);
  return { findings: out, body };
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

function finding(keyword: string, message: string, spec: Finding['spec']): Finding {
  return { rule: 'response_schema_conformance', severity: 'error', pointer: '', keyword, message, spec };
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

function snippet(body: string, redact: (text: string) => string): string {
  const text = redact(body).replace(/\s+/g, ' ').trim();
  return text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH)}…` : text;
}
