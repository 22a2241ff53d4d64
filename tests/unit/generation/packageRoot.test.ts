import fc from 'fast-check';
import * as library from '../../../src';
import * as parsers from '../../support/parsers';

describe('the package root', () => {
  it('re-exports the arbitraries, alongside the validators', () => {
    const [log] = fc.sample(library.activityLog(), { seed: 5, numRuns: 1 });
    const result = library
      .getValidator()
      .validateResponse({ method: 'GET', path: '/activity-logs/1', status: 200, body: log });
    expect(result.valid).toBe(true);
    const [{ violation }] = fc.sample(library.invalidActivityLog(), { seed: 5, numRuns: 1 }) as [
      library.InvalidSample,
    ];
    expect(violation.message.startsWith(violation.pointer || '(root)')).toBe(true);
  });

  it('re-exports the harness', async () => {
    expect((await library.fuzzParser(parsers.correct, { numRuns: 20 })).passed).toBe(true);
    await expect(library.assertParser(parsers.crashesOnEmptyItems)).rejects.toBeInstanceOf(
      library.ParserContractError,
    );
  });
});
