import { getValidator, type SpecValidator } from '../validation';
import { BadRequestError } from './errors/BadRequestError';
import { ContractViolationError } from './errors/ContractViolationError';
import { NetworkError } from './errors/NetworkError';
import { ServerError } from './errors/ServerError';
import { TimeoutError } from './errors/TimeoutError';
import { UnauthorizedError } from './errors/UnauthorizedError';
import { UnexpectedStatusError } from './errors/UnexpectedStatusError';
import type { ActivityLog, SequenceVersion } from './types';

/** The API version this client speaks; the type is the spec's `sequence-version` enum. */
export const SEQUENCE_VERSION: SequenceVersion = '2024-07-30';
export const DEFAULT_TIMEOUT_MS = 10_000;
const OPERATION_PATH = '/activity-logs/{id}';

export interface ActivityLogClientOptions {
  /** e.g. `https://sandbox.sequencehq.com`; a trailing slash is ignored. */
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Milliseconds until the request is aborted with a `TimeoutError`; default 10 000. */
  readonly timeoutMs?: number;
  /** Defaults to the global `fetch`; inject one to test or to add a proxy. */
  readonly fetch?: typeof fetch;
  /** Validators for 200 bodies; defaults to ones compiled once from the shipped spec. */
  readonly validator?: SpecValidator;
}

export interface ActivityLogClient {
  /**
   * Fetches one activity log. Throws a subclass of `ActivityLogClientError`: `BadRequestError` (400),
   * `UnauthorizedError` (401), `ServerError` (500), `UnexpectedStatusError` (any other non-200),
   * `TimeoutError`, `NetworkError`, or `ContractViolationError` when a 200 body breaks the spec.
   */
  getActivityLog(id: string): Promise<ActivityLog>;
}

/**
 * A typed client for `GET /activity-logs/{id}` (API version 2024-07-30): Basic credentials, the
 * `sequence-version` header, a timeout, and every 200 body checked against the spec.
 *
 * @example
 * const client = createActivityLogClient({ baseUrl, clientId, clientSecret });
 * const log = await client.getActivityLog('aa0e8400-e29b-41d4-a716-446655440005');
 */
export function createActivityLogClient(options: ActivityLogClientOptions): ActivityLogClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  if (!/^https?:\/\//i.test(baseUrl)) {
    throw new TypeError(`baseUrl must be an http(s) URL, got ${JSON.stringify(options.baseUrl)}`);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch = options.fetch ?? globalThis.fetch;
  const authorization = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`;

  return {
    async getActivityLog(id) {
      if (id === '') throw new TypeError('getActivityLog needs a non-empty id');
      const url = `${baseUrl}${OPERATION_PATH.replace('{id}', encodeURIComponent(id))}`;
      const context = { method: 'GET', url };
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      let status: number;
      let contentType: string | null;
      let text: string;
      try {
        const response = await doFetch(url, {
          method: 'GET',
          headers: {
            accept: 'application/json',
            authorization,
            'sequence-version': SEQUENCE_VERSION,
          },
          signal: controller.signal,
        });
        status = response.status;
        contentType = response.headers.get('content-type');
        text = await response.text();
      } catch (error) {
        if (controller.signal.aborted) {
          throw new TimeoutError(`Request timed out after ${timeoutMs} ms: GET ${url}`, {
            ...context,
            cause: error,
          });
        }
        throw new NetworkError(`Request failed before any response (${describe(error)}): GET ${url}`, {
          ...context,
          cause: error,
        });
      } finally {
        clearTimeout(timer);
      }
      const withStatus = { ...context, status };
      switch (status) {
        case 200:
          return parseActivityLog(text, contentType, withStatus, options.validator);
        case 400:
          throw new BadRequestError(`400 Bad Request: GET ${url}`, withStatus);
        case 401:
          throw new UnauthorizedError(
            `401 Unauthorized (check the client id and secret): GET ${url}`,
            withStatus,
          );
        case 500:
          throw new ServerError(`500 Internal Server Error: GET ${url}`, withStatus);
        default:
          throw new UnexpectedStatusError(
            `status ${status} is not documented for this operation: GET ${url}`,
            withStatus,
          );
      }
    },
  };
}

function parseActivityLog(
  text: string,
  contentType: string | null,
  context: { method: string; url: string; status: number },
  injected: SpecValidator | undefined,
): ActivityLog {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new ContractViolationError(
      `200 body is not JSON (content type ${contentType ?? 'none'}): GET ${context.url}`,
      {
        ...context,
        findings: [],
        cause: error,
      },
    );
  }
  const validator = injected ?? getValidator();
  const result = validator.validateResponse({
    method: 'GET',
    path: OPERATION_PATH,
    status: 200,
    ...(contentType === null ? {} : { headers: { 'content-type': contentType } }),
    body,
  });
  if (!result.valid) {
    const errors = result.findings.filter((f) => f.severity === 'error');
    const first = errors[0];
    const where = first ? `${first.pointer || '(body)'} ${first.message}` : 'invalid';
    throw new ContractViolationError(
      `200 body breaks the spec (${errors.length} finding${errors.length === 1 ? '' : 's'}; first: ${where}): GET ${context.url}`,
      { ...context, findings: result.findings },
    );
  }
  return body as ActivityLog;
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  return error instanceof Error ? error.message : String(error);
}
