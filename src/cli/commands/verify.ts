import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRedactor } from '../../live';
import { BrokerConfigError } from '../../pact/BrokerConfigError';
import { brokerConfigFromEnv } from '../../pact/pactBrokerCli';
import { DEFAULT_PACT_DIR, pactFileName } from '../../pact/pactFile';
import { PROVIDER_STATES, type ProviderState } from '../../pact/providerStates';
import type { VerificationResult, VerifyProviderOptions } from '../../pact/verifyProvider';
import { parseCommandArgs } from '../args';
import { type Command, type CommandContext, ExitCode, UsageError } from '../command';
import { gitBranch, gitCommit } from '../git';
import { REDACTED_CHILD_ENV, runRedactedChild } from '../redactedChild';

export const ID_ENV = 'ACTIVITY_LOG_ID';
export const CLIENT_ID_ENV = 'SEQUENCE_CLIENT_ID';
export const CLIENT_SECRET_ENV = 'SEQUENCE_CLIENT_SECRET';

export const verify: Command = {
  name: 'verify',
  summary: 'verify a provider (the sandbox, or any base URL) against the pact, with the Pact Verifier',
  help: `Usage: activity-log-contract verify --provider-base-url <url> [options]

Runs the Pact Verifier (the native Pact core) on the pact: each provider state is mapped to a real
activity-log id, and real credentials are added to every request except the one that must be refused.

Options:
  --provider-base-url <url>  the provider to verify, e.g. https://sandbox.sequencehq.com (required)
  --pact <file>              pact file to verify (repeatable; default: ./pacts/${pactFileName()} if present,
                             else the bundled one)
  --provider-states <file>   JSON object: provider state → activity-log id, e.g.
                             {"${PROVIDER_STATES.fullActivityLog}": "log_123"}
  --publish                  fetch the pacts from the broker and publish the results there
                             (needs PACT_BROKER_BASE_URL and PACT_BROKER_TOKEN, or username/password)
  --provider-version <v>     version to publish results as (default: the git commit)
  --provider-branch <b>      branch to publish results for (default: the git branch)
  --timeout <ms>             per-request timeout of the verifier
  -h, --help                 this help

Environment:
  ${ID_ENV}            the id used for every provider state not in --provider-states
  ${CLIENT_ID_ENV}, ${CLIENT_SECRET_ENV}   real credentials (sent as Authorization: Basic …)

The verifier prints its own report; a summary naming each failed interaction and field follows.
Exit codes: 0 verified, 1 the provider broke the pact, 2 a usage or configuration error,
3 the provider could not be reached.`,

  async run(args, context) {
    const { values, positionals } = parseCommandArgs(args, {
      'provider-base-url': { type: 'string' },
      pact: { type: 'string', multiple: true },
      'provider-states': { type: 'string' },
      publish: { type: 'boolean', default: false },
      'provider-version': { type: 'string' },
      'provider-branch': { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      context.stdout.write(`${this.help}\n`);
      return ExitCode.ok;
    }
    if (positionals.length > 0) throw new UsageError(`verify takes no arguments, got '${positionals[0]}'`);
    const providerBaseUrl = values['provider-base-url'];
    if (!providerBaseUrl) throw new UsageError('verify needs --provider-base-url <url>');
    if (!/^https?:\/\/\S+$/i.test(providerBaseUrl)) {
      throw new UsageError(`--provider-base-url must be an http(s) URL, got '${providerBaseUrl}'`);
    }
    const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
      throw new UsageError(
        `--timeout must be a positive whole number of milliseconds, got '${values.timeout}'`,
      );
    }
    const activityLogIds = readIds(context, values['provider-states']);
    const clientId = context.env[CLIENT_ID_ENV];
    const clientSecret = context.env[CLIENT_SECRET_ENV];
    if (Boolean(clientId) !== Boolean(clientSecret)) {
      throw new UsageError(`set both ${CLIENT_ID_ENV} and ${CLIENT_SECRET_ENV}, or neither`);
    }
    const pactFiles = (values.pact ?? [defaultPact(context)]).map((file) => path.resolve(context.cwd, file));
    for (const file of pactFiles) if (!existsSync(file)) throw new UsageError(`--pact ${file}: no such file`);

    let publish: VerifyProviderOptions['publish'];
    if (values.publish) {
      let broker: ReturnType<typeof brokerConfigFromEnv>;
      try {
        broker = brokerConfigFromEnv(context.env);
      } catch (error) {
        if (error instanceof BrokerConfigError) throw new UsageError(`--publish: ${error.message}`);
        throw error;
      }
      const providerVersion = values['provider-version'] ?? gitCommit(context.cwd, context.env);
      if (!providerVersion) throw new UsageError('--publish needs --provider-version (no git commit found)');
      const providerBranch = values['provider-branch'] ?? gitBranch(context.cwd, context.env);
      publish = {
        brokerBaseUrl: broker.baseUrl,
        ...(broker.token ? { token: broker.token } : {}),
        ...(broker.username ? { username: broker.username } : {}),
        ...(broker.password ? { password: broker.password } : {}),
        providerVersion,
        ...(providerBranch ? { providerBranch } : {}),
      };
    }

    const redact =
      clientId && clientSecret ? createRedactor({ clientId, clientSecret }) : (text: string) => text;
    if (clientId && clientSecret && context.env[REDACTED_CHILD_ENV] !== '1') {
      // The native verifier prints its report straight to stdout, quoting what the provider sent: when the
      // provider echoes credentials, only a child process whose output we read can keep them off the screen.
      return runRedactedChild(['verify', ...args], context, redact);
    }

    // Loaded only here: the Pact core is a native library that other commands need not pay for.
    const { verifyProvider } = await import('../../pact/verifyProvider');
    let result: VerificationResult;
    try {
      result = await verifyProvider({
        providerBaseUrl,
        pactFiles,
        activityLogIds,
        ...(clientId && clientSecret ? { credentials: { clientId, clientSecret } } : {}),
        ...(publish ? { publish } : {}),
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
      });
    } catch (error) {
      if ((error as Error).message.startsWith('no activity-log id')) {
        throw new UsageError(
          `${(error as Error).message}: set ${ID_ENV} or map the state in --provider-states <file>`,
        );
      }
      throw error;
    }
    if (result.unreachable) {
      context.stdout.write(`✖ ${providerBaseUrl} could not be reached: ${result.unreachable}\n`);
      return ExitCode.unreachable;
    }
    if (result.passed) {
      context.stdout.write(`✔ ${providerBaseUrl} honours the pact (${pactFiles.length} pact file(s))\n`);
      return ExitCode.ok;
    }
    for (const failure of result.failures) {
      context.stdout.write(redact(`✖ ${failure.interaction}\n`));
      for (const mismatch of failure.mismatches) context.stdout.write(redact(`    ${mismatch}\n`));
    }
    context.stdout.write(`✖ ${providerBaseUrl} broke the pact in ${result.failures.length} interaction(s)\n`);
    return ExitCode.violation;
  },
};

function defaultPact(context: CommandContext): string {
  const local = path.resolve(context.cwd, 'pacts', pactFileName());
  return existsSync(local) ? local : path.join(DEFAULT_PACT_DIR, pactFileName());
}

function readIds(
  context: CommandContext,
  file: string | undefined,
): Partial<Record<ProviderState | 'default', string>> {
  const ids: Partial<Record<ProviderState | 'default', string>> = {};
  const fallback = context.env[ID_ENV];
  if (fallback) ids.default = fallback;
  if (file === undefined) return ids;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path.resolve(context.cwd, file), 'utf8'));
  } catch (error) {
    throw new UsageError(
      `--provider-states ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`--provider-states ${file}: expected a JSON object of provider state → id`);
  }
  const known = new Set<string>(Object.values(PROVIDER_STATES));
  for (const [state, id] of Object.entries(parsed)) {
    if (!known.has(state) && state !== 'default') {
      throw new UsageError(
        `--provider-states ${file}: unknown provider state '${state}' (known: ${[...known].map((s) => `'${s}'`).join(', ')})`,
      );
    }
    if (typeof id !== 'string' || id === '') {
      throw new UsageError(`--provider-states ${file}: the id for '${state}' must be a non-empty string`);
    }
    ids[state as ProviderState] = id;
  }
  return ids;
}
