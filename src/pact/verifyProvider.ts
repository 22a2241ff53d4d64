import { fork } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { VerifierOptions } from '@pact-foundation/pact';
import { basicToken, createRedactor, type Redactor, redactLines, secretsRedactor } from '../live/redact';
import { connectionFailure } from './connectionFailure';
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
  /** Where the verifier's own report goes, every secret of these options redacted; default: this process's. */
  readonly output?: VerifierOutput;
}

/** The streams the verifier's report and logs are written to (a CLI's context, a test's sinks). */
export interface VerifierOutput {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
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
  /** Set when publishing and the broker did not accept a connection; nothing was verified. */
  readonly brokerUnreachable?: string;
}

type RequestFilter = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

/**
 * Runs the Pact Verifier (the native Pact core) against a provider: each provider state is mapped to a
 * real id (returned for the pact's `fromProviderState` path), and a request filter adds real credentials.
 * The verifier runs in a child process, so that its report (which quotes what the provider sent) reaches
 * `output` with the credentials and broker secrets redacted. A failed verification is a result, not a
 * throw; misuse (no ids, no pacts, a secret too short to redact) throws.
 *
 * @example await verifyProvider({ providerBaseUrl, activityLogIds: { default: 'log_123' }, credentials })
 */
export async function verifyProvider(options: VerifyProviderOptions): Promise<VerificationResult> {
  // Misuse (a provider state without an id) is refused here, before any process starts.
  verifierOptions(options);
  const redact = redactorFor(options);
  // pact-js's proxy lets a refused connection escape as an uncaught error, so the provider is probed first.
  const unreachable = await probe(options.providerBaseUrl, options.timeoutMs ?? 10_000);
  if (unreachable) return { passed: false, failures: [], unreachable };
  // Else the verifier reports a broker it cannot reach as a pact that failed to load, like a broken pact.
  const brokerUnreachable = options.publish && (await probe(options.publish.brokerBaseUrl, 10_000));
  if (brokerUnreachable) return { passed: false, failures: [], brokerUnreachable };
  const result = await runVerifierProcess(options, redact);
  return {
    passed: result.passed,
    failures: result.failures.map((failure) => ({
      interaction: redact(failure.interaction),
      mismatches: failure.mismatches.map(redact),
    })),
  };
}

/**
 * The environment of the verifier's process: the caller's, with Pact's usage reporting always off
 * (nothing this suite runs may report to the internet).
 */
function verifierEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, PACT_DO_NOT_TRACK: 'true', SCARF_ANALYTICS: 'false' };
}

/** What the verifier's process sends back: its result, or why it could not verify at all. @internal */
export type VerifierAnswer = { readonly result: VerificationResult } | { readonly error: string };

function redactorFor(options: VerifyProviderOptions): Redactor {
  const { credentials, publish } = options;
  const credentialsRedactor = credentials ? createRedactor(credentials) : (text: string) => text;
  const brokerRedactor = secretsRedactor({
    'publish.token': publish?.token,
    'publish.password': publish?.password,
    'publish.username:password':
      publish?.username && publish.password ? basicToken(publish.username, publish.password) : undefined,
  });
  return (text) => brokerRedactor(credentialsRedactor(text));
}

function runVerifierProcess(options: VerifyProviderOptions, redact: Redactor): Promise<VerificationResult> {
  const { output = process, ...data } = options;
  const extension = path.extname(__filename);
  // From the TypeScript sources (the test suite), the child needs a transpiler; from dist/ it does not.
  const runtime = extension === '.ts' ? ['-r', require.resolve('ts-node/register/transpile-only')] : [];
  const child = fork(path.join(__dirname, `verifierProcess${extension}`), [], {
    execArgv: runtime,
    env: verifierEnvironment(process.env),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const relayed = Promise.all([
    redactLines(child.stdout as NodeJS.ReadableStream, output.stdout, redact),
    redactLines(child.stderr as NodeJS.ReadableStream, output.stderr, redact),
  ]);
  let answer: VerifierAnswer | undefined;
  child.on('message', (message) => {
    answer = message as VerifierAnswer;
  });
  // Options (credentials included) travel over the IPC channel: never in argv or the environment.
  child.send(data);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      relayed.then(() => {
        if (answer === undefined) {
          reject(
            new Error(
              `the Pact Verifier's process ended (${signal ?? `exit code ${code}`}) without a result`,
            ),
          );
        } else if ('error' in answer) {
          reject(new Error(redact(answer.error)));
        } else {
          resolve(answer.result);
        }
      }, reject);
    });
  });
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

/** `undefined` when a TCP connection to the URL's host and port opens, else why not, in a sentence. */
async function probe(url: string, timeoutMs: number): Promise<string | undefined> {
  const failure = await connectionFailure(url, timeoutMs);
  if (!failure) return undefined;
  return failure.timedOut
    ? `no connection to ${failure.target} within ${timeoutMs} ms`
    : `cannot connect to ${failure.target} (${failure.reason})`;
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
