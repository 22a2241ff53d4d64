import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRedactor, isLoopback, LOOPBACK_ONLY_ENV, resolveServer, ServerChoiceError } from '../../live';
import { BrokerConfigError } from '../../pact/BrokerConfigError';
import { brokerConfigFromEnv } from '../../pact/pactBrokerCli';
import { DEFAULT_PACT_DIR, pactFileName } from '../../pact/pactFile';
import { PROVIDER_STATES, type ProviderState } from '../../pact/providerStates';
import type { VerificationResult, VerifyProviderOptions } from '../../pact/verifyProvider';
import { loadSpec } from '../../spec';
import { parseCommandArgs } from '../args';
import { shownBrokerUrl } from '../brokerWait';
import { type Command, type CommandContext, ExitCode, UsageError } from '../command';
import { gitBranch, gitCommit } from '../git';
import { secretFromEnv } from '../secretFromEnv';

export const ID_ENV = 'ACTIVITY_LOG_ID';
export const CLIENT_ID_ENV = 'SEQUENCE_CLIENT_ID';
export const CLIENT_SECRET_ENV = 'SEQUENCE_CLIENT_SECRET';

export const verify: Command = {
  name: 'verify',
  help: `Usage: activity-log-contract verify --provider-base-url <url> [options]

Runs the Pact Verifier (the native Pact core) on the pact: each provider state is mapped to a real
activity-log id, and real credentials are added to every request except the one that must be refused.

Options:
  --provider-base-url <url>  the provider to verify, e.g. https://sandbox.sequencehq.com (required)
  --allow-production         allow a provider on the spec's PRODUCTION host (refused otherwise)
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
  ${CLIENT_ID_ENV}, ${CLIENT_SECRET_ENV}   real credentials (sent as Authorization: Basic …);
                             required unless the provider is on 127.0.0.1 or localhost

The verifier prints its own report; a summary naming each failed interaction and field follows.
Exit codes: 0 verified, 1 the provider broke the pact, 2 a usage or configuration error (credentials
the provider refuses with 401 or 403 included), 3 the provider (or, with --publish, the broker) could
not be reached.`,

  async run(args, context) {
    const { values, positionals } = parseCommandArgs(args, {
      'provider-base-url': { type: 'string' },
      pact: { type: 'string', multiple: true },
      'provider-states': { type: 'string' },
      publish: { type: 'boolean', default: false },
      'provider-version': { type: 'string' },
      'provider-branch': { type: 'string' },
      'allow-production': { type: 'boolean', default: false },
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
    // The production guard of `live`, on the same terms: hosts compared, not spellings.
    try {
      resolveServer(loadSpec(), providerBaseUrl, values['allow-production']);
    } catch (error) {
      if (error instanceof ServerChoiceError)
        throw new UsageError(error.message.replace(/--server/g, '--provider-base-url'));
      throw error;
    }
    if (context.env[LOOPBACK_ONLY_ENV] === 'true' && !isLoopback(providerBaseUrl)) {
      throw new UsageError(
        `refusing ${providerBaseUrl}: ${LOOPBACK_ONLY_ENV}=true allows loopback hosts only`,
      );
    }
    const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
      throw new UsageError(
        `--timeout must be a positive whole number of milliseconds, got '${values.timeout}'`,
      );
    }
    const activityLogIds = readIds(context, values['provider-states']);
    const clientId = context.env[CLIENT_ID_ENV];
    const clientSecret = secretFromEnv(context.env, CLIENT_SECRET_ENV);
    if (Boolean(clientId) !== Boolean(clientSecret)) {
      throw new UsageError(`set both ${CLIENT_ID_ENV} and ${CLIENT_SECRET_ENV}, or neither`);
    }
    // As `live` does: a real provider needs real credentials. Only one on this machine (a stub you run) is
    // verified without them, with the pact's own example credentials.
    if (!(clientId && clientSecret) && !onThisMachine(providerBaseUrl)) {
      throw new UsageError(
        `set ${CLIENT_ID_ENV} and ${CLIENT_SECRET_ENV} (in CI: from the secret store); only a provider on 127.0.0.1 or localhost is verified without them`,
      );
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
        // The native verifier's report quotes what the provider sent; verifyProvider redacts it on the way.
        output: context,
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
    if (result.brokerUnreachable) {
      context.stdout.write(
        `✖ the broker at ${shownBrokerUrl(publish?.brokerBaseUrl ?? '')} could not be reached: ${result.brokerUnreachable}; nothing was verified or published\n`,
      );
      return ExitCode.unreachable;
    }
    if (result.passed) {
      context.stdout.write(`✔ ${providerBaseUrl} honours the pact (${pactFiles.length} pact file(s))\n`);
      return ExitCode.ok;
    }
    const refused = refusedStatus(result.failures);
    if (refused !== undefined) {
      // As `live` does: refused credentials are a configuration problem (exit 2), not a broken pact.
      const whose = clientId ? `${CLIENT_ID_ENV}/${CLIENT_SECRET_ENV}` : "the pact's example credentials";
      const fix = clientId ? 'check the credentials' : `set ${CLIENT_ID_ENV} and ${CLIENT_SECRET_ENV}`;
      context.stdout.write(`✖ ${providerBaseUrl} refused ${whose} with ${refused}: ${fix}\n`);
      return ExitCode.usage;
    }
    for (const failure of result.failures) {
      context.stdout.write(redact(`✖ ${failure.interaction}\n`));
      for (const mismatch of failure.mismatches) context.stdout.write(redact(`    ${mismatch}\n`));
    }
    context.stdout.write(`✖ ${providerBaseUrl} broke the pact in ${result.failures.length} interaction(s)\n`);
    return ExitCode.violation;
  },
};

function onThisMachine(url: string): boolean {
  try {
    return isLoopback(url);
  } catch {
    return false;
  }
}

/**
 * 401 or 403 when every failed interaction is one the provider refused with it where the pact expects
 * another status: the credentials, not the provider, are at fault. A failure of any other kind wins.
 */
function refusedStatus(failures: VerificationResult['failures']): number | undefined {
  let refused: number | undefined;
  for (const failure of failures) {
    const status = failure.mismatches
      .map((m) => /^StatusMismatch\b.*expected (\d{3}) but was (401|403)\b/.exec(m))
      .find((match) => match !== null && match[1] !== '401' && match[1] !== '403')?.[2];
    if (status === undefined) return undefined;
    refused ??= Number(status);
  }
  return refused;
}

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
