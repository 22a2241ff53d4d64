import { defaultOperation, operationParameters, type Spec } from '../spec';
import { createValidator, type SpecValidator } from '../validation';
import { type Clock, systemClock } from './Clock';
import { type CheckContext, checkExchange } from './checks';
import type { LiveExchange, LiveFinding, LiveOutcome, LiveReport } from './LiveReport';
import { buildProbes, versionHeader } from './probes';
import { RequestScheduler } from './RequestScheduler';
import { toRecording } from './recording';
import { type Credentials, createRedactor } from './redact';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import { sendWithRetries } from './sendWithRetries';
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
  const probes = buildProbes({
    operation,
    parameters,
    version,
    baseUrl: options.baseUrl,
    ids: options.ids,
    credentials,
    redact,
    withProbes: options.probes !== false,
  });
  const context: CheckContext = {
    spec,
    operation,
    validator,
    version,
    redact,
    maxResponseMs,
    strict: options.strict === true,
  };
  const deps = { transport, scheduler, clock, policy, timeoutMs };
  const results = await Promise.all(
    probes.map(async (p) => ({ probe: p, attempted: await sendWithRetries(p, deps) })),
  );

  const findings: LiveFinding[] = [];
  const exchanges: LiveExchange[] = [];
  let violation = false;
  let unreachable = false;
  let credentialsRejected = false;
  for (const { probe: p, attempted } of results) {
    const found = checkExchange(context, p, attempted);
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
}

function parsedBody(response: WireResponse): unknown {
  if (response.body === '') return undefined;
  try {
    return JSON.parse(response.body);
  } catch {
    return response.body;
  }
}
