import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pactFileName } from '../../../src/pact';
import { writeBrokenPact } from '../../support/brokenPact';
import { runCli } from '../../support/runCli';

const ROOT = path.resolve(__dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'check-pacts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('activity-log-contract check: the pacts section', () => {
  it('passes every interaction of the committed pact', async () => {
    const run = await runCli(['check'], { cwd: ROOT });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\npacts: 3 checked, 3 passed, 0 failed\n/);
  });

  it('fails (exit 1) on a hand-broken pact, naming interaction, field, status and spec line', async () => {
    const pacts = path.join(dir, 'broken');
    mkdirSync(pacts);
    writeBrokenPact(path.join(pacts, pactFileName()));
    const run = await runCli(['check', '--pacts', pacts], { cwd: ROOT });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/\npacts: 3 checked, 0 passed, 3 failed\n/);
    expect(run.stdout).toContain(
      '"a request for an activity log with every documented field" → GET /activity-logs/{id} → 200',
    );
    expect(run.stdout).toContain('/createdAt  must be string, got 1704103200');
    expect(run.stdout).toMatch(/status 404 is not documented for GET \/activity-logs\/\{id\}/);
    expect(run.stdout).toMatch(
      /spec: components\.schemas\.ActivityLogResponse\.properties\.createdAt\.type +\(spec\/activity-stream\.2024-07-30\.yaml:\d+\)/,
    );
  });

  it('reports a file that is not a pact as unreadable (exit 2)', async () => {
    const pacts = path.join(dir, 'unreadable');
    mkdirSync(pacts);
    writeFileSync(path.join(pacts, 'not-a-pact.json'), '{"interactions": 3}');
    const run = await runCli(['check', '--pacts', pacts], { cwd: ROOT });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('not a pact file: it has no "interactions" array');
  });

  it('leaves pacts out for another --spec unless --pacts names them, and then fails them against it', async () => {
    const pets = path.join(ROOT, 'tests/support/specs/pets.yaml');
    const contracts = path.join(ROOT, 'tests/support/specs/pets-contracts');
    const without = await runCli(['check', '--spec', pets, '--contracts', contracts], { cwd: ROOT });
    expect(without.stdout).toContain('pacts: 0 checked');
    const named = await runCli(['check', '--spec', pets, '--contracts', contracts, '--pacts', 'pacts'], {
      cwd: ROOT,
    });
    expect(named.code).toBe(1);
    expect(named.stdout).toContain(
      'GET /activity-logs/aa0e8400-e29b-41d4-a716-446655440005 matches no operation in the spec',
    );
  });

  it('exits 2 when --pacts names no folder', async () => {
    const run = await runCli(['check', '--pacts', 'nowhere'], { cwd: ROOT });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--pacts nowhere: no such directory');
  });
});
