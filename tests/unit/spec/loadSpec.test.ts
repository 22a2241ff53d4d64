import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SPEC_FILE, listOperations, loadSpec, parseSpec, SpecError } from '../../../src/spec';

const source = readFileSync(DEFAULT_SPEC_FILE, 'utf8');
const lineOf = (needle: string) => source.split('\n').findIndex((l) => l.includes(needle)) + 1;

function broken(edit: (text: string) => string): SpecError {
  try {
    parseSpec(edit(source), 'spec/broken.yaml');
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error('the broken spec was accepted');
}

describe('loadSpec', () => {
  it('loads the bundled spec and finds its one operation', () => {
    const spec = loadSpec();
    expect(spec.file).toBe(path.join('spec', 'activity-stream.2024-07-30.yaml'));
    expect(listOperations(spec).map((op) => `${op.method} ${op.path} ${op.operationId}`)).toEqual([
      'get /activity-logs/{id} getActivityLogsById',
    ]);
  });

  it('keeps quoted and unquoted timestamps as strings (JSON-compatible schema)', () => {
    const spec = parseSpec(
      source.replace("createdAt: '2024-01-01T10:00:00Z'", 'createdAt: 2024-01-01T10:00:00Z'),
      'x.yaml',
    );
    const example = spec.document.components?.schemas?.['ActivityLogResponse']?.['example'] as {
      createdAt: unknown;
    };
    expect(example.createdAt).toBe('2024-01-01T10:00:00Z');
  });

  it('locates spec pointers on their YAML lines', () => {
    const spec = loadSpec();
    expect(spec.locate('/components/schemas/ActivityLogActorResponse/required')).toMatchObject({
      path: 'components.schemas.ActivityLogActorResponse.required',
      line: 277,
    });
    // A keyword the YAML does not spell out falls back to its nearest ancestor.
    expect(spec.locate('/components/schemas/ActivityLogActorResponse/additionalProperties').line).toBe(
      lineOf('    ActivityLogActorResponse:'),
    );
  });

  it('names the file, line and column of a YAML syntax error', () => {
    const error = broken((text) =>
      text.replace('operationId: getActivityLogsById', 'operationId: [getActivityLogsById'),
    );
    expect(error.message).toMatch(/^spec\/broken\.yaml:\d+:\d+: YAML syntax error: /);
    expect(error.line).toBeGreaterThanOrEqual(lineOf('operationId: getActivityLogsById'));
  });

  it('names the line of a dangling $ref', () => {
    const error = broken((text) =>
      text.replace(
        "$ref: '#/components/schemas/ActivityLogActorResponse'",
        "$ref: '#/components/schemas/ActorResponse'",
      ),
    );
    expect(error.message).toBe(
      `spec/broken.yaml:${lineOf("$ref: '#/components/schemas/ActivityLogActorResponse'")}: dangling $ref '#/components/schemas/ActorResponse': nothing at /components/schemas/ActorResponse in this document`,
    );
  });

  it('refuses a document the OpenAPI 3.0 meta-schema rejects, naming where', () => {
    const error = broken((text) =>
      text.replace(
        "        '400':\n          description: Bad Request\n",
        "        '400':\n          summary: Bad Request\n",
      ),
    );
    expect(error.message).toMatch(
      /^spec\/broken\.yaml:\d+: not valid OpenAPI 3\.0 \(official meta-schema\): /,
    );
    expect(error.line).toBe(lineOf("        '400':"));
  });

  it('refuses a document that is not OpenAPI 3.0', () => {
    expect(broken((text) => text.replace('openapi: 3.0.0', 'swagger: "2.0"')).message).toContain(
      'not an OpenAPI 3.0 or 3.1 document',
    );
    expect(broken(() => '- just\n- a list\n').message).toContain('the top level must be a mapping');
  });

  it('refuses a $ref to another file', () => {
    expect(
      broken((text) =>
        text.replace("$ref: '#/components/schemas/ActivityLogObjectResponse'", "$ref: 'other.yaml#/X'"),
      ).message,
    ).toContain("$ref 'other.yaml#/X' points outside this document");
  });

  it('says so when the file cannot be read', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'alc-spec-'));
    expect(() => loadSpec(path.join(dir, 'missing.yaml'))).toThrow(
      /missing\.yaml: cannot read the spec \(ENOENT\)/,
    );
    const file = path.join(dir, 'ok.yaml');
    writeFileSync(file, source);
    expect(loadSpec(file).document.openapi).toBe('3.0.0');
  });
});

describe('a document checked before (a worker thread loading it again)', () => {
  // `info` lacks its required `version`: the meta-schema refuses it; syntax and $refs are fine.
  const lacking = JSON.stringify({ openapi: '3.0.3', info: { title: 'x' }, paths: {} });

  it('skips only the meta-schema check', () => {
    expect(() => parseSpec(lacking, 'x.json')).toThrow(/official meta-schema/);
    expect(parseSpec(lacking, 'x.json', { checkedBefore: true }).version).toBe('3.0');
    const brokenRef = JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'x', version: '1' },
      paths: {},
      components: { schemas: { A: { $ref: '#/components/schemas/Missing' } } },
    });
    expect(() => parseSpec(brokenRef, 'x.json', { checkedBefore: true })).toThrow(/Missing/);
  });
});
