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

/** Every `activity-log-contract <command>`, in the order `--help` lists them. */
export const commands: readonly CommandEntry[] = [
  {
    name: 'check',
    summary: 'the main job: lint the spec, check its examples and the contracts/ folder',
    load: () => (require('./check') as typeof import('./check')).check,
  },
  {
    name: 'validate',
    summary: 'validate recorded responses (JSON, NDJSON, stdin) against the spec',
    load: () => (require('./validate') as typeof import('./validate')).validate,
  },
  {
    name: 'live',
    summary: 'call the sandbox (or any base URL) and check every answer against the spec',
    load: () => (require('./live') as typeof import('./live')).live,
  },
  {
    name: 'verify',
    summary: 'verify a provider (the sandbox, or any base URL) against the pact, with the Pact Verifier',
    load: () => (require('./verify') as typeof import('./verify')).verify,
  },
  {
    name: 'publish',
    summary: 'publish the pacts to a Pact Broker with the official Pact CLI',
    load: () => (require('./publish') as typeof import('./publish')).publish,
  },
  {
    name: 'can-i-deploy',
    summary: 'ask the Pact Broker whether this version is safe to deploy (official Pact CLI)',
    load: () => (require('./canIDeploy') as typeof import('./canIDeploy')).canIDeploy,
  },
  {
    name: 'generate',
    summary: 'write random valid or invalid activity logs as NDJSON, for parsers in any language',
    load: () => (require('./generate') as typeof import('./generate')).generate,
  },
  {
    name: 'mock',
    summary: 'serve every operation of the spec on a port, with faults on request (for consumer tests)',
    load: () => (require('./mock') as typeof import('./mock')).mock,
  },
  {
    name: 'proxy',
    summary: 'stand between your service and the sandbox; check every answer it gets against the spec',
    load: () => (require('./proxy') as typeof import('./proxy')).proxy,
  },
  {
    name: 'diff',
    summary: 'what a new version of the spec breaks for consumers, proven on their contracts and pacts',
    load: () => (require('./diff') as typeof import('./diff')).diff,
  },
];
