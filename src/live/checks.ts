import { type DocumentedResponse, findResponse, type Operation, type Spec, type SpecLocation } from '../spec';
import type { Finding, Rule, Severity, SpecValidator } from '../validation';
import { type Probe, UNKNOWN_VERSION, type VersionHeader } from './probes';
import type { Redactor } from './redact';
import type { Attempted } from './sendWithRetries';
import type { WireResponse } from './transport';

const SNIPPET_LENGTH = 200;

/** What the checks need to judge an answer. */
export interface CheckContext {
  readonly spec: Spec;
  readonly operation: Operation;
  readonly validator: SpecValidator;
  readonly version: VersionHeader | undefined;
  readonly redact: Redactor;
  readonly maxResponseMs: number;
  readonly strict: boolean;
}

/**
 * The findings for one request: reachability, server errors and response time, the validator's
 * conformance findings, and the probe's own rule (`auth_enforced`, `version_header`).
 */
export function checkExchange(context: CheckContext, probe: Probe, attempted: Attempted): Finding[] {
  const { spec, operation, validator, version, redact, maxResponseMs, strict } = context;
  return evaluate(probe, attempted);

  function evaluate(p: Probe, attempted: Attempted): Finding[] {
    const response = attempted.response;
    const tries = `${attempted.attempts} attempt${attempted.attempts === 1 ? '' : 's'}`;
    const note = attempted.note ? `; ${attempted.note}` : '';
    if (!response) {
      // The request's URL is in the message: cut (after redaction), as an id of any length would be.
      const message = cut(redact(attempted.error?.message ?? 'no response'), 2 * SNIPPET_LENGTH);
      return [
        finding('provider_reachable', 'error', 'request', `${message} (gave up after ${tries}${note})`),
      ];
    }
    const status = response.status;
    if (attempted.exhausted) {
      if (status >= 500) {
        return [
          finding(
            'not_a_server_error',
            'error',
            'status',
            `answered ${status} and still did after ${tries}${note}: ${snippet(response.body, redact)}`,
            at(`${operation.pointer}/responses`),
          ),
        ];
      }
      return [
        finding('provider_reachable', 'error', 'status', `still answered ${status} after ${tries}${note}`),
      ];
    }

    const out: Finding[] = [];
    if (status >= 500) {
      out.push(
        finding(
          'not_a_server_error',
          'error',
          'status',
          `answered ${status}: ${snippet(response.body, redact)}`,
          at(`${operation.pointer}/responses`),
        ),
      );
    }
    if (attempted.elapsedMs !== undefined && attempted.elapsedMs > maxResponseMs) {
      out.push(
        finding(
          'response_time',
          'warning',
          'time',
          `took ${Math.round(attempted.elapsedMs)} ms, over the ${maxResponseMs} ms budget`,
        ),
      );
    }
    out.push(...conformance(p, response));
    if (p.kind === 'no_credentials' || p.kind === 'wrong_credentials') out.push(...authEnforced(p, status));
    if (p.kind === 'unknown_version') out.push(...versionHonoured(status));
    if (p.kind === 'read' && status >= 300 && status < 500 && status !== 401 && isDocumented(status)) {
      out.push(
        finding(
          'response_schema_conformance',
          'warning',
          'status',
          `answered ${status}, so there was no activity log to check against the spec: ${snippet(response.body, redact)}`,
        ),
      );
    }
    return out;
  }

  function conformance(p: Probe, response: WireResponse): Finding[] {
    const documented = findResponse(spec, operation, response.status);
    return judgeReceived(
      validator,
      {
        method: 'GET',
        path: p.path,
        status: response.status,
        headers: response.headers,
        body: response.body,
      },
      documented,
      { strict, redact },
    ).findings;
  }

  function authEnforced(p: Probe, status: number): Finding[] {
    const what = p.kind === 'no_credentials' ? 'without credentials' : 'with wrong credentials';
    const where = at(findResponse(spec, operation, 401)?.pointer ?? `${operation.pointer}/responses`);
    if (status === 401) return [];
    if (status >= 200 && status < 400) {
      return [
        finding(
          'auth_enforced',
          'error',
          'security',
          `answered ${status} ${what}: the API ignored auth`,
          where,
        ),
      ];
    }
    if (status >= 400 && status < 500) {
      return [
        finding(
          'auth_enforced',
          'warning',
          'security',
          `refused ${what} with ${status}; the spec documents 401 for that${isDocumented(status) ? '' : ` and does not document ${status}`}`,
          where,
        ),
      ];
    }
    return [];
  }

  function versionHonoured(status: number): Finding[] {
    if (!version) return [];
    const where = at(version.pointer);
    const allowed = version.allowed.map((v) => `'${v}'`).join(', ');
    if (status >= 200 && status < 300) {
      return [
        finding(
          'version_header',
          'warning',
          'enum',
          `answered ${status} to ${version.name}: ${UNKNOWN_VERSION}, which the spec does not allow (${allowed}); the version is not checked`,
          where,
        ),
      ];
    }
    if (status >= 400 && status < 500 && !isDocumented(status)) {
      return [
        finding(
          'version_header',
          'error',
          'enum',
          `answered ${status} to ${version.name}: ${UNKNOWN_VERSION}, a status the spec does not document for a bad request`,
          where,
        ),
      ];
    }
    return [];
  }

  function isDocumented(status: number): boolean {
    return findResponse(spec, operation, status) !== undefined;
  }

  function at(pointer: string): SpecLocation {
    return spec.locate(pointer);
  }

  function finding(
    rule: Rule,
    severity: Severity,
    keyword: string,
    message: string,
    spec: SpecLocation | undefined = undefined,
  ): Finding {
    return { rule, severity, pointer: '', keyword, message, spec };
  }
}

/** A response as received: the request's method and path, the status, headers (lower-case names), body text. */
export interface ReceivedResponse {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Judges a received response against the spec: the validator's rules (operation, documented status,
 * content type, body schema) and what only bytes show: a body that is not the JSON its type promises,
 * a body without a Content-Type, a body of an undocumented media type. Shared by `live` and `proxy`, so
 * both say the same of the same answer. Returns the body as parsed, for a recording.
 *
 * @example judgeReceived(validator, { method: 'GET', path: '/activity-logs/a', status: 200, headers, body }, findResponse(spec, operation, 200), { strict: false, redact }).findings
 */
export function judgeReceived(
  validator: SpecValidator,
  response: ReceivedResponse,
  documented: DocumentedResponse | undefined,
  options: { readonly strict: boolean; readonly redact: Redactor },
): { findings: Finding[]; body: unknown } {
  const { spec } = validator;
  const { redact, strict } = options;
  const contentType = response.headers['content-type'];
  const mediaTypes = Object.keys(documented?.object.content ?? {});
  const where = documented && spec.locate(`${documented.pointer}/content`);
  const finding = (rule: Rule, keyword: string, message: string): Finding => ({
    rule,
    severity: 'error',
    pointer: '',
    keyword,
    message,
    spec: where,
  });
  const out: Finding[] = [];
  let body: unknown;
  if (response.body !== '') {
    const looksJson = contentType === undefined || /json/i.test(contentType);
    if (looksJson) {
      try {
        body = JSON.parse(response.body);
      } catch (error) {
        if (documented && mediaTypes.some((m) => /json/i.test(m))) {
          const message = `the ${response.status} body is not valid JSON (${(error as Error).message}): ${snippet(response.body, redact)}`;
          return { findings: [finding('response_schema_conformance', 'json', message)], body: response.body };
        }
        body = response.body;
      }
    } else {
      body = response.body;
    }
  }
  if (documented && mediaTypes.length > 0 && contentType === undefined && body !== undefined) {
    out.push(
      finding(
        'content_type_conformance',
        'content',
        `a ${response.status} response has a body but no Content-Type (documented: ${mediaTypes.join(', ')})`,
      ),
    );
  }
  const result = validator.validateResponse(
    {
      method: response.method,
      path: response.path,
      status: response.status,
      headers: response.headers,
      ...(body === undefined ? {} : { body }),
    },
    // Findings quote values cut to a length: redacted before the cut, or a secret's prefix would escape.
    { strict, redact },
  );
  out.push(...result.findings);
  // A body of an undocumented media type was not checked against the schema: it cannot conform to it.
  if (documented && contentType !== undefined && result.findings.some(isUndocumentedMediaType)) {
    const received = cut(redact(contentType.split(';')[0] ?? '').trim(), SNIPPET_LENGTH);
    out.push(
      finding(
        'response_schema_conformance',
        'content',
        `expected ${mediaTypes.join(' or ')}, got ${received}: ${snippet(response.body, redact)}`,
      ),
    );
  }
  return { findings: out, body };
}

function snippet(body: string, redact: Redactor): string {
  const text = redact(body).replace(/\s+/g, ' ').trim();
  if (text === '') return '(empty body)';
  return cut(text, SNIPPET_LENGTH);
}

function cut(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

function isUndocumentedMediaType(finding: Finding): boolean {
  return finding.rule === 'content_type_conformance' && finding.keyword === 'content';
}
