import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { type GenerationOptions, generatorsFor } from '../generation';
import { type Credentials, createRedactor, type Redactor } from '../live';
import { pathForLog } from '../live/redact';
import {
  createOperationMatcher,
  deref,
  findResponse,
  type HttpMethod,
  type Operation,
  operationParameters,
  type Spec,
} from '../spec';
import { createValidator, type SpecValidator } from '../validation';
import { type AuthRequirement, authRequirement, refusal } from './auth';
import { BodyMaker } from './bodies';
import { describeFault, type Fault, FaultSyntaxError, parseFault } from './faults';
import { type ParameterRule, parameterRules, parametersProblem, pathValues } from './parameters';
import { Refusal } from './Refusal';
import type { RequestLogEntry } from './requestLog';
import { drawFault } from './seeded';
import { successStatus } from './successStatus';

export interface MockOptions {
  readonly spec: Spec;
  /** Reused when given; otherwise compiled from `spec`. */
  readonly validator?: SpecValidator;
  /** The same seed and request path give the same body. Default 0. */
  readonly seed?: number;
  /** The only Basic pair accepted (what `live` sends from SEQUENCE_CLIENT_ID/SECRET); without it, any pair. */
  readonly credentials?: Credentials;
  /** The share of well-formed requests, 0 to 1, that get a fault drawn from `faults` (seeded). Default 0. */
  readonly faultRate?: number;
  /** What `faultRate` draws from; default `DEFAULT_FAULTS`. */
  readonly faults?: readonly Fault[];
  /** Bounds and bias of generated bodies (e.g. `extraPropertyRate: 0` for spec-exact ones). */
  readonly generation?: GenerationOptions;
  /** Called once per request, after its answer is sent (or cut off). */
  readonly log?: (entry: RequestLogEntry) => void;
}

/** The mock provider as a request listener: `http.createServer(mock.handle)`. */
export interface Mock {
  readonly handle: (request: IncomingMessage, response: ServerResponse) => void;
  /** Ends pending `delay` faults at once: a mock being stopped must not wait for them. */
  stop(): void;
}

/** What a request gets: status, headers and body, and the fault that shaped it. */
interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly fault?: Fault | undefined;
  /** The request's `Prefer` could not be honoured. */
  readonly refusedPrefer?: true;
}

/** What the mock knows of an operation, worked out on its first request. */
interface Route {
  readonly operation: Operation;
  readonly auth: AuthRequirement;
  readonly parameters: readonly ParameterRule[];
  readonly success: number;
  readonly bodyRequired: boolean;
}

const METHODS: readonly HttpMethod[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const HTML = 'text/html; charset=utf-8';

/**
 * A stand-in provider for every operation of `spec`: 200 (or the operation's success status) with a
 * generated valid body, 401 and 400 as the spec's security and parameters say, and faults on request.
 *
 * @example const server = http.createServer(createMock({ spec: loadSpec() }).handle);
 */
export function createMock(options: MockOptions): Mock {
  const { spec, credentials } = options;
  const validator = options.validator ?? createValidator(spec);
  const generators = generatorsFor(spec);
  const seed = options.seed ?? 0;
  const faultDraw = { seed, rate: options.faultRate ?? 0, faults: options.faults ?? [] };
  const redact: Redactor = credentials ? createRedactor(credentials) : (text) => text;
  const match = createOperationMatcher(spec);
  const routes = new Map<Operation, Route>();
  const stopping = new AbortController();
  let wellFormed = 0;

  const routeFor = (operation: Operation): Route => {
    let route = routes.get(operation);
    if (!route) {
      const parameters = operationParameters(spec, operation);
      const auth = authRequirement(spec, operation, parameters);
      const requestBody = (operation.object as { requestBody?: unknown }).requestBody;
      route = {
        operation,
        auth,
        parameters: parameterRules(spec, operation, auth.headerNames),
        success: successStatus(operation),
        bodyRequired:
          requestBody !== undefined &&
          deref<{ required?: boolean }>(spec, requestBody as object, `${operation.pointer}/requestBody`).value
            ?.required === true,
      };
      routes.set(operation, route);
    }
    return route;
  };
  const bodies = new BodyMaker(spec, validator, generators, seed, options.generation ?? {});

  function decide(request: IncomingMessage, url: URL, bodyBytes: number): Answer {
    const method = (request.method ?? 'GET').toLowerCase();
    // HEAD is GET without the body (RFC 9110), unless the document gives it an operation of its own.
    const operation =
      match(method, url.pathname) ?? (method === 'head' ? match('get', url.pathname) : undefined);
    if (!operation) {
      const allowed = METHODS.filter((m) => match(m, url.pathname) !== undefined);
      if (allowed.length > 0) {
        return mockAnswer(405, `${method.toUpperCase()} is not documented for ${url.pathname}`, {
          allow: allowed.map((m) => m.toUpperCase()).join(', '),
        });
      }
      return mockAnswer(404, `no operation of ${spec.file} serves ${url.pathname}`);
    }
    const route = routeFor(operation);
    const values = pathValues(operation, url.pathname);
    const carrier = { headers: request.headers, query: url.searchParams };
    const refused = refusal(route.auth, carrier, credentials);
    if (refused !== undefined) {
      const basic = route.auth.alternatives.some((rules) => rules.some((r) => r.kind === 'basic'));
      return specAnswer(route, 401, url, request, values ?? {}, undefined, {
        'x-mock-reason': refused,
        ...(basic ? { 'www-authenticate': 'Basic realm="activity-log-contract mock"' } : {}),
      });
    }
    const problem =
      values === undefined
        ? 'a path parameter is not valid percent-encoding'
        : (parametersProblem(
            route.parameters,
            { path: values, query: url.searchParams, headers: request.headers },
            validator,
          ) ?? (route.bodyRequired && bodyBytes === 0 ? 'the required request body is missing' : undefined));
    if (problem !== undefined) {
      return specAnswer(route, 400, url, request, values ?? {}, undefined, { 'x-mock-reason': problem });
    }
    const prefer = request.headers['prefer'];
    let fault: Fault | undefined;
    try {
      fault =
        prefer === undefined ? undefined : parseFault(Array.isArray(prefer) ? prefer.join(', ') : prefer);
    } catch (error) {
      if (error instanceof FaultSyntaxError)
        return { ...mockAnswer(400, `Prefer: ${error.message}`), refusedPrefer: true };
      throw error;
    }
    const index = wellFormed++;
    fault ??= drawFault(faultDraw, index);
    if (fault?.html) {
      const status = fault.code !== undefined && fault.code >= 500 ? fault.code : 502;
      return { status, headers: { 'content-type': HTML }, body: htmlPage(status), fault };
    }
    const status = fault?.code ?? route.success;
    return specAnswer(route, status, url, request, values ?? {}, fault, {});
  }

  function specAnswer(
    route: Route,
    status: number,
    url: URL,
    request: IncomingMessage,
    values: Readonly<Record<string, string>>,
    fault: Fault | undefined,
    headers: Record<string, string>,
  ): Answer {
    const response = findResponse(spec, route.operation, status);
    const accept = request.headers['accept'];
    const made = response
      ? bodies.make({
          operation: route.operation,
          response,
          target: `${route.operation.method} ${url.pathname}${url.search}`,
          accept,
          values,
          example: fault?.example,
          invalid: fault?.invalid,
        })
      : { headers: {}, body: '' };
    if (fault?.example !== undefined && !response)
      throw new Refusal(
        `example=${fault.example}: status ${status} is not documented, so it has no examples`,
      );
    const out: Record<string, string> = { ...made.headers, ...headers };
    const retryAfter = fault?.retryAfter ?? (status === 429 ? 1 : undefined);
    if (retryAfter !== undefined) out['retry-after'] = String(retryAfter);
    if (fault?.contentType !== undefined) out['content-type'] = fault.contentType;
    return { status, headers: out, body: made.body, fault };
  }

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const startedAt = Date.now();
    const target = request.url ?? '/';
    const url = requestUrl(target);
    let bodyBytes = 0;
    let answer: Answer | undefined;
    let cut = false;
    try {
      for await (const chunk of request) bodyBytes += (chunk as Buffer).length;
      try {
        answer = decide(request, url, bodyBytes);
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        answer = { ...mockAnswer(400, `Prefer: ${error.message}`), refusedPrefer: true };
      }
      cut = await send(response, answer, stopping.signal);
    } catch (error) {
      answer = mockAnswer(500, `the mock failed: ${(error as Error).message}`);
      if (!response.headersSent) send(response, answer, stopping.signal).catch(() => {});
      else response.destroy();
    } finally {
      options.log?.({
        method: request.method ?? 'GET',
        path: redact(pathForLog(target, secretQueryNames(request, url))),
        status: cut && !response.headersSent ? undefined : answer?.status,
        fault: answer?.fault ? describeFault(answer.fault) : answer?.refusedPrefer ? 'refused' : undefined,
        detail: detailOf(answer, redact),
        ms: performance.now() - started,
        startedAt,
      });
    }
  }

  function secretQueryNames(request: IncomingMessage, url: URL): readonly string[] {
    const operation = match((request.method ?? 'GET').toLowerCase(), url.pathname);
    return operation ? routeFor(operation).auth.secretQueryNames : [];
  }

  return {
    handle: (request, response) => {
      serve(request, response).catch(() => response.destroy());
    },
    stop: () => stopping.abort(),
  };
}

/** The request target as a URL (path and query); one Node's parser let through but URL cannot read is `/`. */
function requestUrl(target: string): URL {
  try {
    return new URL(target.startsWith('/') ? target : `/${target}`, 'http://mock.invalid');
  } catch {
    return new URL('/', 'http://mock.invalid');
  }
}

/** What the log adds after the numbers: the violation served, or why the request was refused. */
function detailOf(answer: Answer | undefined, redact: Redactor): string | undefined {
  const violation = answer?.headers['x-mock-violation'];
  const kind = answer?.headers['x-mock-violation-kind'];
  const detail =
    violation === undefined ? answer?.headers['x-mock-reason'] : `${kind} violation ${violation}`;
  return detail === undefined ? undefined : redact(detail);
}

/** An answer of the mock's own (no such operation, a `Prefer` it cannot honour): text, with the reason. */
function mockAnswer(status: number, reason: string, headers: Record<string, string> = {}): Answer {
  return {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-mock-reason': headerSafe(reason), ...headers },
    body: `activity-log-contract mock: ${reason}\n`,
  };
}

/**
 * Writes the answer, after its delay; a `truncate` fault sends the headers (with the full length) and
 * half the body, then cuts the connection. Resolves true when the answer was cut.
 */
async function send(response: ServerResponse, answer: Answer, stopping: AbortSignal): Promise<boolean> {
  const { fault } = answer;
  if (fault?.delayMs) {
    try {
      await sleep(fault.delayMs, undefined, { signal: stopping });
    } catch {
      response.destroy();
      return true;
    }
  }
  const body = Buffer.from(answer.body, 'utf8');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) headers[name] = headerSafe(value);
  // A 204 or 304 has no body and no Content-Length (RFC 9110 §8.6); a HEAD answer says the length it omits.
  if (answer.status === 204 || answer.status === 304) {
    response.writeHead(answer.status, headers);
    response.end();
    return false;
  }
  if (!fault?.truncate || response.req.method === 'HEAD') {
    response.writeHead(answer.status, { ...headers, 'content-length': String(body.length) });
    response.end(response.req.method === 'HEAD' ? undefined : body);
    return false;
  }
  // Promise a body longer than what comes, so the client sees the stream end early.
  response.writeHead(answer.status, { ...headers, 'content-length': String(Math.max(body.length, 2)) });
  await new Promise<void>((resolve) => {
    response.write(body.subarray(0, Math.floor(body.length / 2)), () => resolve());
  });
  response.destroy();
  return true;
}

/** Header values are Latin-1 text on one line: anything else is escaped as `\uXXXX`. */
function headerSafe(value: string): string {
  const safe = value.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return safe.length > 1000 ? `${safe.slice(0, 1000)}...` : safe;
}

function htmlPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return `<!DOCTYPE html>\n<html>\n<head><title>${title}</title></head>\n<body>\n<center><h1>${title}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n`;
}
