export type { ChangeSeverity, DocumentChange } from './DocumentChange';
export { diffDocuments } from './diffDocuments';
export type { DiffReport } from './diffSpecs';
export { breaksConsumers, diffSpecs } from './diffSpecs';
export type { EvidenceItem, EvidenceKind, EvidenceSection, EvidenceSources } from './evidence';
export { gatherEvidence } from './evidence';
export {
  diffReportSections,
  evidenceSummary,
  renderDiffHuman,
  renderDiffJson,
  renderDiffMarkdown,
} from './renderDiff';
