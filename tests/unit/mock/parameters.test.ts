import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { type RunningMock, startMock } from '../../../src/mock';
import { checkPactAgainstSpec, normalizePact } from '../../../src/pact';
import { loadSpec } from '../../../src/spec';
import { createValidator, parameterProblem } from '../../../src/validation';
import { scratchDir } from '../../support/scratch';

// Parameters travel as text; their `style` and `explode` say how an array or object is spelled. One checker
// reads them for the mock and the pact check alike.
const PETSTORE = path.resolve(__dirname, '../../support/specs/real/oai-petstore-expanded.yaml');

describe('the mock reads array parameters as their style says (petstore: tags is form, exploded)', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ spec: loadSpec(PETSTORE), port: 0, seed: 1 });
  });
  afterAll(() => mock.close());

  it.each([
    ['one value', '?tags=dog'],
    ['repeated', '?tags=dog&tags=cat'],
    ['a value with a comma (one item when exploded)', '?tags=dog,cat'],
    ['an integer', '?limit=5'],
  ])('accepts %s', async (_, query) => {
    const response = await fetch(`${mock.url}/pets${query}`);
    expect([response.status, response.headers.get('x-mock-reason')]).toEqual([200, null]);
  });

  it('refuses an integer spelled with a leading space (JSON.parse would take it)', async () => {
    const response = await fetch(`${mock.url}/pets?limit=%205`);
    expect([response.status, response.headers.get('x-mock-reason')]).toEqual([
      400,
      'query parameter limit " 5" breaks the spec: must be integer, got " 5"',
    ]);
  });
});

describe('parameterProblem (shared by mock and pact check)', () => {
  const file = path.join(scratchDir('mock-parameter-styles'), 'styles.yaml');
  writeFileSync(
    file,
    [
      'openapi: 3.0.3',
      'info: { title: styles, version: 1.0.0 }',
      'paths:',
      '  /things/{ids}:',
      '    get:',
      '      parameters:',
      '        - { name: ids, in: path, required: true, schema: { type: array, items: { type: integer } } }',
      '        - { name: csv, in: query, explode: false, schema: { type: array, items: { type: integer, maximum: 9 } } }',
      '        - { name: pipes, in: query, style: pipeDelimited, explode: false, schema: { type: array, items: { type: string, enum: [a, b] } } }',
      '        - { name: x-list, in: header, schema: { type: array, items: { type: boolean } } }',
      '        - { name: point, in: query, explode: false, schema: { type: object, properties: { x: { type: integer } } } }',
      '        - { name: flag, in: query, schema: { type: boolean } }',
      '      responses:',
      "        '200': { description: ok }",
    ].join('\n'),
  );
  const validator = createValidator(loadSpec(file));
  const at = (i: number) => `/paths/~1things~1{ids}/get/parameters/${i}`;

  it.each([
    ['path, simple', 0, ['1,2,3']],
    ['query, form, not exploded', 1, ['1,2']],
    ['query, pipeDelimited', 2, ['a|b']],
    ['header, simple, spaces after commas', 3, ['true, false']],
    ['query object, form, not exploded', 4, ['x,3']],
    ['boolean', 5, ['true']],
  ])('accepts %s', (_, index, values) => {
    expect(parameterProblem(validator, at(index), values)).toBeUndefined();
  });

  it.each([
    ['an array item of the wrong type', 0, ['1,x'], '/1: must be integer, got "x"'],
    ['an array item over its maximum', 1, ['1,10'], '/1: must be <= 9'],
    ['an array item outside its enum', 2, ['a|c'], '/1: must be one of "a", "b"'],
    ['an object property of the wrong type', 4, ['x,y'], '/x: must be integer, got "y"'],
    ['a boolean spelled otherwise', 5, ['yes'], 'must be boolean, got "yes"'],
  ])('refuses %s', (_, index, values, message) => {
    expect(parameterProblem(validator, at(index), values)?.message).toBe(message);
  });

  it('lets the pact check accept a repeated array query parameter and refuse a bad item', () => {
    const pact = (query: Record<string, string[]>) =>
      normalizePact(
        {
          consumer: { name: 'c' },
          provider: { name: 'p' },
          metadata: { pactSpecification: { version: '3.0.0' } },
          interactions: [
            {
              description: 'd',
              request: { method: 'GET', path: '/things/1', query },
              response: { status: 200 },
            },
          ],
        },
        'inline.json',
      );
    const messages = (query: Record<string, string[]>) =>
      checkPactAgainstSpec(pact(query), validator).interactions.flatMap((i) =>
        i.findings.map((f) => f.message),
      );
    expect(messages({ csv: ['1,2'] })).toEqual([]);
    expect(messages({ csv: ['1,x'] })).toEqual([`query parameter 'csv' /1: must be integer, got "x"`]);
  });
});
