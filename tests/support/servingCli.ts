import { PassThrough, Readable } from 'node:stream';
import type { CommandContext } from '../../src/cli/command';
import { main } from '../../src/cli/main';

/** A serving command (`activity-log-contract mock …`, `proxy …`) running in-process: its URL, and how to stop it. */
export interface ServingCli {
  readonly url: string;
  /** Everything written so far. */
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Stops it as SIGINT would, and gives its exit code and output. */
  stop(): Promise<{ code: number; stdout: string; stderr: string }>;
}

/**
 * Starts a serving command (`['mock', '--port', '0']`) as the CLI runs it, reads the URL from the first
 * line of stdout (as a consumer's script does) and returns; fails when the command ends first or says
 * nothing within 10 s. `stop` aborts it as SIGINT would.
 */
export async function startServingCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = {},
  options: { readonly cwd?: string | undefined } = {},
): Promise<ServingCli> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const controller = new AbortController();
  const context: CommandContext = {
    stdout,
    stderr,
    stdin: Readable.from([]),
    env: { ...env },
    cwd: options.cwd ?? process.cwd(),
    signal: controller.signal,
  };
  let ended: number | undefined;
  const run = main(argv, context).then((code) => {
    ended = code;
    return code;
  });
  for (let waited = 0; !out.includes('\n'); waited += 10) {
    if (ended !== undefined) throw new Error(`${argv[0]} ended with ${ended} before listening: ${err}`);
    if (waited > 10_000) throw new Error(`${argv[0]} said nothing within 10 s: ${err}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const first = out.split('\n')[0] ?? '';
  const url = /^listening on (http:\/\/\S+)$/.exec(first)?.[1];
  if (url === undefined) throw new Error(`unexpected first line: ${first}`);
  return {
    url,
    stdout: () => out,
    stderr: () => err,
    async stop() {
      controller.abort('SIGINT');
      const code = await run;
      return { code, stdout: out, stderr: err };
    },
  };
}

/**
 * Resolves once `condition` holds, checking every 10 ms; fails after `ms` (default 10 s, as long as a
 * loaded machine may need) naming what it waited for. Tests wait for a state, never for a guessed time.
 */
export async function waitFor(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > ms) throw new Error(`waited ${ms / 1000} s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
