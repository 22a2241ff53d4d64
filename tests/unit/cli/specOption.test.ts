import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../support/runCli';
import { scratchDir } from '../../support/scratch';

// `--spec` names a file relative to where the command runs, for every command that takes it.
const dir = scratchDir('spec-option');
writeFileSync(path.join(dir, 'broken.yaml'), 'openapi: 3.0.3\ninfo: {title: x}\npaths: {}\n');

describe('--spec', () => {
  it.each([
    ['check', []],
    ['validate', ['x.json']],
    ['live', ['--server', 'http://127.0.0.1:9']],
    ['mock', []],
    ['proxy', ['--target', 'http://127.0.0.1:9']],
    ['generate', ['--valid', '1', '--seed', '1']],
  ])('is read from the working folder by %s', async (command, args) => {
    const run = await runCli([command, ...args, '--spec', 'broken.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `${command}: broken spec: ${path.join(dir, 'broken.yaml')}:2: not valid OpenAPI 3.0 (official meta-schema): info must have required property 'version'`,
    );
  });
});
