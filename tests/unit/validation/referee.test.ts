import OpenAPIResponseValidator from 'openapi-response-validator';
import { loadSpec, type SchemaObject } from '../../../src/spec';
import { createValidator } from '../../../src/validation';
import { mutateAt, walkInstance } from '../../support/schemaWalk';
import { specExample } from '../../support/specExample';

// An outside referee: openapi-response-validator reads the OpenAPI document itself, with its own
// conversion, so agreement on each drifted body is evidence that ours reads the spec as others do.
const spec = loadSpec();
const validator = createValidator(spec);
const operation = spec.document.paths?.['/activity-logs/{id}']?.['get'] as {
  responses: Record<string, unknown>;
};
const referee = new OpenAPIResponseValidator({
  responses: operation.responses as never,
  components: spec.document.components as never,
});
const example = specExample();
const root = validator.converted.siteAt('/components/schemas/ActivityLogResponse')?.schema as SchemaObject;

type Drift = readonly [string, unknown];
const drifts: Drift[] = [['unchanged', example]];
for (const node of walkInstance(validator.converted, root, example)) {
  for (const key of (node.schema['required'] ?? []) as string[]) {
    drifts.push([
      `${node.pointer}/${key} removed`,
      mutateAt(example, `${node.pointer}/${key}`, (o, k) => delete o[k]),
    ]);
  }
  if (node.pointer === '') continue;
  for (const [label, value] of [
    ['null', null],
    ['a number', 7],
    ['a string', 's'],
    ['an object', {}],
    ['an array', []],
  ] as const) {
    drifts.push([
      `${node.pointer} as ${label}`,
      mutateAt(example, node.pointer, (o, k) => {
        o[k] = structuredClone(value);
      }),
    ]);
  }
  drifts.push([
    `${node.pointer}/extra added`,
    mutateAt(example, `${node.pointer}/extra`, (o, k) => {
      if (o && typeof o === 'object' && !Array.isArray(o)) o[k] = true;
    }),
  ]);
}

describe('our validator and openapi-response-validator', () => {
  it('judge a large set of drifted bodies', () => {
    expect(drifts.length).toBeGreaterThan(150);
  });

  it.each(drifts)('agree on the body with %s', (_label, body) => {
    const result = validator.validateResponse({ method: 'GET', path: '/activity-logs/x', status: 200, body });
    const theirs = referee.validateResponse(200, body) === undefined;
    // The referee does not check `format`; where that is our only objection, it is the one allowed difference.
    const formatOnly = result.findings.length > 0 && result.findings.every((f) => f.keyword === 'format');
    expect(result.valid).toBe(theirs && !formatOnly);
  });
});
