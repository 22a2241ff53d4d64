import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const committed = path.join(root, 'src/client/generated/activityLogApi.ts');

describe('the client types generated from the spec', () => {
  it('are what openapi-typescript produces from the spec today (else run `npm run client:types`)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'client-types-'));
    try {
      const fresh = path.join(dir, 'activityLogApi.ts');
      execFileSync(
        process.execPath,
        [
          path.join(root, 'node_modules/openapi-typescript/bin/cli.js'),
          path.join(root, 'spec/activity-stream.2024-07-30.yaml'),
          '-o',
          fresh,
        ],
        { cwd: root, stdio: 'pipe' },
      );
      // `npm run client:types` formats with the repo's Biome settings; --stdin-file-path picks them up.
      const formatted = execFileSync(
        path.join(root, 'node_modules/.bin/biome'),
        ['format', `--stdin-file-path=${committed}`],
        { cwd: root, input: readFileSync(fresh, 'utf8'), stdio: ['pipe', 'pipe', 'pipe'] },
      ).toString();
      const current = formatted;
      if (current !== readFileSync(committed, 'utf8')) {
        throw new Error(
          'src/client/generated/activityLogApi.ts is stale: the spec changed. Regenerate it with `npm run client:types` and commit it.',
        );
      }
      expect(current).toContain('ActivityLogResponse');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
