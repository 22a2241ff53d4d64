import type { IncomingMessage, ServerResponse } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { DEFAULT_PACT_DIR, pactFileName } from './pactFile';
import { ACTIVITY_LOG_ID_PARAM, PACT_PROVIDER, PROVIDER_STATES, type ProviderState } from './providerStates';

/** Where the Pact Verifier publishes results: a broker and what to record the provider as. */
export interface VerificationPublishing {
  readonly brokerBaseUrl: string;
  readonly token?: string;
  readonly username?: string;
  readonly password?: string;
  readonly providerVersion: string;
  readonly providerBranch?: string;
}

export interface VerifyProviderOptions {
  /** The provider under test, e.g. `https://sandbox.sequencehq.com` or a local server. */
  readonly providerBaseUrl: string;
  /** Pact files to verify; default: the committed `pacts/<consumer>-<provider>.json`. Ignored when publishing. */
  readonly pactFiles?: readonly string[];
  /** The real activity-log id each provider state stands for; `default` covers states not listed. */
  readonly activityLogIds: Partial<Record<ProviderState | 'default', string>>;
  /** Real credentials, added to every request except those of the refused-credentials state. */
  readonly credentials?: { readonly clientId: string; readonly clientSecret: string };
  /** Fetch pacts from a broker and publish the results there, instead of verifying local files. */
  readonly publish?: VerificationPublishing;
  /** Milliseconds the verifier waits for each provider response. */
  readonly timeoutMs?: number;
}

/** One interaction the provider broke, with each mismatch the verifier reported (path, expected, actual). */
export interface VerificationFailure {
  readonly interaction: string;
  readonly mismatches: readonly string[];
}

export interface VerificationResult {
  readonly passed: boolean;
  readonly failures: readonly VerificationFailure[];
  /** Set when the provider did not accept a connection at all; nothing was verified. */
  readonly unreachable?: string;
}

type RequestFilter = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

/**
 * Runs the Pact Verifier (the native Pact core) against a provider: each provider state is mapped to a
 * real id (returned for the pact's `fromProviderState` path), and a request filter adds real credentials.
 * A failed verification is a result, not a throw; misuse (no ids, no pacts) throws.
 *
 * @example await verifyProvider({ providerBaseUrl, activityLogIds: { default: 'log_123' }, credentials })
 */
export async function verifyProvider(options: VerifyProviderOptions): Promise<VerificationResult> {
  // The Pact core reports usage to the internet unless told not to; the caller may opt in explicitly.
  process.env['PACT_DO_NOT_TRACK'] ??= 'true';
  process.env['SCARF_ANALYTICS'] ??= 'false';
  const verifier = new Verifier(verifierOptions(options));
  // pact-js's proxy lets a refused connection escape as an uncaught error, so the provider is probed first.
  const unreachable = await probe(options.providerBaseUrl, options.timeoutMs ?? 10_000);
  if (unreachable) return { passed: false, failures: [], unreachable };
  try {
    await verifier.verifyProvider();
    return { passed: true, failures: [] };
  } catch (error) {
    const failures = parseVerifierFailures((error as Error).message);
    if (failures === undefined) throw error;
    return { passed: false, failures };
  }
}

/** The options handed to pact-js's `Verifier`; exposed so the mapping can be checked without a provider. */
export function verifierOptions(options: VerifyProviderOptions): VerifierOptions {
  let authorize = true;
  const idFor = (state: ProviderState): string => {
    const id = options.activityLogIds[state] ?? options.activityLogIds.default;
    if (id === undefined) throw new Error(`no activity-log id for provider state '${state}'`);
    return id;
  };
  for (const state of Object.values(PROVIDER_STATES)) idFor(state);

  const stateHandlers = Object.fromEntries(
    Object.values(PROVIDER_STATES).map((state) => [
      state,
      async () => {
        // The refused-credentials interaction must reach the provider with the pact's own (invalid) header.
        authorize = state !== PROVIDER_STATES.invalidCredentials;
        return { [ACTIVITY_LOG_ID_PARAM]: idFor(state) };
      },
    ]),
  );
  const { credentials } = options;
  const requestFilter: RequestFilter = (request, _response, next) => {
    if (authorize && credentials) {
      const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
      request.headers['authorization'] = `Basic ${basic}`;
    }
    next();
  };

  const common = {
    provider: PACT_PROVIDER,
    providerBaseUrl: options.providerBaseUrl,
    stateHandlers,
    requestFilter: requestFilter as unknown as VerifierOptions['requestFilter'],
    logLevel: 'error' as const,
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
  };
  const { publish } = options;
  if (!publish) {
    return {
      ...common,
      pactUrls: [...(options.pactFiles ?? [path.join(DEFAULT_PACT_DIR, pactFileName())])],
    };
  }
  return {
    ...common,
    pactBrokerUrl: publish.brokerBaseUrl,
    ...(publish.token === undefined ? {} : { pactBrokerToken: publish.token }),
    ...(publish.username === undefined ? {} : { pactBrokerUsername: publish.username }),
    ...(publish.password === undefined ? {} : { pactBrokerPassword: publish.password }),
    consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
    publishVerificationResult: true,
    providerVersion: publish.providerVersion,
    ...(publish.providerBranch === undefined ? {} : { providerVersionBranch: publish.providerBranch }),
  };
}

/** `undefined` when a TCP connection to the URL's host and port opens, else why not. */
function probe(url: string, timeoutMs: number): Promise<string | undefined> {
  const { hostname, port, protocol } = new URL(url);
  const target = {
    host: hostname.replace(/^\[|\]$/g, ''),
    port: Number(port || (protocol === 'https:' ? 443 : 80)),
  };
  return new Promise((resolve) => {
    const socket = connect(target);
    socket.setTimeout(timeoutMs);
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(`no connection to ${target.host}:${target.port} within ${timeoutMs} ms`);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.destroy();
      resolve(`cannot connect to ${target.host}:${target.port} (${error.code ?? error.message})`);
    });
  });
}

/**
 * The verifier rejects with its JSON report as the message; this turns it into failures, or `undefined`
 * when the message is not such a report (the verifier could not run at all).
 */
export function parseVerifierFailures(message: string): VerificationFailure[] | undefined {
  let report: unknown;
  try {
    report = JSON.parse(message);
  } catch {
    return undefined;
  }
  const errors = (report as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return undefined;
  return errors.map((entry) => {
    const { interaction, mismatch } = entry as { interaction?: unknown; mismatch?: Record<string, unknown> };
    const list = Array.isArray(mismatch?.['mismatches']) ? (mismatch['mismatches'] as unknown[]) : [];
    const mismatches = list.map(describeMismatch);
    if (mismatches.length === 0 && mismatch)
      mismatches.push(String(mismatch['message'] ?? JSON.stringify(mismatch)));
    return { interaction: String(interaction ?? 'unknown interaction'), mismatches };
  });
}

function describeMismatch(raw: unknown): string {
  const m = raw as Record<string, unknown>;
  const where = m['path'] ?? m['key'] ?? m['parameter'];
  const detail =
    m['mismatch'] ?? `expected ${JSON.stringify(m['expected'])}, got ${JSON.stringify(m['actual'])}`;
  return `${String(m['type'] ?? 'Mismatch')}${where === undefined ? '' : ` at ${String(where)}`}: ${String(detail)}`;
}
