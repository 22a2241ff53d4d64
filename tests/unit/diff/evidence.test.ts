import path from 'node:path';
import { Readable } from 'node:stream';
import { type DiffReport, diffSpecs, evidenceSummary } from '../../../src/diff';
import { loadSpec, type Spec } from '../../../src/spec';
import { createValidator } from '../../../src/validation';
import { type Doc, drifted, ok, schemas } from '../../support/specs/diff/drift';

// The four drifted copies Specmatic's backward-compatibility check was tried on (issue 13): each judged on
// the consumer's own material, the bundled contracts and pacts.
const ROOT = path.resolve(__dirname, '../../..');
const before = createValidator(loadSpec());

async function diffAgainst(newSpec: Spec): Promise<DiffReport> {
  return diffSpecs(before, createValidator(newSpec), {
    contracts: path.join(ROOT, 'contracts'),
    pacts: path.join(ROOT, 'pacts'),
    cwd: ROOT,
    stdin: Readable.from([]),
  });
}

function section(report: DiffReport, kind: string) {
  const found = report.evidence.find((s) => s.kind === kind);
  if (!found) throw new Error(`no ${kind} evidence`);
  return found;
}

const nowFailing = (report: DiffReport, kind: string) =>
  section(report, kind)
    .changed.filter((c) => c.change === 'now-fails')
    .map((c) => c.source);

describe('evidence: the consumer’s material checked again under the new document', () => {
  it('changes no verdict when the document is the same', async () => {
    const report = await diffAgainst(loadSpec());
    expect(report.changes).toEqual([]);
    expect(report.counts.nowFailing).toBe(0);
    expect(report.evidence.map((s) => [s.kind, s.checked > 0, s.changed.length])).toEqual([
      ['recorded', true, 0],
      ['rejected', true, 0],
      ['examples', true, 0],
      ['pacts', true, 0],
    ]);
  });

  it('createdAt became an integer: every recorded 200 and both 200 pact interactions now fail', async () => {
    const report = await diffAgainst(
      drifted((doc: Doc) => (schemas(doc).ActivityLogResponse.properties.createdAt = { type: 'integer' })),
    );
    const recorded = section(report, 'recorded');
    expect(nowFailing(report, 'recorded')).toHaveLength(recorded.checked - 1); // all but the 401
    expect(evidenceSummary(recorded)).toMatch(
      new RegExp(
        `^${recorded.checked - 1} of ${recorded.checked} recorded responses would now fail: /createdAt must be integer`,
      ),
    );
    // Every case with a string createdAt now fails as `check --spec new` would fail it; only the two that
    // pinned its date-time format are no longer refused at all.
    const rejected = section(report, 'rejected').changed;
    expect(rejected.map((c) => c.source)).toEqual([
      'contracts/rejected/activity-type-null.json',
      'contracts/rejected/actor-without-entity-type.json',
      'contracts/rejected/created-at-space-separator.json',
      'contracts/rejected/created-at-without-offset.json',
      'contracts/rejected/id-as-number.json',
      'contracts/rejected/items-as-object.json',
    ]);
    expect(rejected.filter((c) => c.message?.startsWith('no longer refused')).map((c) => c.source)).toEqual([
      'contracts/rejected/created-at-space-separator.json',
      'contracts/rejected/created-at-without-offset.json',
    ]);
    expect(rejected[0]?.findings.map((f) => `${f.pointer} ${f.keyword}`)).toEqual(['/createdAt type']);
    // Both 200 interactions of the pact; the 401 one keeps its verdict.
    expect(section(report, 'pacts').changed.map((c) => c.title)).toEqual([
      '"a request for an activity log with every documented field" → GET /activity-logs/{id} → 200',
      '"a request for an activity log with only its required fields" → GET /activity-logs/{id} → 200',
    ]);
  });

  it('verb renamed: recorded responses fail on the missing new name', async () => {
    const report = await diffAgainst(
      drifted((doc: Doc) => {
        const item = schemas(doc).ActivityLogItemResponse;
        const { verb, ...rest } = item.properties;
        item.properties = { ...rest, action: verb };
        item.required = item.required.map((r: string) => (r === 'verb' ? 'action' : r));
      }),
    );
    expect(report.changes.map((c) => c.kind)).toEqual(['response-property-renamed']);
    const recorded = section(report, 'recorded');
    expect(recorded.changed[0]?.findings[0]?.message).toBe("must have required property 'action'");
    // The new document's own examples still say `verb`: they contradict its schema.
    expect(nowFailing(report, 'examples').length).toBeGreaterThan(0);
  });

  it('the actor lost entityType: the rejected case that pinned it is no longer refused', async () => {
    const report = await diffAgainst(
      drifted((doc: Doc) => {
        delete schemas(doc).ActivityLogActorResponse.properties.entityType;
        schemas(doc).ActivityLogActorResponse.required = ['id'];
      }),
    );
    expect(nowFailing(report, 'rejected')).toEqual(['contracts/rejected/actor-without-entity-type.json']);
    expect(section(report, 'rejected').changed[0]?.message).toMatch(
      /^no longer refused: expected response_schema_conformance at \/activityLogItems\/0\/activityLogActor \(required\)/,
    );
    // Recorded responses that still send entityType only warn (undocumented): their verdict holds.
    expect(nowFailing(report, 'recorded')).toEqual([]);
  });

  it('the example lost a required origin while the schema kept it: no document change, and the example is reported', async () => {
    const report = await diffAgainst(
      drifted((doc: Doc) => {
        delete ok(doc).content['application/json'].examples.ActivityLogResponse.value.origin;
      }),
    );
    expect(report.changes).toEqual([]);
    const examples = section(report, 'examples').changed;
    expect(examples.map((e) => [e.change, e.title])).toEqual([
      [
        'now-fails',
        'new example paths./activity-logs/{id}.get.responses.200.content.application/json.examples.ActivityLogResponse.value against its own schema',
      ],
    ]);
    expect(examples[0]?.findings[0]?.message).toBe("must have required property 'origin'");
    expect(report.counts.nowFailing).toBe(1);
  });

  it('a null activityType is accepted once the field is nullable: the rejected case pinning it now fails', async () => {
    const report = await diffAgainst(
      drifted((doc: Doc) => (schemas(doc).ActivityLogResponse.properties.activityType.nullable = true)),
    );
    expect(nowFailing(report, 'rejected')).toEqual(['contracts/rejected/activity-type-null.json']);
    expect(report.changes.map((c) => `${c.severity} ${c.kind}`)).toEqual([
      'breaking response-became-nullable',
    ]);
  });

  it('says what now passes too: recordings an old document refused pass under a fixed one', async () => {
    const broken = drifted(
      (doc: Doc) => (schemas(doc).ActivityLogResponse.properties.createdAt = { type: 'integer' }),
      'old.yaml',
    );
    const report = await diffSpecs(createValidator(broken), createValidator(loadSpec()), {
      contracts: path.join(ROOT, 'contracts'),
      cwd: ROOT,
      stdin: Readable.from([]),
    });
    const recorded = section(report, 'recorded');
    expect(recorded.changed.every((c) => c.change === 'now-passes')).toBe(true);
    expect(evidenceSummary(recorded)).toBe(
      `${recorded.checked - 1} of ${recorded.checked} recorded responses would now pass`,
    );
    expect(report.counts.nowFailing).toBe(0);
  });
});
