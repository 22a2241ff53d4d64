import type { Finding } from '../validation';
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
