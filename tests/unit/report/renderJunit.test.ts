import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { junitRemainderTestcase, junitTestcase, renderJunit } from '../../../src/report';
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

describe('junitTestcase with maxFindings', () => {
  it('renders that many errors and warnings, and counts the rest', () => {
    const errors = Array.from({ length: 4 }, (_, i) => ({ ...finding, pointer: `/e${i}` }));
    const warnings = Array.from({ length: 3 }, (_, i) => ({
      ...finding,
      severity: 'warning' as const,
      pointer: `/w${i}`,
    }));
    const xml = junitTestcase(
      'validate',
      { source: 'a.json', outcome: 'failed', findings: [...errors, ...warnings] },
      2,
    );
    expect(XMLValidator.validate(`<r>${xml}</r>`)).toBe(true);
    expect(xml).toContain('/e1 ');
    expect(xml).not.toContain('/e2 ');
    expect(xml).toContain('  … and 2 more</failure>');
    expect(xml).toContain('/w1 ');
    expect(xml).not.toContain('/w2 ');
    expect(xml).toContain('  … and 1 more</system-out>');
  });
});

describe('junitRemainderTestcase', () => {
  it('is a failing testcase, its output escaped, when responses it stands for did not pass', () => {
    const xml = junitRemainderTestcase('validate', {
      name: '5 more responses (5 failed)',
      failure: '5 more responses did not pass',
      output: '✖ /a<b>  must be string, got "\u0000"',
    });
    expect(XMLValidator.validate(`<r>${xml}</r>`)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(parsed.testcase).toMatchObject({
      name: '5 more responses (5 failed)',
      failure: { message: '5 more responses did not pass' },
    });
    expect(parsed.testcase['system-out']).toContain('/a<b>');
  });
});
