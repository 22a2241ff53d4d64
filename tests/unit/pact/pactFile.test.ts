import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_PACT_DIR, pactFileName, stalePactReason } from '../../../src/pact';

const committed = path.join(DEFAULT_PACT_DIR, pactFileName());
const dir = mkdtempSync(path.join(tmpdir(), 'pact-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function variant(name: string, edit: (pact: Record<string, unknown>) => void): string {
  const pact = JSON.parse(readFileSync(committed, 'utf8')) as Record<string, unknown>;
  edit(pact);
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(pact, null, 2));
  return file;
}

describe('stalePactReason', () => {
  it('finds nothing stale when the fresh pact equals the committed one', () => {
    const copy = path.join(dir, 'copy.json');
    cpSync(committed, copy);
    expect(stalePactReason(committed, copy, 'npm run pact:update')).toBeUndefined();
  });

  it('ignores the Pact tool versions in metadata', () => {
    const upgraded = variant('upgraded.json', (pact) => {
      pact['metadata'] = { ...(pact['metadata'] as object), 'pact-js': { version: '99.0.0' }, pactRust: {} };
    });
    expect(stalePactReason(committed, upgraded, 'npm run pact:update')).toBeUndefined();
  });

  it('reports a changed interaction, saying how to regenerate', () => {
    const changed = variant('changed.json', (pact) => {
      const [first] = pact['interactions'] as { description: string }[];
      if (first) first.description = 'something else';
    });
    expect(stalePactReason(committed, changed, 'npm run pact:update')).toBe(
      `pacts/${pactFileName()} is stale: the consumer tests now produce a different pact. Regenerate it with \`npm run pact:update\`, review the diff and commit it.`,
    );
  });

  it('reports a missing committed pact and a missing fresh one', () => {
    const missing = path.join(dir, 'nothing-here.json');
    expect(stalePactReason(missing, committed, 'npm run pact:update')).toMatch(
      /is missing\. Generate it with/,
    );
    expect(stalePactReason(committed, missing, 'npm run pact:update')).toMatch(/no fresh pact was written/);
  });
});
