import type { WriteStream } from 'node:fs';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../../../src/cli/command';
import { JunitFile } from '../../../src/cli/output';
import type { ReportEntry } from '../../../src/report';
import { scratchDir } from '../../support/scratch';

const dir = scratchDir('junit-file');
const passed: ReportEntry = { source: 'a.json', title: 'GET /a → 200', outcome: 'passed', findings: [] };

/** The scratch stream a JUnit file writes its test cases to, to break on purpose. */
function casesOf(junit: JunitFile): WriteStream {
  return (junit as unknown as { cases: WriteStream }).cases;
}

describe('JunitFile', () => {
  it('writes the test cases it was given, with their counts', async () => {
    const junit = await JunitFile.open(dir, 'ok.xml', 'validate');
    await junit.add(passed);
    await junit.close('activity-log-contract validate');
    const xml = readFileSync(path.join(dir, 'ok.xml'), 'utf8');
    expect(xml).toContain('tests="1"');
    expect(xml).toContain('a.json');
  });

  it('says it cannot write, and ends cleanly, when its scratch file fails mid-run (a full disk)', async () => {
    const before = new Set(readdirSync(os.tmpdir()).filter((name) => name.startsWith('alc-junit-')));
    const junit = await JunitFile.open(dir, 'full.xml', 'validate');
    await junit.add(passed);
    // What a full disk does to a write stream: an 'error' event. Unheard, it would end the process.
    casesOf(junit).destroy(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
    await new Promise((resolve) => setImmediate(resolve));
    await expect(junit.add(passed)).rejects.toThrow(new UsageError('cannot write full.xml: ENOSPC'));
    await expect(junit.close('activity-log-contract validate')).rejects.toThrow(
      new UsageError('cannot write full.xml: ENOSPC'),
    );
    expect(existsSync(path.join(dir, 'full.xml'))).toBe(false);
    // Its scratch folder is gone all the same.
    const left = readdirSync(os.tmpdir()).filter(
      (name) => name.startsWith('alc-junit-') && !before.has(name),
    );
    expect(left).toEqual([]);
  });
});
