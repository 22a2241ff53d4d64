import type { Finding } from '../validation';
import type { FindingGroup, GroupedFindings } from './groupFindings';
import { type ReportEntry, type ReportSection, type Summary, summarize } from './Report';

const MARK = { passed: '✔', warned: '⚠', failed: '✖', unreadable: '✖' } as const;

/**
 * One entry, as a person reads it in a terminal or CI log:
 *
 * ```
 * ✖ contracts/recorded/minimal.json  GET /activity-logs/{id} → 200
 *   /activityLogItems/0/activityLogActor  must have required property 'entityType'
 *     spec: components.schemas.ActivityLogActorResponse.required  (spec/….yaml:277)
 * ```
 */
export function renderEntry(entry: ReportEntry): string {
  const lines = [`${MARK[entry.outcome]} ${entry.source}${entry.title ? `  ${entry.title}` : ''}`];
  if (entry.outcome === 'unreadable') lines.push(`  unreadable: ${entry.message ?? 'unknown reason'}`);
  else if (entry.message) lines.push(`  ${entry.message}`);
  for (const finding of entry.findings) lines.push(...renderFinding(finding));
  if (entry.reproduction && entry.outcome === 'failed') lines.push(`  reproduce: ${entry.reproduction}`);
  return lines.join('\n');
}

export function renderFinding(finding: Finding): string[] {
  const where = finding.pointer === '' ? '(response)' : finding.pointer;
  const prefix = finding.severity === 'warning' ? 'warning: ' : '';
  const lines = [`  ${where}  ${prefix}${finding.message}`];
  if (finding.spec) {
    const line =
      finding.spec.line === undefined ? finding.spec.file : `${finding.spec.file}:${finding.spec.line}`;
    lines.push(`    spec: ${finding.spec.path || '(document)'}  (${line})`);
  }
  return lines;
}

/**
 * Grouped findings, as a person reads them: three lines a group, errors first, then warnings, each in order
 * of first occurrence.
 *
 * ```
 * ⚠ /activityLogItems/*\/region  warning: property 'region' is not documented in the spec (…)
 *   81,213 times in 40,022 responses, first: corpus.ndjson:3, corpus.ndjson:4, corpus.ndjson:9
 *   spec: components.schemas.ActivityLogItemResponse.properties  (spec/….yaml:247)
 * ```
 */
export function renderGroupedFindings(grouped: GroupedFindings): string[] {
  return grouped.groups.flatMap(renderFindingGroup);
}

function renderFindingGroup(group: FindingGroup): string[] {
  const where = `${group.pointer === '' ? '(response)' : group.pointer}${group.otherPointers ? ' and other pointers' : ''}`;
  const prefix = group.severity === 'warning' ? 'warning: ' : '';
  const differ = group.messagesDiffer ? '  (the first of differing messages)' : '';
  const mark = group.severity === 'warning' ? MARK.warned : MARK.failed;
  const lines = [`${mark} ${where}  ${prefix}${group.message}${differ}`, `  ${occurrences(group)}`];
  if (group.spec) {
    const line = group.spec.line === undefined ? group.spec.file : `${group.spec.file}:${group.spec.line}`;
    lines.push(`  spec: ${group.spec.path || '(document)'}  (${line})`);
  }
  return lines;
}

/** `in 1 response: a.json`, `4 times in 3 responses: …`, `in 81,213 responses, first: …`. */
function occurrences(group: FindingGroup): string {
  const times = group.count === group.responses ? '' : `${formatCount(group.count)} times `;
  const responses = `in ${formatCount(group.responses)} response${group.responses === 1 ? '' : 's'}`;
  if (group.first.length === 0) return `${times}${responses}`;
  const all = group.first.length === group.responses;
  return `${times}${responses}${all ? ': ' : ', first: '}${group.first.join(', ')}`;
}

/** `81213` → `81,213`, whatever the locale of the machine. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function renderSummary(title: string, summary: Summary): string {
  const parts = [`${summary.passed} passed`, `${summary.failed} failed`];
  if (summary.warned > 0) parts.push(`${summary.warned} with warnings`);
  if (summary.unreadable > 0) parts.push(`${summary.unreadable} unreadable`);
  return `${title}: ${summary.checked} checked, ${parts.join(', ')}`;
}

/** One summary line per section, each followed by its entries that did not pass, indented. */
export function renderSections(sections: readonly ReportSection[]): string {
  const lines: string[] = [];
  for (const section of sections) {
    lines.push(renderSummary(section.name, summarize(section.entries)));
    for (const notice of section.notices ?? []) lines.push(`  notice: ${notice}`);
    for (const entry of section.entries) {
      if (entry.outcome !== 'passed') lines.push(indent(renderEntry(entry)));
    }
  }
  return lines.map((line) => `${line}\n`).join('');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
