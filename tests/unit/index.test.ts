import * as library from '../../src';

describe('the package root', () => {
  it('exposes the validators for a response in one call', () => {
    const result = library
      .getValidator()
      .validateResponse({ method: 'GET', path: '/activity-logs/1', status: 200, body: {} });
    expect(result.valid).toBe(false);
    expect(result.findings.map((f) => f.message)).toContain("must have required property 'id'");
  });
});
