import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeDirectory } from '../../src/makeDirectory';
import { runCli } from '../support/runCli';

// Node 20's mkdir(…, { recursive: true }) spun forever under /proc; every output path now fails at once.
describe('an output folder that cannot be made', () => {
  it('fails at once under /proc, where the old recursive mkdir hung', () => {
    expect(() => makeDirectory('/proc/activity-log-contract/x')).toThrow(/ENOENT/);
  });

  it('is a usage error with exit 2 for --junit, --out and --record', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'alc-out-')), 'a-file');
    writeFileSync(file, '');
    const runs = [
      await runCli(['validate', 'contracts/recorded', '--junit', '/proc/activity-log-contract/x.xml']),
      await runCli(['generate', '--valid', '1', '--seed', '1', '--out', `${file}/corpus.ndjson`]),
    ];
    expect(runs.map((r) => r.code)).toEqual([2, 2]);
    expect(runs[0]?.stderr).toContain('cannot write /proc/activity-log-contract/x.xml: ENOENT');
    expect(runs[1]?.stderr).toContain('ENOTDIR');
  }, 10_000);
});
