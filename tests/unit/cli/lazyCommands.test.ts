import path from 'node:path';
import type { CommandContext } from '../../../src/cli/command';
import { commands } from '../../../src/cli/commands';

const ROOT = path.resolve(__dirname, '../../..');
const HEAVY = ['@pact-foundation/pact', 'fast-check'] as const;

/** Runs one command line in a fresh module registry; says which heavy libraries it loaded. */
async function loadedBy(argv: readonly string[]): Promise<string[]> {
  const loaded: string[] = [];
  const sink = { write: () => true } as unknown as NodeJS.WritableStream;
  const context: CommandContext = { stdout: sink, stderr: sink, stdin: process.stdin, env: {}, cwd: ROOT };
  await jest.isolateModulesAsync(async () => {
    for (const name of HEAVY) {
      jest.doMock(name, () => {
        loaded.push(name);
        return jest.requireActual(name);
      });
    }
    const { main } = require('../../../src/cli/main') as typeof import('../../../src/cli/main');
    await main(argv, context);
  });
  return loaded;
}

describe('commands load what they use, when they run', () => {
  it.each(commands.map((entry) => [entry.name, entry] as const))(
    '%s loads the command of that name, with its help',
    (name, entry) => {
      const command = entry.load();
      expect(command.name).toBe(name);
      expect(command.help).toMatch(new RegExp(`^Usage: activity-log-contract ${name}\\b`));
    },
  );

  it('validate and the top-level --help load neither Pact nor fast-check', async () => {
    expect(await loadedBy(['--help'])).toEqual([]);
    expect(await loadedBy(['validate', path.join(ROOT, 'contracts/recorded/minimal.json')])).toEqual([]);
  });

  it('a command that generates loads fast-check (the check above can see a load)', async () => {
    expect(await loadedBy(['generate', '--help'])).toEqual(['fast-check']);
  });
});
