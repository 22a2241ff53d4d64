import { readFileSync } from 'node:fs';
import path from 'node:path';
import { specExample } from '../support/specExample';

describe('contracts/recorded/spec-example.json', () => {
  it('is the spec example, unchanged (regenerate it from the spec if the spec changes)', () => {
    const recorded = JSON.parse(
      readFileSync(path.resolve(__dirname, '../../contracts/recorded/spec-example.json'), 'utf8'),
    );
    expect(recorded).toEqual(specExample());
  });
});
