import { RFC3339_DATE_TIME_PATTERN } from '../../../src/pact';
import { loadSpec } from '../../../src/spec';
import { isRfc3339DateTime } from '../../../src/validation';

const pattern = new RegExp(RFC3339_DATE_TIME_PATTERN);

/** Every `format: date-time` example in the spec, found by walking the document. */
function dateTimeExamples(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) dateTimeExamples(item, found);
  else if (node && typeof node === 'object') {
    const schema = node as Record<string, unknown>;
    if (schema['format'] === 'date-time' && typeof schema['example'] === 'string')
      found.push(schema['example']);
    for (const value of Object.values(schema)) dateTimeExamples(value, found);
  }
  return found;
}

// A small deterministic generator (no fast-check here): every field at and around its bounds.
function* candidates(): Generator<string> {
  const dates = [
    '2024-01-01',
    '2024-12-31',
    '2024-02-29',
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-04-31',
    '0000-01-01',
  ];
  const times = ['00:00:00', '23:59:59', '23:59:60', '12:30:60', '24:00:00', '10:60:00', '10:00:61'];
  const fractions = ['', '.5', '.123456789', '.'];
  const separators = ['T', 't', ' ', '_'];
  const offsets = ['Z', 'z', '+00:00', '-00:00', '+05:30', '-23:59', '+24:00', '+0100', '+01', ''];
  for (const d of dates)
    for (const s of separators)
      for (const t of times) for (const f of fractions) for (const o of offsets) yield `${d}${s}${t}${f}${o}`;
}

describe('RFC3339_DATE_TIME_PATTERN (the pact matcher for format: date-time)', () => {
  it('accepts every date-time example of the spec, as the validator does', () => {
    const examples = dateTimeExamples(loadSpec().document);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      expect(isRfc3339DateTime(example)).toBe(true);
      expect(pattern.test(example)).toBe(true);
    }
  });

  it('is never tighter than the validator: whatever RFC 3339 accepts, the pact accepts', () => {
    let accepted = 0;
    for (const value of candidates()) {
      if (!isRfc3339DateTime(value)) continue;
      accepted++;
      if (!pattern.test(value)) throw new Error(`the pact regex refuses valid ${value}`);
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it('refuses what the RFC 3339 grammar refuses, except calendar and leap-second rules a regex cannot see', () => {
    const looser: string[] = [];
    for (const value of candidates()) {
      if (isRfc3339DateTime(value) || !pattern.test(value)) continue;
      looser.push(value);
    }
    for (const value of looser) expect(value).toMatch(/^(2023-02-29|2024-04-31)|:60/);
  });

  it.each([
    '2024-01-01 10:00:00Z',
    '2024-01-01T10:00:00+0100',
    '2024-01-01T10:00:00+01',
    '2024-01-01T10:00:00',
  ])('refuses %s', (value) => {
    expect(pattern.test(value)).toBe(false);
  });

  it('uses ASCII digit classes only, since the verifier reads \\d as any Unicode digit', () => {
    expect(RFC3339_DATE_TIME_PATTERN).not.toContain('\\d');
  });
});
