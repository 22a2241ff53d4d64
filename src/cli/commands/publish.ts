import { existsSync } from 'node:fs';
import path from 'node:path';
import { publishPacts } from '../../pact/pactBrokerCli';
import { DEFAULT_PACT_DIR } from '../../pact/pactFile';
import { parseCommandArgs } from '../args';
import { brokerFromEnv } from '../brokerFromEnv';
import { showBrokerRetries, shownBrokerUrl } from '../brokerWait';
import { type Command, ExitCode, UsageError } from '../command';
import { gitBranch, gitCommit } from '../git';

export const publish: Command = {
  name: 'publish',
  help: `Usage: activity-log-contract publish [<pact dir or file> …] [options]

Runs the official Pact CLI: pact broker publish <pacts> --consumer-app-version <commit> --branch <branch>.
Default pacts: ./pacts if present, else the bundled ones.

Options:
  --consumer-app-version <v>  version to publish as (default: $GITHUB_SHA, $CI_COMMIT_SHA, else git rev-parse HEAD)
  --branch <b>                branch (default: $GITHUB_HEAD_REF, $GITHUB_REF_NAME, $CI_COMMIT_REF_NAME, else git)
  --build-url <url>           link to the CI build
  --retries <n>               retries while the broker accepts no connection, 0.5 s doubling (default 7:
                              63.5 s), each shown on stderr; then the Pact CLI's HTTP retries (default: its own)
  -h, --help                  this help

Environment (never passed as flags, never printed):
  PACT_BROKER_BASE_URL                        the broker, e.g. https://your-team.pactflow.io
  PACT_BROKER_TOKEN                           a bearer token, or
  PACT_BROKER_USERNAME, PACT_BROKER_PASSWORD  basic auth

Exit codes: 0 published, 2 a usage or configuration error, 3 the broker refused or could not be reached.`,

  async run(args, context) {
    const { values, positionals } = parseCommandArgs(args, {
      'consumer-app-version': { type: 'string' },
      branch: { type: 'string' },
      'build-url': { type: 'string' },
      retries: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      context.stdout.write(`${this.help}\n`);
      return ExitCode.ok;
    }
    const broker = brokerFromEnv('publish', context.env);
    const local = path.resolve(context.cwd, 'pacts');
    const pacts =
      positionals.length > 0
        ? positionals.map((p) => path.resolve(context.cwd, p))
        : [existsSync(local) ? local : DEFAULT_PACT_DIR];
    for (const p of pacts) if (!existsSync(p)) throw new UsageError(`${p}: no such file or directory`);
    const consumerVersion = values['consumer-app-version'] ?? gitCommit(context.cwd, context.env);
    if (!consumerVersion)
      throw new UsageError('no consumer version: pass --consumer-app-version (no git commit found)');
    const branch = values.branch ?? gitBranch(context.cwd, context.env);
    if (!branch) throw new UsageError('no branch: pass --branch (git is on a detached HEAD or absent)');

    const retries = values.retries === undefined ? undefined : Number(values.retries);
    if (retries !== undefined && !(Number.isInteger(retries) && retries >= 0)) {
      throw new UsageError(`--retries must be a whole number, got '${values.retries}'`);
    }
    const run = await publishPacts({
      ...(retries === undefined ? {} : { retries }),
      broker,
      pacts,
      consumerVersion,
      branch,
      ...(values['build-url'] ? { buildUrl: values['build-url'] } : {}),
      cwd: context.cwd,
      env: context.env,
      onBrokerRetry: showBrokerRetries(context.stderr),
    });
    if (run.brokerUnreachable !== undefined) {
      context.stderr.write(
        `✖ the broker at ${shownBrokerUrl(broker.baseUrl)} could not be reached (${run.brokerUnreachable}): nothing was published\n`,
      );
      return ExitCode.unreachable;
    }
    context.stdout.write(run.stdout);
    context.stderr.write(run.stderr);
    if (run.code === 0) {
      context.stdout.write(`✔ published as ${consumerVersion} on branch ${branch} to ${broker.baseUrl}\n`);
      return ExitCode.ok;
    }
    context.stderr.write(`✖ publishing failed: \`${run.command}\` exited ${run.code}\n`);
    return ExitCode.unreachable;
  },
};
