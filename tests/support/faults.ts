import type http from 'node:http';
import type { Fault } from './sandboxDouble';

/** Faults the live gate must tell apart; each answers every request it sees unless it says otherwise. */

/** Never answers within `ms`; the socket is closed afterwards so nothing outlives the test. */
export function slowResponse(ms: number): Fault {
  return (_request, response) => {
    const timer = setTimeout(() => response.destroy(), ms);
    response.on('close', () => clearTimeout(timer));
    return true;
  };
}

/** Answers like the double (the example body, or 401) but only after `ms`. */
export function delayed(ms: number, body: unknown): Fault {
  return (_request, response, { authorized, valid }) => {
    const timer = setTimeout(() => {
      response.writeHead(valid ? 200 : authorized ? 400 : 401, { 'content-type': 'application/json' });
      response.end(valid ? JSON.stringify(body) : '');
    }, ms);
    response.on('close', () => clearTimeout(timer));
    return true;
  };
}

export function connectionReset(): Fault {
  return (request) => {
    request.socket.destroy();
    return true;
  };
}

/** Promises 1000 bytes, sends a few, hangs up. */
export function truncatedBody(): Fault {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    response.write('{"id":"log-1","sequenceAcc', () => response.socket?.destroy());
    return true;
  };
}

/** A complete response whose JSON stops half-way (the length header matches what is sent). */
export function cutJson(): Fault {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"id":"log-1","sequenceAcc');
    return true;
  };
}

export function htmlBadGateway(times = Number.POSITIVE_INFINITY): Fault {
  return (_request, response, { count }) => {
    if (count > times) return false;
    response.writeHead(502, { 'content-type': 'text/html' });
    response.end('<html><body><h1>502 Bad Gateway</h1><p>upstream connect error</p></body></html>');
    return true;
  };
}

export function rateLimited(times: number, retryAfter: string): Fault {
  return (_request, response, { count }) => {
    if (count > times) return false;
    response.writeHead(429, { 'content-type': 'application/json', 'retry-after': retryAfter });
    response.end('{"message":"slow down"}');
    return true;
  };
}

export function alwaysUnavailable(): Fault {
  return (_request, response) => {
    response.writeHead(503, { 'content-type': 'text/plain' });
    response.end('Service Unavailable: maintenance');
    return true;
  };
}

export function status(code: number, body = '', headers: http.OutgoingHttpHeaders = {}): Fault {
  return (_request, response) => {
    response.writeHead(code, headers);
    response.end(body);
    return true;
  };
}

/** Serves `body` with 200 to requests the sandbox would answer; the others get the double's 401 or 400. */
export function serves(body: unknown, contentType = 'application/json'): Fault {
  return (_request, response, { valid }) => {
    if (!valid) return false;
    response.writeHead(200, { 'content-type': contentType });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
    return true;
  };
}

/** Serves `body` to everyone: the API ignores auth. */
export function ignoresAuth(body: unknown): Fault {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
    return true;
  };
}

export function redirectTo(location: string): Fault {
  return (_request, response) => {
    response.writeHead(302, { location });
    response.end();
    return true;
  };
}
