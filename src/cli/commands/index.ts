import type { Command } from '../command';

/**
 * A command as the top-level `--help` lists it. Its module, and what that imports (Pact, fast-check, the
 * spec compiler), loads only when the command runs: `validate` need not pay for Pact's start-up.
 */
export interface CommandEntry {
  readonly name: string;
  /** One line for the top-level `--help`. */
  readonly summary: string;
  load(): Command;
}

/** Every `activity-log-contract <command>` and its summary, in the order `--help` lists them. */
const SUMMARIES: readonly (readonly [string, string])[] = [
  ['check', 'the main job: lint the spec, check its examples and the contracts/ folder'],
  ['validate', 'validate recorded responses (JSON, NDJSON, stdin) against the spec'],
  ['live', 'call the sandbox (or any base URL) and check every answer against the spec'],
  ['verify', 'verify a provider (the sandbox, or any base URL) against the pact, with the Pact Verifier'],
  ['publish', 'publish the pacts to a Pact Broker with the official Pact CLI'],
  ['can-i-deploy', 'ask the Pact Broker whether this version is safe to deploy (official Pact CLI)'],
  ['generate', 'write random valid or invalid activity logs as NDJSON, for parsers in any language'],
  ['mock', 'serve every operation of the spec on a port, with faults on request (for consumer tests)'],
  ['proxy', 'stand between your service and the sandbox; check every answer it gets against the spec'],
  ['diff', 'what a new version of the spec breaks for consumers, proven on their contracts and pacts'],
];

/** `can-i-deploy` is exported as `canIDeploy` by `./canIDeploy`. */
const moduleName = (command: string): string => command.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

export const commands: readonly CommandEntry[] = SUMMARIES.map(([name, summary]) => ({
  name,
  summary,
  load: () => (require(`./${moduleName(name)}`) as Record<string, Command>)[moduleName(name)] as Command,
}));
