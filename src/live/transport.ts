import http from 'node:http';
import https from 'node:https';
import { LiveRequestError } from './LiveRequestError';

/** Set to `true` (the test setup does) and the live gate refuses every host but this machine's loopback. */
export const LOOPBACK_ONLY_ENV = 'ACTIVITY_LOG_CONTRACT_LOOPBACK_ONLY';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** One GET, as the live gate sends it. */
export interface WireRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The whole exchange (redirects and body included) must finish within this. */
  readonly timeoutMs: number;
  readonly maxRedirects?: number;
}

/** A complete HTTP response: status, headers (lower-case names) and the body as text. */
export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The URL that answered, after redirects. */
  readonly url: string;
  readonly redirects: readonly string[];
}

/** Sends GET requests; injectable so the gate can be driven without sockets. */
export interface Transport {
  get(request: WireRequest): Promise<WireResponse>;
}

/**
 * GET over Node's `http`/`https`, following redirects by hand: the `Authorization` header is dropped as
 * soon as a redirect leaves the origin of the first URL, and never sent again in that exchange.
 *
 * @example await nodeTransport.get({ url: 'http://127.0.0.1:8080/activity-logs/a', headers: {}, timeoutMs: 5000 })
 */
export const nodeTransport: Transport = {
  async get(request) {
    const deadline = Date.now() + request.timeoutMs;
    const maxRedirects = request.maxRedirects ?? 5;
    let url = new URL(request.url);
    const origin = url.origin;
    let headers: Record<string, string> = { ...request.headers };
    const redirects: string[] = [];
    for (;;) {
      refuseForeignHost(url);
      const hop = await sendOnce(url, headers, deadline, request.timeoutMs);
      const location = hop.headers['location'];
      if (!REDIRECT_STATUSES.has(hop.status) || location === undefined) {
        return { ...hop, url: url.href, redirects };
      }
      if (redirects.length >= maxRedirects) {
        throw new LiveRequestError('redirect', `More than ${maxRedirects} redirects: GET ${request.url}`, {
          url: request.url,
        });
      }
      const next = new URL(location, url);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new LiveRequestError(
          'redirect',
          `Redirect to a non-HTTP URL (${next.protocol}): GET ${url.href}`,
          {
            url: url.href,
          },
        );
      }
      // Credentials belong to the origin they were given for; a redirect elsewhere never sees them.
      if (next.origin !== origin) headers = withoutAuthorization(headers);
      redirects.push(next.href);
      url = next;
    }
  },
};

/** True for a URL on this machine's loopback (`127.0.0.1`, `localhost`, `[::1]`). */
export function isLoopback(url: string | URL): boolean {
  return LOOPBACK_HOSTS.has(new URL(url).hostname);
}

function refuseForeignHost(url: URL): void {
  if (process.env[LOOPBACK_ONLY_ENV] === 'true' && !isLoopback(url)) {
    throw new LiveRequestError(
      'refused_host',
      `Refused to contact ${url.host}: ${LOOPBACK_ONLY_ENV}=true allows loopback hosts only`,
      { url: url.href },
    );
  }
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'),
  );
}

function sendOnce(
  url: URL,
  headers: Record<string, string>,
  deadline: number,
  timeoutMs: number,
): Promise<Omit<WireResponse, 'url' | 'redirects'>> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    let settled = false;
    const target = `GET ${url.href}`;
    const fail = (error: LiveRequestError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
      request.destroy();
    };
    const request = client.request(url, { method: 'GET', headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const truncated = (cause?: unknown) =>
        fail(
          new LiveRequestError('truncated', `Response body cut off after ${size} bytes: ${target}`, {
            url: url.href,
            cause,
          }),
        );
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          fail(
            new LiveRequestError(
              'truncated',
              `Response body larger than ${MAX_BODY_BYTES} bytes: ${target}`,
              {
                url: url.href,
              },
            ),
          );
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', truncated);
      response.on('aborted', () => truncated());
      response.on('close', () => {
        if (!response.complete) truncated();
      });
      response.on('end', () => {
        if (!response.complete) return truncated();
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({
          status: response.statusCode ?? 0,
          headers: flattenHeaders(response.headers),
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    const timer = setTimeout(
      () =>
        fail(
          new LiveRequestError('timeout', `Request timed out after ${timeoutMs} ms: ${target}`, {
            url: url.href,
          }),
        ),
      Math.max(0, deadline - Date.now()),
    );
    request.on('error', (error: NodeJS.ErrnoException) =>
      fail(
        new LiveRequestError('connection', `Connection failed (${error.code ?? error.message}): ${target}`, {
          url: url.href,
          cause: error,
        }),
      ),
    );
    request.end();
  });
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
