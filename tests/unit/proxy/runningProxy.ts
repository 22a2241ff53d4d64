import { type ServingCli, startServingCli } from '../../support/servingCli';

/**
 * Starts `activity-log-contract proxy <args>` in-process with a stop signal of the test's own, and
 * resolves once its first line said where it listens. (Usage errors end the command by themselves:
 * those tests use runCli.)
 */
export function startProxyCommand(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<ServingCli> {
  return startServingCli(['proxy', ...args], options.env, { cwd: options.cwd });
}
