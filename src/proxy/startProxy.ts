import * as http from 'node:http';
import * as https from 'node:https';
import { performance } from 'node:perf_hooks';
import { type Redactor, toRecording } from '../live';
import { pathForLog } from '../live/redact';
import { closeServer, listen } from '../serve';
import { apiKeyNames, createOperationMatcher, type Spec } from '../spec';
import { createValidator, type Finding, type SpecValidator } from '../validation';
import { flatHeaders, forwardedHeaders, passedHeaders } from './headers';
import { judgeResponse } from './judgeResponse';
import type { ProxyExchange, ProxyOutcome, ProxyTally } from './ProxyReport';
import { requestRedactor } from './requestRedactor';

export interface ProxyOptions {
  readonly spec: Spec;
  /** Reused when given; otherwise compiled from `spec`. */
  readonly validator?: SpecValidator;
  /** The base URL to forward to, as `resolveServer` returns it (the production guard is the caller's). */
  readonly target: string;
  /** Undocumented properties are errors instead of warnings. */
  readonly strict?: boolean;
  /** Methods forwarded besides GET (`POST`, `DELETE`…); the others are answered 405. */
  readonly allowMethods?: readonly string[];
  /** Secrets known up front (the environment's credentials); each request's own are added to it. */
  readonly redact?: Redactor | undefined;
  /** Also build each answered exchange's redacted recording (for `--record`). */
  readonly record?: boolean;
  /** Called once per request, when its answer has been passed on and judged. */
  readonly onExchange?: (exchange: ProxyExchange) => void;
  /** How long `close` lets requests in flight finish before cutting them (default 5,000 ms). */
  readonly closeGraceMs?: number;
}

/** Where `startProxy` listens. */
export interface ProxyAddress {
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** Default 0: a free port, said by `url`. A port it cannot listen on rejects with a `ListenError`. */
  readonly port?: number;
}

/** A validating proxy not yet listening: its server, for `serveUntilStopped` (or `startProxy`). */
export interface Proxy {
  readonly server: http.Server;
  /**
   * Lets requests in flight finish (up to the grace period), then cuts and counts the rest, and lets go
   * of the connections to the target: call it once the server takes no new connection (`closeServer`'s
   * `settle`).
   */
  settle(): Promise<void>;
  /** What the run adds up to; final once `settle` has resolved. */
  tally(): ProxyTally;
}

export interface RunningProxy {
  /** `http://127.0.0.1:54321`: what the consumer's service is pointed at. */
  readonly url: string;
  /** Stops taking requests, lets those in flight finish (up to the grace period), and adds up the run. */
  close(): Promise<ProxyTally>;
}

/** What the proxy keeps of a body to validate it; a larger one passes through unjudged, with a warning. */
export const MAX_JUDGED_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Starts a validating proxy: every request is forwarded to `target` (GET, and `allowMethods`), and every
 * answer streams back to the client byte for byte while a copy is kept; when the body ends, the copy is
 * judged against the spec and `onExchange` hears of it. The proxy never prints and never throws for what
 * the target does: an unreachable target answers the client 502 and is reported as an exchange.
 *
 * @example
 * const proxy = await startProxy({ spec, target: 'https://sandbox.sequencehq.com', onExchange: console.log });
 * // point the service at proxy.url, run its tests, then:
 * const tally = await proxy.close(); // tally.outcome: 'passed' | 'violation' | 'unreachable'
 */
export async function startProxy(options: ProxyOptions & ProxyAddress): Promise<RunningProxy> {
  const proxy = createProxy(options);
  const url = await listen(proxy.server, { host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  return {
    url,
    async close() {
      await closeServer(proxy.server, () => proxy.settle());
      return proxy.tally();
    },
  };
}

/**
 * The proxy of `startProxy`, before it listens: the CLI serves its server with `serveUntilStopped`.
 *
 * @example const proxy = createProxy({ spec, target }); await serveUntilStopped(proxy.server, { ...address, signal, onListening, settle: proxy.settle }); proxy.tally();
 */
export function createProxy(options: ProxyOptions): Proxy {
  const { spec } = options;
  const validator = options.validator ?? createValidator(spec);
  // Compiled now, not on the first request: the consumer's first call should not pay for it.
  validator.compileAll();
  const matchOperation = createOperationMatcher(spec);
  const target = new URL(options.target);
  const basePath = target.pathname.replace(/\/+$/, '');
  const transport = target.protocol === 'https:' ? https : http;
  // Connections to the target are reused: a new one per request would be latency the client pays.
  const agent = new transport.Agent({ keepAlive: true });
  const allowed = new Set(['GET', ...(options.allowMethods ?? []).map((m) => m.toUpperCase())]);
  const baseRedact: Redactor = options.redact ?? ((text) => text);
  const strict = options.strict === true;
  const secretQueryNames = apiKeyNames(spec, 'query');
  // Each request in flight, with how to cut it when the grace period runs out.
  const inFlight = new Map<Promise<void>, () => void>();
  const graceMs = options.closeGraceMs ?? 5_000;
  const counts = { exchanges: 0, answered: 0, violations: 0, unreachable: 0, refused: 0, abandoned: 0 };
  let arrived = 0;

  const server = http.createServer((request, response) => {
    let cut = () => {};
    const done = new Promise<void>((resolve) => {
      cut = handle(request, response, resolve);
    });
    inFlight.set(done, cut);
    done.then(() => inFlight.delete(done));
  });

  /** Serves one request; returns how to cut it short (when the proxy stops before it is done). */
  function handle(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    resolve: () => void,
  ): () => void {
    const sequence = ++arrived;
    const started = performance.now();
    const method = (request.method ?? 'GET').toUpperCase();
    const url = request.url ?? '/';
    const redact = requestRedactor(spec, request.headers, url, baseRedact);
    // Query secrets replaced however they were encoded; control characters escaped (one request, one line).
    const label = redact(`${method} ${pathForLog(url, secretQueryNames)}`);
    let finished = false;
    const finish = (
      exchange: Omit<ProxyExchange, 'sequence' | 'request' | 'elapsedMs'>,
      elapsedMs?: number,
    ) => {
      if (finished) return;
      finished = true;
      counts.exchanges++;
      counts[exchange.kind]++;
      if (exchange.kind === 'answered' && exchange.findings.some((f) => f.severity === 'error'))
        counts.violations++;
      const findings = exchange.findings.map((f) => ({
        ...f,
        // An undocumented property named after a credential would otherwise leak through its pointer.
        pointer: redact(f.pointer),
        message: redact(f.message),
      }));
      const ms = elapsedMs ?? performance.now() - started;
      options.onExchange?.({ ...exchange, findings, sequence, request: label, elapsedMs: Math.round(ms) });
      resolve();
    };

    if (!allowed.has(method)) {
      request.resume();
      const allow = [...allowed].join(', ');
      const text = `activity-log-contract proxy: ${method} is not forwarded (allowed: ${allow}); start the proxy with --allow-methods ${method} to forward it\n`;
      response.writeHead(405, {
        allow,
        'content-type': 'text/plain; charset=utf-8',
        'content-length': Buffer.byteLength(text),
      });
      response.end(text);
      const operation = matchOperation(method, url);
      finish({
        kind: 'refused',
        status: 405,
        recording: undefined,
        findings: [
          {
            rule: 'request_conformance',
            severity: 'warning',
            pointer: '',
            keyword: 'method',
            message: `${method} was not forwarded: the proxy forwards ${allow} (--allow-methods ${method} forwards it)`,
            spec: spec.locate(operation?.pointer ?? '/paths'),
          },
        ],
      });
      return () => {};
    }

    const unreachable = (why: string) => {
      const message = `could not reach ${target.origin} (${why}): ${label}`;
      if (!response.headersSent) {
        const text = `activity-log-contract proxy: ${message}\n`;
        response.writeHead(502, {
          'content-type': 'text/plain; charset=utf-8',
          'content-length': Buffer.byteLength(text),
        });
        response.end(text);
      } else {
        // The client has the head and part of the body: it must see the answer cut, as it was.
        response.destroy();
      }
      finish({
        kind: 'unreachable',
        status: response.statusCode,
        recording: undefined,
        findings: [reachability(message)],
      });
    };
    const bodiless =
      (request.headers['content-length'] ?? '0') === '0' &&
      request.headers['transfer-encoding'] === undefined;
    let upstream: http.ClientRequest | undefined;
    let judging = false;
    const send = (mayRetry: boolean) => {
      const sent = transport.request({
        protocol: target.protocol,
        hostname: target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port,
        method,
        path: `${basePath}${url}`,
        headers: forwardedHeaders(request.rawHeaders, target.host),
        agent,
      });
      upstream = sent;
      sent.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive connection the target had just closed: a request without a body is sent again,
        // once, on a fresh one (what Node advises for reused sockets), so the client never sees that race.
        if (
          mayRetry &&
          bodiless &&
          sent.reusedSocket &&
          error.code === 'ECONNRESET' &&
          !response.headersSent
        ) {
          send(false);
          return;
        }
        unreachable(error.code ?? error.message);
      });
      sent.on('response', (answer) => pass(answer));
      if (bodiless) sent.end();
      else request.pipe(sent);
    };
    response.on('close', () => {
      if (response.writableFinished) return;
      upstream?.destroy();
      finish({
        kind: 'abandoned',
        status: undefined,
        recording: undefined,
        findings: [
          {
            ...reachability(`the client closed the connection before the answer to ${label} was complete`),
            severity: 'warning',
          },
        ],
      });
    });
    if (bodiless) request.resume();
    send(true);
    // Counted as unreachable, with what the client got: a 502 if nothing was sent yet, else a cut answer.
    return () => {
      // An answer that has ended is being judged: it finishes by itself, in a moment.
      if (judging) return;
      upstream?.destroy();
      unreachable(`no complete answer within the ${graceMs} ms the proxy waits when it stops`);
    };

    function pass(answer: http.IncomingMessage): void {
      const status = answer.statusCode ?? 0;
      response.writeHead(status, answer.statusMessage, passedHeaders(answer.rawHeaders));
      const chunks: Buffer[] = [];
      let size = 0;
      answer.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_JUDGED_BODY_BYTES) chunks.push(chunk);
        else chunks.length = 0;
      });
      answer.pipe(response);
      answer.on('aborted', () => unreachable(`the answer was cut off after ${size} bytes`));
      answer.on('error', () => unreachable(`the answer was cut off after ${size} bytes`));
      answer.on('close', () => {
        if (!answer.complete) unreachable(`the answer was cut off after ${size} bytes`);
      });
      answer.on('end', () => {
        if (!answer.complete) return unreachable(`the answer was cut off after ${size} bytes`);
        judging = true;
        const elapsedMs = performance.now() - started;
        // `pipe` has ended the client's response by now: judging costs the client nothing.
        setImmediate(() => {
          const headers = flatHeaders(answer.headers);
          const judged = judgeResponse(
            validator,
            {
              method,
              path: url,
              status,
              headers,
              body: size <= MAX_JUDGED_BODY_BYTES ? Buffer.concat(chunks) : undefined,
            },
            { strict, redact },
          );
          finish(
            {
              kind: 'answered',
              status,
              findings: judged.findings,
              recording: options.record
                ? toRecording({ method, path: url }, { status, headers, body: judged.body }, redact)
                : undefined,
            },
            elapsedMs,
          );
        });
      });
    }
  }

  return {
    server,
    async settle() {
      const deadline = performance.now() + graceMs;
      while (inFlight.size > 0 && performance.now() < deadline) {
        await Promise.race([
          Promise.all(inFlight.keys()),
          new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - performance.now())).unref()),
        ]);
      }
      // What is still in flight is cut and counted now, before the tally: events after it would be lost.
      for (const cut of [...inFlight.values()]) cut();
      await Promise.all(inFlight.keys());
      // One turn for the 502s just written to leave before their connections are closed.
      await new Promise((resolve) => setImmediate(resolve));
      agent.destroy();
    },
    tally: () => ({ ...counts, outcome: outcomeOf(counts) }),
  };
}

function outcomeOf(counts: { violations: number; unreachable: number }): ProxyOutcome {
  if (counts.violations > 0) return 'violation';
  return counts.unreachable > 0 ? 'unreachable' : 'passed';
}

function reachability(message: string): Finding {
  return {
    rule: 'provider_reachable',
    severity: 'error',
    pointer: '',
    keyword: 'request',
    message,
    spec: undefined,
  };
}
