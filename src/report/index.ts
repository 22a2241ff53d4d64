export type { Outcome, ReportEntry, ReportSection, Summary } from './Report';
export {
  addToSummary,
  emptySummary,
  entryFromResult,
  outcomeOf,
  summarize,
  unreadableEntry,
} from './Report';
export { renderEntry, renderFinding, renderSummary } from './renderHuman';
export { renderJson } from './renderJson';
export { renderJunit } from './renderJunit';
