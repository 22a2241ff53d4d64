import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Redactor } from '../live';
import type { CommandContext } from './command';

/** Set in the environment of a command re-run by `runRedactedChild`, so that it runs in-process. */
export const REDACTED_CHILD_ENV = 'ACTIVITY_LOG_CONTRACT_REDACTED_CHILD';

/**
 * Runs this CLI again as a child process, with `args`, and passes its output through `redact` line by
 * line. For native code that prints straight to the process's stdout (the Pact verifier's report), where
 * a provider that echoes credentials would otherwise put them on the screen. Returns the exit code.
 */
export function runRedactedChild(
  args: readonly string[],
  context: CommandContext,
  redact: Redactor,
): Promise<number> {
  const extension = path.extname(__filename);
  const entry = path.resolve(__dirname, `main${extension}`);
  // From the TypeScript sources (the test suite), the child needs a transpiler; from dist/ it does not.
  const runtime = extension === '.ts' ? ['-r', require.resolve('ts-node/register/transpile-only')] : [];
  const child = spawn(process.execPath, [...runtime, entry, ...args], {
    cwd: context.cwd,
    env: { ...context.env, [REDACTED_CHILD_ENV]: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const relay = (from: NodeJS.ReadableStream, to: NodeJS.WritableStream) => {
    let pending = '';
    from.setEncoding('utf8');
    from.on('data', (chunk: string) => {
      pending += chunk;
      const end = pending.lastIndexOf('\n');
      if (end === -1) return;
      to.write(redact(pending.slice(0, end + 1)));
      pending = pending.slice(end + 1);
    });
    return new Promise<void>((resolve) =>
      from.on('end', () => {
        if (pending) to.write(redact(pending));
        resolve();
      }),
    );
  };
  const relayed = Promise.all([relay(child.stdout, context.stdout), relay(child.stderr, context.stderr)]);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      relayed.then(() => resolve(code ?? 2), reject);
    });
  });
}
