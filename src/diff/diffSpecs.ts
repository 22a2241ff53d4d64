import type { SpecValidator } from '../validation';
import type { ChangeSeverity, DocumentChange } from './DocumentChange';
import { diffDocuments } from './diffDocuments';
import { type EvidenceSection, type EvidenceSources, gatherEvidence } from './evidence';

/** What `diff` found: the document change, and the consumer's evidence re-checked under the new document. */
export interface DiffReport {
  readonly old: string;
  readonly new: string;
  /** Breaking first, then warnings, then safe changes; document order within each. */
  readonly changes: readonly DocumentChange[];
  readonly evidence: readonly EvidenceSection[];
  readonly counts: Readonly<Record<ChangeSeverity, number>> & {
    /** Evidence that passed under the old document and fails under the new one. */
    readonly nowFailing: number;
    readonly unreadable: number;
  };
}

const ORDER: Record<ChangeSeverity, number> = { breaking: 0, warning: 1, safe: 2 };

/**
 * Compares two versions of an OpenAPI document from the consumer's side, and checks the consumer's
 * recordings, rejected cases, examples and pacts again under the new one.
 *
 * @example const report = await diffSpecs(createValidator(loadSpec(a)), createValidator(loadSpec(b)), { cwd, stdin })
 */
export async function diffSpecs(
  before: SpecValidator,
  after: SpecValidator,
  sources: EvidenceSources,
): Promise<DiffReport> {
  const changes = diffDocuments(before.spec, after.spec)
    .map((change, index) => ({ change, index }))
    .sort((a, b) => ORDER[a.change.severity] - ORDER[b.change.severity] || a.index - b.index)
    .map(({ change }) => change);
  const evidence = await gatherEvidence(before, after, sources);
  const count = (severity: ChangeSeverity) => changes.filter((c) => c.severity === severity).length;
  return {
    old: before.spec.file,
    new: after.spec.file,
    changes,
    evidence,
    counts: {
      breaking: count('breaking'),
      warning: count('warning'),
      safe: count('safe'),
      nowFailing: evidence.reduce((n, s) => n + s.changed.filter((c) => c.change === 'now-fails').length, 0),
      unreadable: evidence.reduce((n, s) => n + s.unreadable.length, 0),
    },
  };
}

/** True when a consumer of the old document has something to fix: a breaking change, or evidence that now fails. */
export function breaksConsumers(report: DiffReport): boolean {
  return report.counts.breaking > 0 || report.counts.nowFailing > 0;
}
