import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../support/runCli';

// The README is what newcomers copy from: every command it shows must exist and take the flags it shows.
const README = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
const blocks = [...README.matchAll(/```(\w*)\n([\s\S]*?)```/g)]
  .filter((m) => ['', 'sh', 'bash', 'yaml'].includes(m[1] ?? ''))
  .map((m) => m[2] ?? '');
const invocations = blocks
  .flatMap((block) => block.split('\n'))
  .flatMap((line) => [...line.matchAll(/activity-log-contract ([a-z][a-z-]*)((?: +[^|;&#\n]*)?)/g)])
  .map((m) => ({
    command: m[1] as string,
    flags: [...(m[2] ?? '').matchAll(/(?<![\w-])(--[a-z][a-z-]*)/g)].map((f) => f[1] as string),
  }));

describe('the README', () => {
  it('has the two Quick start commands', () => {
    expect(README).toContain('npm ci && npm start');
    expect(README).toContain('npm ci && npm test');
  });

  it('shows commands', () => {
    expect(invocations.length).toBeGreaterThan(5);
  });

  it.each([...new Set(invocations.map((i) => i.command))])('shows `%s`, which exists', async (command) => {
    const run = await runCli([command, '--help']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  const flagged = invocations.flatMap((i) => i.flags.map((flag) => [i.command, flag] as const));
  it.each([...new Map(flagged.map((f) => [f.join(' '), f])).values()])(
    'shows `%s %s`, which its --help documents',
    async (command, flag) => {
      const run = await runCli([command, '--help']);
      expect(run.stdout).toContain(flag);
    },
  );

  it.each(['fuzz-your-parser.test.ts', 'matchers.test.ts'])(
    'shows tests/readme/%s verbatim, so the example runs as written',
    (file) => {
      const example = readFileSync(path.resolve(__dirname, '../readme', file), 'utf8');
      expect(README).toContain(`\`\`\`ts\n${example}\`\`\``);
    },
  );

  it('documents every exit code the CLI uses', () => {
    for (const code of ['| 0 |', '| 1 |', '| 2 |', '| 3 |']) expect(README).toContain(code);
  });
});
