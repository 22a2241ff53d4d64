import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderJunit } from '../../../src/report';
import type { Finding } from '../../../src/validation';

const finding: Finding = {
  rule: 'response_schema_conformance',
  severity: 'error',
  pointer: '/a<b>&"c"',
  keyword: 'type',
  message: 'must be string, got "\u0000\u001b[31m]]>"',
  spec: { pointer: '/x', path: 'x', file: 'spec/x.yaml', line: 3 },
};

describe('renderJunit', () => {
  const xml = renderJunit('suite & co', [
    {
      name: 'validate',
      entries: [
        { source: 'a.json', title: 'GET /x → 200', outcome: 'failed', findings: [finding] },
        { source: 'b.json', outcome: 'unreadable', findings: [], message: 'invalid JSON: <oops>' },
        { source: 'c.json', outcome: 'passed', findings: [] },
        { source: 'd.json', outcome: 'warned', findings: [{ ...finding, severity: 'warning' }] },
      ],
    },
  ]);

  it('writes well-formed XML even from hostile text (markup, quotes, control characters)', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('counts tests, failures and errors, and carries each finding with its spec location', () => {
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(parsed.testsuites).toMatchObject({ name: 'suite & co', tests: '4', failures: '1', errors: '1' });
    const cases = parsed.testsuites.testsuite.testcase;
    expect(cases[0].failure.message).toContain('/a<b>&"c" must be string');
    expect(cases[0].failure['#text']).toContain('spec: x  (spec/x.yaml:3)');
    expect(cases[1].error.message).toBe('invalid JSON: <oops>');
    expect(cases[2].failure).toBeUndefined();
    expect(cases[3]['system-out']).toContain('warning: must be string');
  });
});
