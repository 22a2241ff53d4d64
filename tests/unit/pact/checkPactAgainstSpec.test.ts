import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkPactAgainstSpec, normalizePact, PactFileError, readPactFile } from '../../../src/pact';
import { DEFAULT_SPEC_FILE } from '../../../src/spec';
import { getValidator } from '../../../src/validation';
import { COMMITTED_PACT, writeBrokenPact } from '../../support/brokenPact';
import { type RefereeVerdict, swaggerMockValidator } from '../../support/swaggerMockValidator';

const validator = getValidator();
const dir = mkdtempSync(path.join(tmpdir(), 'pact-check-'));
const brokenFile = writeBrokenPact(path.join(dir, 'broken.json'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function findingsOf(file: string) {
  return checkPactAgainstSpec(readPactFile(file), validator).interactions.flatMap((i) =>
    i.findings.map((f) => ({
      interaction: i.description,
      rule: f.rule,
      pointer: f.pointer,
      message: f.message,
    })),
  );
}

describe('checkPactAgainstSpec (our gate)', () => {
  it('passes the committed pact: every request documented, every response body valid', () => {
    const result = checkPactAgainstSpec(readPactFile(COMMITTED_PACT), validator);
    expect(result.valid).toBe(true);
    expect(result.interactions.map((i) => [i.operation, i.status, i.findings])).toEqual([
      ['GET /activity-logs/{id}', 200, []],
      ['GET /activity-logs/{id}', 200, []],
      ['GET /activity-logs/{id}', 401, []],
    ]);
  });

  it('fails a hand-broken copy: a wrong type, an undocumented status, an undocumented version', () => {
    const result = checkPactAgainstSpec(readPactFile(brokenFile), validator);
    expect(result.valid).toBe(false);
    expect(findingsOf(brokenFile)).toEqual([
      {
        interaction: 'a request for an activity log with every documented field',
        rule: 'response_schema_conformance',
        pointer: '/createdAt',
        message: 'must be string, got 1704103200',
      },
      {
        interaction: 'a request for an activity log with only its required fields',
        rule: 'request_conformance',
        pointer: '/request/headers/sequence-version',
        message: `header parameter 'sequence-version' must be one of "2024-07-30", got "2023-01-01"`,
      },
      {
        interaction: 'a request for an activity log without valid credentials',
        rule: 'status_code_documented',
        pointer: '',
        message: 'status 404 is not documented for GET /activity-logs/{id} (documented: 200, 400, 401, 500)',
      },
    ]);
  });

  it('names the spec line of each finding', () => {
    const [wrongType] =
      checkPactAgainstSpec(readPactFile(brokenFile), validator).interactions[0]?.findings ?? [];
    expect(wrongType?.spec).toMatchObject({
      path: expect.stringContaining('createdAt'),
      line: expect.any(Number),
    });
  });

  it('fails a request the spec does not document: unknown path, missing credentials, undocumented query', () => {
    const pact = normalizePact(
      {
        consumer: { name: 'c' },
        provider: { name: 'p' },
        interactions: [
          {
            description: 'unknown path',
            request: { method: 'GET', path: '/activity-log/1' },
            response: { status: 200 },
          },
          {
            description: 'no credentials',
            request: {
              method: 'GET',
              path: '/activity-logs/1',
              query: 'expand=all',
              headers: { 'X-Trace': 'a' },
            },
            response: { status: 500 },
          },
        ],
        metadata: { pactSpecification: { version: '3.0.0' } },
      },
      'inline.json',
    );
    const [unknown, noCredentials] = checkPactAgainstSpec(pact, validator).interactions;
    expect(unknown?.findings.map((f) => f.rule)).toEqual(['operation_documented']);
    expect(noCredentials?.findings.map((f) => [f.severity, f.message])).toEqual([
      [
        'error',
        `the request lacks the header parameter 'Authorization' that GET /activity-logs/{id} requires`,
      ],
      ['warning', `header 'X-Trace' is not documented for GET /activity-logs/{id}`],
      ['error', `query parameter 'expand' is not documented for GET /activity-logs/{id}`],
    ]);
  });

  it('refuses a file that is not a pact with a PactFileError', () => {
    const notPact = path.join(dir, 'not-a-pact.json');
    writeFileSync(notPact, '{"hello": 1}');
    expect(() => readPactFile(notPact)).toThrow(PactFileError);
    expect(() => readPactFile(notPact)).toThrow(/not a pact file: it has no "interactions" array/);
    expect(() => readPactFile(path.join(dir, 'missing.json'))).toThrow(/cannot read the pact \(ENOENT\)/);
  });
});

describe("PactFlow's swagger-mock-validator (the referee) agrees", () => {
  // Both runs start at once: each is a separate Node process of a few seconds.
  let verdicts: Promise<[RefereeVerdict, RefereeVerdict]>;
  beforeAll(() => {
    verdicts = Promise.all([
      swaggerMockValidator(DEFAULT_SPEC_FILE, COMMITTED_PACT),
      swaggerMockValidator(DEFAULT_SPEC_FILE, brokenFile),
    ]);
  });

  it('finds the committed pact compatible with the spec', async () => {
    const [verdict] = await verdicts;
    expect(verdict.output).toContain('0 error(s)');
    expect(verdict.compatible).toBe(true);
  });

  it('reports the same three problems in the hand-broken copy', async () => {
    const [, verdict] = await verdicts;
    expect(verdict.compatible).toBe(false);
    expect(verdict.errors).toEqual({
      'response.body.incompatible': 1,
      'request.header.incompatible': 1,
      'response.status.unknown': 1,
    });
    expect(verdict.output).toContain('[root].interactions[0].response.body.createdAt');
  });
});
