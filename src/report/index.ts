export type { FindingGroup, FindingResult, GroupedFindings, GroupLimits } from './groupFindings';
export { DEFAULT_GROUP_LIMITS, FindingGroups, groupFindings, pointerPattern } from './groupFindings';
export type { Outcome, ReportEntry, ReportSection, Summary } from './Report';
export {
  addToSummary,
  emptySummary,
  entryFromResult,
  outcomeOf,
  passedEntry,
  summarize,
  Tally,
  titleOf,
  unreadableEntry,
} from './Report';
export {
  formatCount,
  renderEntry,
  renderFinding,
  renderGroupedFindings,
  renderSections,
  renderSummary,
} from './renderHuman';
export { groupedJsonStream, jsonStream, ndjsonStream, renderJson } from './renderJson';
export {
  countEntries,
  junitHead,
  junitRemainderTestcase,
  junitSuiteHead,
  junitSuiteTail,
  junitTail,
  junitTestcase,
  renderJunit,
} from './renderJunit';
