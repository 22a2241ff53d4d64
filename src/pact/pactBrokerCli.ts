import { spawn } from 'node:child_process';
import { basicToken, findShortSecret, secretsRedactor } from '../live/redact';
import { BrokerConfigError } from './BrokerConfigError';
import { PACT_CONSUMER } from './providerStates';
import {
  type BrokerRetry,
  brokerRetryDelays,
  DEFAULT_BROKER_RETRIES,
  proxyConfigured,
  waitForBroker,
} from './waitForBroker';

/** How to reach a Pact Broker; read from the environment by `brokerConfigFromEnv`, never from flags. */
export interface BrokerConfig {
  readonly baseUrl: string;
  readonly token?: string;
  readonly username?: string;
  readonly password?: string;
}

/** What a run of the official Pact CLI printed and how it exited. Secrets are masked in both streams. */
export interface PactCliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The command line, without secrets (they travel in the environment, never as arguments). */
  readonly command: string;
  /** Set when the broker never accepted a connection, after the retries; the Pact CLI was not run. */
  readonly brokerUnreachable?: string;
}

export const BROKER_ENV = {
  baseUrl: 'PACT_BROKER_BASE_URL',
  token: 'PACT_BROKER_TOKEN',
  username: 'PACT_BROKER_USERNAME',
  password: 'PACT_BROKER_PASSWORD',
} as const;

/**
 * The broker settings from `PACT_BROKER_BASE_URL` and `PACT_BROKER_TOKEN` (or `PACT_BROKER_USERNAME` and
 * `PACT_BROKER_PASSWORD`). Throws a `BrokerConfigError` naming what is missing; never echoes a secret.
 */
export function brokerConfigFromEnv(env: NodeJS.ProcessEnv): BrokerConfig {
  const baseUrl = env[BROKER_ENV.baseUrl];
  const token = env[BROKER_ENV.token] || undefined;
  const username = env[BROKER_ENV.username] || undefined;
  const password = env[BROKER_ENV.password] || undefined;
  if (!baseUrl) {
    throw new BrokerConfigError(
      `${BROKER_ENV.baseUrl} is not set: export the broker's URL, e.g. ${BROKER_ENV.baseUrl}=https://your-team.pactflow.io`,
    );
  }
  if (!/^https?:\/\/[^\s]+$/i.test(baseUrl)) {
    throw new BrokerConfigError(`${BROKER_ENV.baseUrl} must be an http(s) URL, got '${baseUrl}'`);
  }
  if (!token && !(username && password)) {
    const half = username ? BROKER_ENV.password : password ? BROKER_ENV.username : undefined;
    throw new BrokerConfigError(
      half
        ? `${half} is not set: basic auth needs both ${BROKER_ENV.username} and ${BROKER_ENV.password}`
        : `no broker credentials: set ${BROKER_ENV.token}, or ${BROKER_ENV.username} and ${BROKER_ENV.password}`,
    );
  }
  // Output is scrubbed of the secret in use; one too short to scrub without garbling is refused.
  const short = findShortSecret(token ? { [BROKER_ENV.token]: token } : { [BROKER_ENV.password]: password });
  if (short) throw new BrokerConfigError(short.message);
  return {
    baseUrl,
    ...(token ? { token } : {}),
    ...(token ? {} : { username: username as string, password: password as string }),
  };
}

/** What every call of the Pact CLI takes: the broker, and how to run the CLI. */
export interface PactCliCallOptions {
  readonly broker: BrokerConfig;
  /** HTTP retries against the broker (the CLI's default when left out). */
  readonly retries?: number;
  /** Kill the CLI after this many milliseconds; default 5 minutes. */
  readonly timeoutMs?: number;
  readonly cwd?: string;
  /** Extra environment for the CLI (PATH, proxies); the broker settings are added from `broker`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Told before each wait for a broker that does not accept connections (the CLI prints it). */
  readonly onBrokerRetry?: (retry: BrokerRetry) => void;
  /** How to wait between those retries; tests pass one that returns at once. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface PublishPactsOptions extends PactCliCallOptions {
  /** Folders or globs of pact files, e.g. `pacts/`. */
  readonly pacts: readonly string[];
  readonly consumerVersion: string;
  readonly branch: string;
  readonly buildUrl?: string;
}

/**
 * Runs `pact broker publish <pacts> --consumer-app-version <version> --branch <branch>` with the official
 * Pact CLI (`@pact-foundation/pact-cli`'s native binary); the broker credentials go in its environment.
 *
 * @example await publishPacts({ broker: brokerConfigFromEnv(process.env), pacts: ['pacts'], consumerVersion: sha, branch })
 */
export function publishPacts(options: PublishPactsOptions): Promise<PactCliRun> {
  const args = [
    'broker',
    'publish',
    ...options.pacts,
    '--consumer-app-version',
    options.consumerVersion,
    '--branch',
    options.branch,
    ...(options.buildUrl ? ['--build-url', options.buildUrl] : []),
    ...retries(options.retries),
  ];
  return whenBrokerAnswers(args, options, brokerRetryDelays(options.retries ?? DEFAULT_BROKER_RETRIES));
}

export interface CanIDeployOptions extends PactCliCallOptions {
  readonly pacticipant?: string;
  readonly version: string;
  /** The environment to deploy to (`production`); or leave it out and give `branch`. */
  readonly toEnvironment?: string;
  readonly branch?: string;
  /** Ask the broker again while results are still unknown: how many times, and seconds between. */
  readonly retryWhileUnknown?: number;
  readonly retryInterval?: number;
}

/** Runs `pact broker can-i-deploy`; exit code 0 means the broker says yes. */
export function canIDeploy(options: CanIDeployOptions): Promise<PactCliRun> {
  const args = [
    'broker',
    'can-i-deploy',
    '--pacticipant',
    options.pacticipant ?? PACT_CONSUMER,
    '--version',
    options.version,
    ...(options.toEnvironment ? ['--to-environment', options.toEnvironment] : []),
    ...(options.branch ? ['--branch', options.branch] : []),
    ...(options.retryWhileUnknown === undefined
      ? []
      : ['--retry-while-unknown', String(options.retryWhileUnknown)]),
    ...(options.retryInterval === undefined ? [] : ['--retry-interval', String(options.retryInterval)]),
    ...retries(options.retries),
  ];
  // Waiting for results that are unknown and waiting for a broker that is down are one wait to a user.
  const delays =
    options.retryWhileUnknown === undefined
      ? brokerRetryDelays(options.retries ?? DEFAULT_BROKER_RETRIES)
      : brokerRetryDelays(options.retryWhileUnknown, options.retryInterval ?? 10);
  return whenBrokerAnswers(args, options, delays);
}

/** Runs the Pact CLI once the broker accepts a connection; its own retries would wait in silence. */
async function whenBrokerAnswers(
  args: readonly string[],
  options: PactCliCallOptions,
  delaysMs: readonly number[],
): Promise<PactCliRun> {
  if (!proxyConfigured(options.env ?? process.env)) {
    const brokerUnreachable = await waitForBroker(options.broker.baseUrl, {
      delaysMs,
      ...(options.onBrokerRetry ? { onRetry: options.onBrokerRetry } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    if (brokerUnreachable !== undefined)
      return { code: 1, stdout: '', stderr: '', command: `pact ${args.join(' ')}`, brokerUnreachable };
  }
  return runPactCli(args, options.broker, options);
}

function retries(count: number | undefined): string[] {
  return count === undefined ? [] : ['--retries', String(count)];
}

/** The path of the official Pact CLI's native binary, from its platform package. */
export function pactCliBinary(): string {
  try {
    const standalone = require('@pact-foundation/pact-cli/src/pact-standalone') as {
      standalone(): { pactFullPath: string };
    };
    return standalone.standalone().pactFullPath;
  } catch (error) {
    throw new BrokerConfigError(
      `the Pact CLI binary for ${process.platform}-${process.arch} is not installed (@pact-foundation/pact-cli ships it as an optional dependency): ${(error as Error).message}`,
    );
  }
}

function runPactCli(
  args: readonly string[],
  broker: BrokerConfig,
  options: Omit<PactCliCallOptions, 'broker' | 'retries'>,
): Promise<PactCliRun> {
  const timeoutMs = options.timeoutMs ?? 300_000;
  const binary = pactCliBinary();
  const mask = secretsRedactor({
    [BROKER_ENV.token]: broker.token,
    [BROKER_ENV.password]: broker.password,
    'broker basic auth':
      broker.username && broker.password ? basicToken(broker.username, broker.password) : undefined,
  });
  const env: NodeJS.ProcessEnv = {
    ...(options.env ?? process.env),
    // Pact's usage reporting is always off: nothing this suite runs may report to the internet.
    PACT_DO_NOT_TRACK: 'true',
    SCARF_ANALYTICS: 'false',
    [BROKER_ENV.baseUrl]: broker.baseUrl,
  };
  for (const name of [BROKER_ENV.token, BROKER_ENV.username, BROKER_ENV.password]) delete env[name];
  if (broker.token) env[BROKER_ENV.token] = broker.token;
  if (broker.username) env[BROKER_ENV.username] = broker.username;
  if (broker.password) env[BROKER_ENV.password] = broker.password;

  return new Promise((resolve, reject) => {
    const child = spawn(binary, [...args], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, timeoutMs);
    child.on('error', (error) =>
      reject(new BrokerConfigError(`cannot run the Pact CLI (${binary}): ${error.message}`)),
    );
    child.on('close', (code) => {
      clearTimeout(timer);
      const stderr = mask(Buffer.concat(err).toString('utf8'));
      resolve({
        code: code ?? 1,
        stdout: mask(Buffer.concat(out).toString('utf8')),
        stderr: timedOut ? `${stderr}the Pact CLI was stopped after ${timeoutMs} ms\n` : stderr,
        command: `pact ${args.join(' ')}`,
      });
    });
  });
}
