import { canIDeploy as askBroker } from '../../pact/pactBrokerCli';
import { PACT_CONSUMER } from '../../pact/providerStates';
import { parseCommandArgs } from '../args';
import { brokerFromEnv } from '../brokerFromEnv';
import { showBrokerRetries, shownBrokerUrl } from '../brokerWait';
import { type Command, ExitCode, UsageError } from '../command';
import { gitCommit } from '../git';

export const canIDeploy: Command = {
  name: 'can-i-deploy',
  help: `Usage: activity-log-contract can-i-deploy [options]

Runs the official Pact CLI: pact broker can-i-deploy --pacticipant <name> --version <v> --to-environment <env>.

Options:
  --pacticipant <name>        default: ${PACT_CONSUMER}
  --version <v>               default: $GITHUB_SHA, $CI_COMMIT_SHA, else git rev-parse HEAD
  --to-environment <env>      the environment to deploy to (e.g. production)
  --branch <b>                instead of an environment: compatible with the latest of this branch
  --retry-while-unknown <n>   ask again while results are unknown, or the broker accepts no connection, n times
  --retry-interval <s>        seconds between those retries (default 10)
  --retries <n>               HTTP retries against the broker; without --retry-while-unknown also the retries
                              while it accepts no connection, 0.5 s doubling (default 7: 63.5 s)
                              Each retry for an unreachable broker is shown on stderr.
  -h, --help                  this help

Environment: PACT_BROKER_BASE_URL and PACT_BROKER_TOKEN (or PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD).

Exit codes: 0 safe to deploy, 1 the broker says no, 2 a usage or configuration error,
3 the broker could not be reached or answered an error.`,

  async run(args, context) {
    const { values, positionals } = parseCommandArgs(args, {
      pacticipant: { type: 'string' },
      version: { type: 'string' },
      'to-environment': { type: 'string' },
      branch: { type: 'string' },
      'retry-while-unknown': { type: 'string' },
      'retry-interval': { type: 'string' },
      retries: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      context.stdout.write(`${this.help}\n`);
      return ExitCode.ok;
    }
    if (positionals.length > 0)
      throw new UsageError(`can-i-deploy takes no arguments, got '${positionals[0]}'`);
    const broker = brokerFromEnv('can-i-deploy', context.env);
    if (!values['to-environment'] && !values.branch) {
      throw new UsageError('can-i-deploy needs --to-environment <env> or --branch <branch>');
    }
    const version = values.version ?? gitCommit(context.cwd, context.env);
    if (!version) throw new UsageError('no version: pass --version (no git commit found)');
    const count = (name: 'retry-while-unknown' | 'retry-interval' | 'retries') => {
      const raw = values[name];
      if (raw === undefined) return undefined;
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0)
        throw new UsageError(`--${name} must be a whole number, got '${raw}'`);
      return n;
    };
    const retryWhileUnknown = count('retry-while-unknown');
    const retryInterval = count('retry-interval');
    const retries = count('retries');

    const run = await askBroker({
      broker,
      version,
      ...(values.pacticipant ? { pacticipant: values.pacticipant } : {}),
      ...(values['to-environment'] ? { toEnvironment: values['to-environment'] } : {}),
      ...(values.branch ? { branch: values.branch } : {}),
      ...(retryWhileUnknown === undefined ? {} : { retryWhileUnknown }),
      ...(retryInterval === undefined ? {} : { retryInterval }),
      ...(retries === undefined ? {} : { retries }),
      cwd: context.cwd,
      env: context.env,
      onBrokerRetry: showBrokerRetries(context.stderr),
    });
    if (run.brokerUnreachable !== undefined) {
      context.stderr.write(
        `✖ the broker at ${shownBrokerUrl(broker.baseUrl)} could not be reached (${run.brokerUnreachable}): no verdict\n`,
      );
      return ExitCode.unreachable;
    }
    context.stdout.write(run.stdout);
    context.stderr.write(run.stderr);
    if (run.code === 0) return ExitCode.ok;
    // The CLI exits 1 both for "no" and for trouble reaching the broker; its verdict line tells them apart.
    return /computer says no/i.test(run.stdout) ? ExitCode.violation : ExitCode.unreachable;
  },
};
