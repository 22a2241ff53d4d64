import { fuzzParser, loadSpec } from '../../../src';
import { drifted, schemas } from '../../support/specs/diff/drift';

// The README's `diff` section: a team rehearses an upgrade by fuzzing its own parser with the new document.
/** A parser written for the 2024-07-30 document: it insists on what that document promises (RFC 3339 allows leap seconds, which Date.parse refuses). */
function parseActivityLog(input: unknown): unknown {
  const log = input as { createdAt?: unknown; activityLogItems?: unknown };
  if (typeof log.createdAt !== 'string' || !/^\d{4}-\d\d-\d\d[Tt]/.test(log.createdAt))
    throw new Error('createdAt must be a date-time string');
  if (!Array.isArray(log.activityLogItems)) throw new Error('activityLogItems must be a list');
  return input;
}

describe('rehearsing an upgrade with fuzzParser and the new document', () => {
  it('passes with the document the parser was written for', async () => {
    const report = await fuzzParser(parseActivityLog, {
      properties: ['accepts-valid'],
      numRuns: 50,
      seed: 1,
    });
    expect(report.passed).toBe(true);
  });

  it('fails, saying why, with a document where createdAt became an integer', async () => {
    const newDocument = drifted(
      (doc) => (schemas(doc).ActivityLogResponse.properties.createdAt = { type: 'integer' }),
    );
    const report = await fuzzParser(parseActivityLog, {
      properties: ['accepts-valid'],
      numRuns: 50,
      seed: 1,
      generation: { spec: newDocument },
    });
    expect(report.passed).toBe(false);
    expect(report.message).toContain('createdAt must be a date-time string');
  });

  it('reads the new document from a file as the README shows', () => {
    expect(loadSpec('spec/activity-stream.2024-07-30.yaml').version).toBe('3.0');
  });
});
