import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { runCli } from '../../support/runCli';
import { scratchDir } from '../../support/scratch';
import { specExample } from '../../support/specExample';

const example = specExample();
const [item] = example['activityLogItems'] as Record<string, unknown>[];
/** A log whose two items carry a property the spec does not list: two warnings, at /activityLogItems/0 and /1. */
const withRegion = JSON.stringify({
  ...example,
  activityLogItems: [0, 1].map(() => ({ ...item, region: 'eu' })),
});
const missingId = JSON.stringify({ ...example, id: undefined });
const good = JSON.stringify(example);
const REGION =
  "warning: property 'region' is not documented in the spec (allowed, but an early sign of drift)";
const SPEC = 'spec/activity-stream.2024-07-30.yaml';

function workdir(file: string, lines: readonly string[]): string {
  const dir = scratchDir('validate-report');
  writeFileSync(path.join(dir, file), `${lines.join('\n')}\n`);
  return dir;
}

describe('activity-log-contract validate: grouped findings (the default)', () => {
  it('groups a finding repeated across responses and array indexes: one entry, its count and first sources, errors first', async () => {
    const cwd = workdir('c.ndjson', [...Array.from({ length: 5 }, () => withRegion), missingId]);
    const run = await runCli(['validate', 'c.ndjson'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        "✖ (response)  must have required property 'id'",
        '  in 1 response: c.ndjson:6',
        `  spec: components.schemas.ActivityLogResponse.required  (${SPEC}:131)`,
        `⚠ /activityLogItems/*/region  ${REGION}`,
        '  10 times in 5 responses, first: c.ndjson:1, c.ndjson:2, c.ndjson:3',
        `  spec: components.schemas.ActivityLogItemResponse.properties  (${SPEC}:247)`,
        '(11 findings, grouped: --findings all lists them by response, --format ndjson one a line)',
        'validate: 6 checked, 0 passed, 1 failed, 5 with warnings',
        '',
      ].join('\n'),
    );
  });

  it('with --findings all, prints every response that did not pass with all its findings, as before', async () => {
    const cwd = workdir('c.ndjson', [withRegion, missingId, good]);
    const run = await runCli(['validate', 'c.ndjson', '--findings', 'all'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        '⚠ c.ndjson:1  GET /activity-logs/{id} → 200',
        `  /activityLogItems/0/region  ${REGION}`,
        `    spec: components.schemas.ActivityLogItemResponse.properties  (${SPEC}:247)`,
        `  /activityLogItems/1/region  ${REGION}`,
        `    spec: components.schemas.ActivityLogItemResponse.properties  (${SPEC}:247)`,
        '✖ c.ndjson:2  GET /activity-logs/{id} → 200',
        "  (response)  must have required property 'id'",
        `    spec: components.schemas.ActivityLogResponse.required  (${SPEC}:131)`,
        'validate: 3 checked, 1 passed, 1 failed, 1 with warnings',
        '',
      ].join('\n'),
    );
  });

  it('keeps the JSON report small: it grows with groups, not with responses', async () => {
    const cwd = workdir('many.ndjson', [...Array.from({ length: 1000 }, () => withRegion), missingId]);
    const grouped = await runCli(['validate', 'many.ndjson', '--format', 'json'], { cwd });
    const all = await runCli(['validate', 'many.ndjson', '--format', 'json', '--findings', 'all'], { cwd });
    expect(grouped.stdout.length).toBeLessThan(3000);
    expect(all.stdout.length).toBeGreaterThan(300 * grouped.stdout.length);
    const report = JSON.parse(grouped.stdout);
    expect(report).toMatchObject({ command: 'validate', findings: 'grouped' });
    expect(report.summary).toEqual({ checked: 1001, passed: 0, warned: 1000, failed: 1, unreadable: 0 });
    const [section] = report.sections;
    expect(section.findingCount).toBe(2001);
    expect(section.groups).toEqual([
      expect.objectContaining({ keyword: 'required', pointer: '', count: 1, first: ['many.ndjson:1001'] }),
      expect.objectContaining({
        keyword: 'additionalProperties',
        pointer: '/activityLogItems/*/region',
        otherPointers: false,
        count: 2000,
        responses: 1000,
        first: ['many.ndjson:1', 'many.ndjson:2', 'many.ndjson:3'],
      }),
    ]);
  });

  it('writes valid JUnit XML: at most 100 failing and 100 passing responses, the rest counted in one failing testcase', async () => {
    const lines = [
      ...Array.from({ length: 250 }, () => missingId),
      ...Array.from({ length: 150 }, () => good),
    ];
    const cwd = workdir('c.ndjson', lines);
    const run = await runCli(['validate', 'c.ndjson', '--junit', 'junit.xml'], { cwd });
    expect(run.code).toBe(1);
    const xml = readFileSync(path.join(cwd, 'junit.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml.length).toBeLessThan(100_000);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(parsed.testsuites).toMatchObject({ tests: '201', failures: '101', errors: '0' });
    const cases = parsed.testsuites.testsuite.testcase as { name: string; failure?: unknown }[];
    expect(cases.filter((c) => c.failure !== undefined)).toHaveLength(101);
    const rest = cases.at(-1) as { name: string; failure: { message: string }; 'system-out': string };
    expect(rest.name).toBe('200 more responses (150 failed, 50 passed)');
    expect(rest.failure.message).toContain('150 more responses did not pass');
    expect(rest['system-out']).toContain(
      "✖ (response)  must have required property 'id'\n  in 250 responses, first: c.ndjson:1, c.ndjson:2, c.ndjson:3",
    );
  });

  it('lists at most 100 unreadable inputs, and counts the rest', async () => {
    const cwd = workdir(
      'c.ndjson',
      Array.from({ length: 150 }, () => '{"id": '),
    );
    const run = await runCli(['validate', 'c.ndjson'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout.match(/ {2}unreadable: /g)).toHaveLength(100);
    expect(run.stdout).toContain('✖ c.ndjson:100\n');
    expect(run.stdout).not.toContain('✖ c.ndjson:101\n');
    expect(run.stdout).toContain('… and 50 more unreadable inputs (--findings all lists every one)\n');
  });
});

describe('activity-log-contract validate --format ndjson', () => {
  it('writes every finding as one JSON line with its source, unreadable inputs too, then the summary', async () => {
    const cwd = workdir('c.ndjson', [withRegion, '{"id": ', missingId, good]);
    const run = await runCli(['validate', 'c.ndjson', '--format', 'ndjson'], { cwd });
    expect(run.code).toBe(2);
    const lines = run.stdout
      .split('\n')
      .slice(0, -1)
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      expect.objectContaining({
        kind: 'finding',
        source: 'c.ndjson:1',
        title: 'GET /activity-logs/{id} → 200',
        pointer: '/activityLogItems/0/region',
        keyword: 'additionalProperties',
        severity: 'warning',
        spec: expect.objectContaining({ path: 'components.schemas.ActivityLogItemResponse.properties' }),
      }),
      expect.objectContaining({
        kind: 'finding',
        source: 'c.ndjson:1',
        pointer: '/activityLogItems/1/region',
      }),
      {
        kind: 'unreadable',
        source: 'c.ndjson:2',
        message: 'invalid JSON: value expected at line 1, column 8',
      },
      expect.objectContaining({
        kind: 'finding',
        source: 'c.ndjson:3',
        keyword: 'required',
        severity: 'error',
      }),
      { kind: 'summary', checked: 4, passed: 1, warned: 1, failed: 1, unreadable: 1 },
    ]);
  });

  it('refuses an unknown --format or --findings as a usage error', async () => {
    const format = await runCli(['validate', 'x.json', '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("--format must be 'human', 'json' or 'ndjson', not 'xml'");
    const findings = await runCli(['validate', 'x.json', '--findings', 'some']);
    expect(findings.code).toBe(2);
    expect(findings.stderr).toContain("--findings must be 'grouped' or 'all', not 'some'");
  });
});
