import {
  defaultOperation,
  findResponse,
  type Operation,
  operationParameters,
  type ParameterObject,
  type Spec,
  type SpecLocation,
} from '../spec';
import { createValidator, type Finding, type Rule, type Severity, type SpecValidator } from '../validation';
import { type Clock, systemClock } from './Clock';
import { type CurlAuth, curlCommand } from './curl';
import type { LiveExchange, LiveFinding, LiveOutcome, LiveReport, ProbeKind } from './LiveReport';
import { LiveRequestError } from './LiveRequestError';
import { RequestScheduler } from './RequestScheduler';
import { toRecording } from './recording';
import { type Credentials, createRedactor, type Redactor } from './redact';
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  RETRYABLE_STATUSES,
  type RetryPolicy,
} from './retry';
import { nodeTransport, type Transport, type WireResponse } from './transport';

export interface LiveOptions {
  readonly spec: Spec;
  /** Reused when given; otherwise compiled from `spec`. */
  readonly validator?: SpecValidator;
  /** The server to check, as `resolveServer` returns it. Required: there is no silent default here. */
  readonly baseUrl: string;
  readonly ids: readonly string[];
  readonly credentials: Credentials;
  /** Undocumented properties are errors instead of warnings. */
  readonly strict?: boolean;
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly rps?: number;
  readonly concurrency?: number;
  /** Slower responses get a `response_time` warning. */
  readonly maxResponseMs?: number;
  /** Also send the auth and version probes (default true); false reads the ids only. */
  readonly probes?: boolean;
  readonly clock?: Clock;
  readonly transport?: Transport;
}

export const LIVE_DEFAULTS = {
  timeoutMs: 10_000,
  rps: 5,
  concurrency: 2,
  maxResponseMs: 2_000,
} as const;

/** A pair the provider cannot know: the `auth_enforced` probe expects it refused. */
export const WRONG_CREDENTIALS = {
  user: 'activity-log-contract-probe',
  password: 'not-a-valid-secret',
} as const;
/** A version no provider documents: the `version_header` probe expects it refused as the spec says. */
export const UNKNOWN_VERSION = '1970-01-01';

const SNIPPET_LENGTH = 200;

interface Probe {
  readonly kind: ProbeKind;
  readonly id: string;
  readonly path: string;
  readonly url: string;
  readonly label: string;
  readonly headers: Record<string, string>;
  readonly reproduction: string;
}

interface Attempted {
  readonly response: WireResponse | undefined;
  readonly error: LiveRequestError | undefined;
  readonly attempts: number;
  readonly elapsedMs: number | undefined;
  readonly exhausted: boolean;
  readonly note: string | undefined;
}

/**
 * Calls the provider for each id, plus an auth probe (no credentials, wrong credentials) and a version
 * probe, and checks every answer against the spec. Only GET, ever. Never throws for what the provider
 * does: outages and violations come back as findings and an outcome.
 *
 * @example
 * const report = await runLive({ spec, baseUrl: 'http://127.0.0.1:4010', ids: ['a'], credentials });
 * report.outcome // 'passed' | 'violation' | 'credentials_rejected' | 'unreachable'
 */
export async function runLive(options: LiveOptions): Promise<LiveReport> {
  if (options.ids.length === 0) throw new RangeError('runLive needs at least one activity log id');
  const { spec, credentials } = options;
  const validator = options.validator ?? createValidator(spec);
  const clock = options.clock ?? systemClock;
  const transport = options.transport ?? nodeTransport;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? LIVE_DEFAULTS.timeoutMs;
  const maxResponseMs = options.maxResponseMs ?? LIVE_DEFAULTS.maxResponseMs;
  const scheduler = new RequestScheduler(
    { rps: options.rps ?? LIVE_DEFAULTS.rps, concurrency: options.concurrency ?? LIVE_DEFAULTS.concurrency },
    clock,
  );
  const redact = createRedactor(credentials);
  const operation = defaultOperation(spec);
  const parameters = operationParameters(spec, operation);
  const version = versionHeader(operation, parameters);
  const basic = (user: string, password: string) =>
    `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  const probe = (kind: ProbeKind, id: string): Probe => {
    const path = concretePath(operation, parameters, id);
    const url = `${options.baseUrl.replace(/\/$/, '')}${path}`;
    const shown: Record<string, string> = {};
    if (version) shown[version.name] = kind === 'unknown_version' ? UNKNOWN_VERSION : version.value;
    const headers: Record<string, string> = { accept: 'application/json', ...shown };
    let auth: CurlAuth = 'environment';
    if (kind === 'no_credentials') auth = 'none';
    else if (kind === 'wrong_credentials') {
      auth = WRONG_CREDENTIALS;
      headers['authorization'] = basic(WRONG_CREDENTIALS.user, WRONG_CREDENTIALS.password);
    } else headers['authorization'] = basic(credentials.clientId, credentials.clientSecret);
    const suffix = {
      read: '',
      no_credentials: ' (no credentials)',
      wrong_credentials: ' (wrong credentials)',
      unknown_version: ` (${version?.name}: ${UNKNOWN_VERSION})`,
    }[kind];
    return {
      kind,
      id,
      path,
      url,
      label: redact(`GET ${path}${suffix}`),
      headers,
      reproduction: redact(curlCommand(url, shown, auth)),
    };
  };

  const [first] = options.ids;
  const probes = options.ids.map((id) => probe('read', id));
  if (first !== undefined && options.probes !== false) {
    probes.push(probe('no_credentials', first), probe('wrong_credentials', first));
    if (version) probes.push(probe('unknown_version', first));
  }

  const attempt = async (p: Probe): Promise<Attempted> => {
    let note: string | undefined;
    for (let attempts = 1; ; attempts++) {
      let response: WireResponse | undefined;
      let error: LiveRequestError | undefined;
      let elapsedMs: number | undefined;
      await scheduler.run(async () => {
        const started = clock.now();
        try {
          response = await transport.get({ url: p.url, headers: p.headers, timeoutMs });
          elapsedMs = clock.now() - started;
        } catch (caught) {
          if (!(caught instanceof LiveRequestError)) throw caught;
          error = caught;
        }
      });
      const transient =
        (error !== undefined && error.kind !== 'refused_host') ||
        (response !== undefined && RETRYABLE_STATUSES.has(response.status));
      if (!transient) return { response, error, attempts, elapsedMs, exhausted: false, note };
      if (attempts > policy.retries) return { response, error, attempts, elapsedMs, exhausted: true, note };
      let delay = backoffDelay(attempts - 1, policy, () => clock.random());
      const retryAfter = parseRetryAfter(response?.headers['retry-after'], Date.now());
      if (retryAfter !== undefined) {
        if (retryAfter > policy.maxRetryAfterMs) {
          note = `the provider asked to retry after ${Math.round(retryAfter / 1000)} s, longer than the ${policy.maxRetryAfterMs} ms this run waits`;
          return { response, error, attempts, elapsedMs, exhausted: true, note };
        }
        delay = Math.max(delay, retryAfter);
      }
      await clock.sleep(delay);
    }
  };

  const results = await Promise.all(probes.map(async (p) => ({ probe: p, attempted: await attempt(p) })));

  const findings: LiveFinding[] = [];
  const exchanges: LiveExchange[] = [];
  let violation = false;
  let unreachable = false;
  let credentialsRejected = false;
  for (const { probe: p, attempted } of results) {
    const found = evaluate(p, attempted);
    const isUnreachable = attempted.error !== undefined || attempted.exhausted;
    if (isUnreachable) unreachable = true;
    else if (found.some((f) => f.severity === 'error')) violation = true;
    if (p.kind === 'read' && attempted.response?.status === 401) credentialsRejected = true;
    findings.push(
      ...found.map((f) => ({
        ...f,
        // An undocumented property named after a credential would otherwise leak through its pointer.
        pointer: redact(f.pointer),
        message: redact(f.message),
        request: p.label,
        reproduction: p.reproduction,
      })),
    );
    const response = attempted.response;
    exchanges.push({
      kind: p.kind,
      request: p.label,
      id: p.id,
      attempts: attempted.attempts,
      elapsedMs: attempted.elapsedMs === undefined ? undefined : Math.round(attempted.elapsedMs),
      status: response?.status,
      unreachable: isUnreachable,
      recording:
        response &&
        toRecording({ method: 'GET', path: p.path }, { ...response, body: parsedBody(response) }, redact),
      reproduction: p.reproduction,
    });
  }
  const outcome: LiveOutcome = violation
    ? 'violation'
    : credentialsRejected
      ? 'credentials_rejected'
      : unreachable
        ? 'unreachable'
        : 'passed';
  return {
    server: options.baseUrl,
    operation: `${operation.method.toUpperCase()} ${operation.path}`,
    outcome,
    exchanges,
    findings,
  };

  function evaluate(p: Probe, attempted: Attempted): Finding[] {
    const response = attempted.response;
    const tries = `${attempted.attempts} attempt${attempted.attempts === 1 ? '' : 's'}`;
    const note = attempted.note ? `; ${attempted.note}` : '';
    if (!response) {
      const message = attempted.error?.message ?? 'no response';
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
    const contentType = response.headers['content-type'];
    const documented = findResponse(spec, operation, response.status);
    const mediaTypes = Object.keys(documented?.object.content ?? {});
    const out: Finding[] = [];
    let body: unknown;
    if (response.body !== '') {
      const looksJson = contentType === undefined || /json/i.test(contentType);
      if (looksJson) {
        try {
          body = JSON.parse(response.body);
        } catch (error) {
          if (documented && mediaTypes.some((m) => /json/i.test(m))) {
            return [
              finding(
                'response_schema_conformance',
                'error',
                'json',
                `the ${response.status} body is not valid JSON (${(error as Error).message}): ${snippet(response.body, redact)}`,
                at(`${documented.pointer}/content`),
              ),
            ];
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
          'error',
          'content',
          `a ${response.status} response has a body but no Content-Type (documented: ${mediaTypes.join(', ')})`,
          at(`${documented.pointer}/content`),
        ),
      );
    }
    const result = validator.validateResponse(
      {
        method: 'GET',
        path: p.path,
        status: response.status,
        headers: response.headers,
        ...(body === undefined ? {} : { body }),
      },
      { strict: options.strict === true },
    );
    out.push(...result.findings);
    return out;
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

/** The `sequence-version` header the spec documents: its name, the version to send, its spec pointer. */
function versionHeader(
  operation: Operation,
  parameters: readonly ParameterObject[],
): { name: string; value: string; allowed: string[]; pointer: string } | undefined {
  const parameter = parameters.find((p) => p.in === 'header' && /version/i.test(p.name));
  const allowed = (parameter?.schema?.['enum'] as unknown[] | undefined)?.filter(
    (v): v is string => typeof v === 'string',
  );
  const value = allowed?.[allowed.length - 1];
  if (!parameter || !allowed || value === undefined) return undefined;
  const index = (operation.object.parameters ?? []).findIndex(
    (p) => 'name' in p && p.name === parameter.name,
  );
  const pointer = index >= 0 ? `${operation.pointer}/parameters/${index}` : operation.pointer;
  return { name: parameter.name.toLowerCase(), value, allowed, pointer };
}

function concretePath(operation: Operation, parameters: readonly ParameterObject[], id: string): string {
  const pathParameters = parameters.filter((p) => p.in === 'path');
  let path = operation.path;
  for (const p of pathParameters) path = path.split(`{${p.name}}`).join(encodeURIComponent(id));
  return path;
}

function parsedBody(response: WireResponse): unknown {
  if (response.body === '') return undefined;
  try {
    return JSON.parse(response.body);
  } catch {
    return response.body;
  }
}

function snippet(body: string, redact: Redactor): string {
  const text = redact(body).replace(/\s+/g, ' ').trim();
  if (text === '') return '(empty body)';
  return text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH)}…` : text;
}
