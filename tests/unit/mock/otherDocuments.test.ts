import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { basicToken } from '../../../src/live/redact';
import { type RequestLogEntry, type RunningMock, startMock } from '../../../src/mock';
import { loadSpec } from '../../../src/spec';
import { createValidator } from '../../../src/validation';
import { scratchDir } from '../../support/scratch';

// Other documents: the rules come from each one's own security schemes, parameters and responses.
const SPECS = path.resolve(__dirname, '../../support/specs');
const running: RunningMock[] = [];
afterAll(async () => {
  await Promise.all(running.map((m) => m.close()));
});

async function serve(file: string, log?: (entry: RequestLogEntry) => void) {
  const spec = loadSpec(file);
  const mock = await startMock({ spec, port: 0, seed: 3, ...(log ? { log } : {}) });
  running.push(mock);
  return { mock, validator: createValidator(spec) };
}

describe('mock of the pets document (no security, an integer path id)', () => {
  let mock: RunningMock;
  let validator: ReturnType<typeof createValidator>;
  beforeAll(async () => {
    ({ mock, validator } = await serve(path.join(SPECS, 'pets.yaml')));
  });

  it('puts the integer path id into the body, which passes the validator', async () => {
    const response = await fetch(`${mock.url}/pets/7`);
    const body = (await response.json()) as { id: unknown };
    expect([response.status, body.id]).toEqual([200, 7]);
    expect(validator.validateResponse({ method: 'GET', path: '/pets/7', status: 200, body }).valid).toBe(
      true,
    );
  });

  it('refuses a path id its schema does not allow with 400', async () => {
    const response = await fetch(`${mock.url}/pets/abc`);
    expect(response.status).toBe(400);
    expect(response.headers.get('x-mock-reason')).toMatch(/^path parameter petId "abc" breaks the spec: /);
  });

  it('answers code=404 with a body of the documented problem schema and media type', async () => {
    const response = await fetch(`${mock.url}/pets/7`, { headers: { prefer: 'code=404' } });
    expect([response.status, response.headers.get('content-type')]).toEqual([
      404,
      'application/problem+json',
    ]);
    const body = await response.json();
    const result = validator.validateResponse({
      method: 'GET',
      path: '/pets/7',
      status: 404,
      headers: { 'content-type': 'application/problem+json' },
      body,
    });
    expect(result.findings).toEqual([]);
  });
});

describe('mock of the museum document (OpenAPI 3.1, http basic security, POST, examples)', () => {
  const auth = { authorization: `Basic ${basicToken('visitor', 'any-password')}` };
  let mock: RunningMock;
  let validator: ReturnType<typeof createValidator>;
  beforeAll(async () => {
    ({ mock, validator } = await serve(path.join(SPECS, 'real/redocly-museum-3.1.yaml')));
  });

  it('enforces its basic scheme: 401 without credentials, 200 with any well-formed pair', async () => {
    expect((await fetch(`${mock.url}/museum-hours`)).status).toBe(401);
    const response = await fetch(`${mock.url}/museum-hours`, { headers: auth });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(
      validator.validateResponse({ method: 'GET', path: '/museum-hours', status: 200, body }).valid,
    ).toBe(true);
  });

  it('checks query parameters against their schemas', async () => {
    expect((await fetch(`${mock.url}/museum-hours?limit=15`, { headers: auth })).status).toBe(200);
    const over = await fetch(`${mock.url}/museum-hours?limit=31`, { headers: auth });
    expect([over.status, over.headers.get('x-mock-reason')]).toEqual([
      400,
      'query parameter limit "31" breaks the spec: must be <= 30',
    ]);
  });

  it('answers a POST with its documented 201, and 400 when the required body is missing', async () => {
    const created = await fetch(`${mock.url}/tickets`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{"ticketType":"general","ticketDate":"2023-09-07","email":"a@b.c"}',
    });
    expect(created.status).toBe(201);
    const missing = await fetch(`${mock.url}/tickets`, { method: 'POST', headers: auth });
    expect([missing.status, missing.headers.get('x-mock-reason')]).toEqual([
      400,
      'the required request body is missing',
    ]);
  });

  it('serves a named example, following its $ref', async () => {
    const response = await fetch(`${mock.url}/museum-hours`, {
      headers: { ...auth, prefer: 'example=default_example' },
    });
    const spec = loadSpec(path.join(SPECS, 'real/redocly-museum-3.1.yaml'));
    const examples = (spec.document.components as { examples: Record<string, { value: unknown }> }).examples;
    expect(await response.json()).toEqual(examples['GetMuseumHoursResponseExample']?.value);
  });

  it('serves a non-JSON media type as documented', async () => {
    const response = await fetch(`${mock.url}/tickets/a54a57ca-36f8-421b-a6b4-2e8f26858a4c/qr`, {
      headers: auth,
    });
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'image/png']);
  });
});

describe('mock of a document with an API key in the query and a documented response header', () => {
  const lines: RequestLogEntry[] = [];
  let mock: RunningMock;
  beforeAll(async () => {
    const file = path.join(scratchDir('mock-apikey'), 'keyed.yaml');
    writeFileSync(
      file,
      [
        'openapi: 3.0.3',
        'info: { title: keyed, version: 1.0.0 }',
        'security: [{ key: [] }]',
        'components:',
        '  securitySchemes:',
        '    key: { type: apiKey, in: query, name: api_key }',
        'paths:',
        '  /things:',
        '    get:',
        '      responses:',
        "        '200':",
        '          description: ok',
        '          headers:',
        '            X-Rate-Limit-Remaining:',
        '              required: true',
        '              schema: { type: integer, minimum: 0, maximum: 100 }',
        '          content:',
        '            application/json:',
        '              schema: { type: object, required: [n], properties: { n: { type: integer } } }',
      ].join('\n'),
    );
    ({ mock } = await serve(file, (entry) => lines.push(entry)));
  });

  it('refuses a request without the key and keeps its value out of the log', async () => {
    expect((await fetch(`${mock.url}/things`)).status).toBe(401);
    expect((await fetch(`${mock.url}/things?api_key=canary-key-31f9`)).status).toBe(200);
    expect(lines.map((l) => `${l.path} ${l.status}`)).toEqual([
      '/things 401',
      '/things?api_key=[REDACTED] 200',
    ]);
  });

  it('sends the documented response header, with a value of its schema', async () => {
    const response = await fetch(`${mock.url}/things?api_key=k`);
    const text = response.headers.get('x-rate-limit-remaining');
    expect(text).toMatch(/^\d+$/);
    expect(Number(text)).toBeLessThanOrEqual(100);
  });
});
