export type { Outcome, ReportEntry, ReportSection, Summary } from './Report';
export {
  addToSummary,
  emptySummary,
  entryFromResult,
  outcomeOf,
  summarize,
  unreadableEntry,
} from './Report';
export { renderEntry, renderFinding, renderSections, renderSummary } from './renderHuman';
export { jsonStream, renderJson } from './renderJson';
export {
  countEntries,
  junitHead,
  junitSuiteHead,
  junitSuiteTail,
  junitTail,
  junitTestcase,
  renderJunit,
} from './renderJunit';
