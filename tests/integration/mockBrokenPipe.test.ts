import { spawn } from 'node:child_process';
import path from 'node:path';
import { waitFor } from '../support/servingCli';

const ROOT = path.resolve(__dirname, '../..');

// `mock … 2>&1 | head -2`: the reader goes away and the next log line meets a closed pipe.
describe('a mock whose stderr reader goes away', () => {
  it('ends quietly with its exit code, not with an unhandled EPIPE (exit 1)', async () => {
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/ts-node/dist/bin.js'),
        '--transpile-only',
        'src/cli/main.ts',
        'mock',
        '--port',
        '0',
      ],
      { cwd: ROOT, env: { ...process.env, PACT_DO_NOT_TRACK: 'true', SCARF_ANALYTICS: 'false' } },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    let exit: number | null | undefined;
    child.on('exit', (code) => {
      exit = code;
    });
    try {
      await waitFor(() => out.includes('\n') || exit !== undefined, 'the mock to listen', 20_000);
      const url = /^listening on (\S+)/.exec(out)?.[1];
      child.stderr.destroy();
      // Each request writes a log line to the closed pipe; the first to fail ends the mock.
      for (let i = 0; i < 20 && exit === undefined; i++) {
        await fetch(`${url}/activity-logs/a`).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await waitFor(() => exit !== undefined, 'the mock to end');
      expect(exit).toBe(0);
    } finally {
      if (exit === undefined) child.kill();
    }
  }, 40_000);
});
