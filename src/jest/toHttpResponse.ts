import { DEFAULT_SPEC_FILE, defaultOperation } from '../spec';
import { getValidator, type HttpResponse } from '../validation';

/** The shapes a test may hand to `toSatisfyActivityLogSpec`. */
export type ResponseLike =
  | HttpResponse
  | { status: number; headers?: unknown; body?: unknown }
  | { status: number; headers?: unknown; data?: unknown; config?: { method?: string; url?: string } }
  | Response;

type Headers = Record<string, string>;

/** A fetch `Response`, read from a clone so the caller's copy stays unread. */
export function isFetchResponse(value: unknown): value is Response {
  return typeof Response !== 'undefined' && value instanceof Response;
}

export async function fromFetchResponse(
  response: Response,
  specFile = DEFAULT_SPEC_FILE,
): Promise<HttpResponse> {
  const text = await response.clone().text();
  const headers: Headers = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const path = response.url ? new URL(response.url).pathname : defaultPath(specFile);
  return {
    method: 'GET',
    path,
    status: response.status,
    headers,
    ...(text === '' ? {} : { body: parseBody(text) }),
  };
}

/**
 * A plain `{status, headers, body}`, an axios response (`data`, `config.method`, `config.url`) or a
 * supertest response (`body`, `req.method`, `req.path`), as an `HttpResponse`; the method and path
 * default to the spec's default operation.
 */
export function fromResponseObject(
  value: Record<string, unknown>,
  specFile = DEFAULT_SPEC_FILE,
): HttpResponse {
  const config = (value['config'] ?? {}) as { method?: unknown; url?: unknown };
  const req = (value['req'] ?? {}) as { method?: unknown; path?: unknown };
  const method = stringOr(value['method'], stringOr(req.method, stringOr(config.method, 'GET')));
  const url = stringOr(value['path'], stringOr(req.path, stringOr(config.url, defaultPath(specFile))));
  const path = url.startsWith('/') ? url : new URL(url, 'http://placeholder.invalid').pathname;
  const headers = normalizeHeaders(value['headers']);
  const body = 'data' in value && !('body' in value) ? value['data'] : value['body'];
  return {
    method: method.toUpperCase(),
    path,
    status: Number(value['status']),
    ...(headers ? { headers } : {}),
    ...(body === undefined
      ? {}
      : {
          body:
            typeof body === 'string' && /json/i.test(headers?.['content-type'] ?? '')
              ? parseBody(body)
              : body,
        }),
  };
}

function defaultPath(specFile: string): string {
  return defaultOperation(getValidator(specFile).spec).path;
}

function normalizeHeaders(headers: unknown): Headers | undefined {
  if (headers === null || typeof headers !== 'object') return undefined;
  const out: Headers = {};
  // axios' AxiosHeaders and plain objects alike expose their entries as own properties.
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (typeof value === 'string') out[key.toLowerCase()] = value;
    else if (Array.isArray(value)) out[key.toLowerCase()] = value.join(', ');
  }
  return out;
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}
