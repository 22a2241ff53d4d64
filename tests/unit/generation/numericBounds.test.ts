import fc from 'fast-check';
import { generatorsFor } from '../../../src/generation';
import { parseSpec } from '../../../src/spec';
import { createValidator } from '../../../src/validation';

// OpenAPI 3.0's boolean exclusive bounds reach the generators as draft-07 numbers after conversion.
const spec = parseSpec(
  `openapi: 3.0.3
info: { title: bounds, version: '1' }
paths: {}
components:
  schemas:
    Count:
      type: integer
      minimum: 0
      exclusiveMinimum: true
      maximum: 3
      exclusiveMaximum: true
`,
  'bounds.yaml',
);

describe('generated numbers with exclusive bounds', () => {
  it('stay strictly inside them, and pass the validator', () => {
    const validator = createValidator(spec);
    const values = fc.sample(generatorsFor(spec).arbitrary('Count'), { numRuns: 200, seed: 1 });
    expect(new Set(values)).toEqual(new Set([1, 2]));
    for (const value of values) expect(validator.validateSchema('Count', value)).toEqual([]);
  });
});
