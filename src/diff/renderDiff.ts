import { type ReportEntry, type ReportSection, renderFinding } from '../report';
import type { SpecLocation } from '../spec';
import type { Finding } from '../validation';
import type { ChangeSeverity, DocumentChange } from './DocumentChange';
import type { DiffReport } from './diffSpecs';
import type { EvidenceItem, EvidenceKind, EvidenceSection } from './evidence';

// A terminal and a pull-request comment show the first few; `--format json` and the JUnit report hold all.
const HUMAN_ITEMS = 5;
const MARKDOWN_ITEMS = 10;
const MARK: Record<ChangeSeverity, string> = { breaking: '✖', warning: '⚠', safe: '✔' };
const NOUN: Record<EvidenceKind, string> = {
  recorded: 'recorded responses',
  rejected: 'rejected cases',
  examples: 'examples',
  pacts: 'pact interactions',
};

function where(location: SpecLocation | undefined): string {
  if (location === undefined) return '(not in this document)';
  return `${location.path || '(document)'}  (${location.file}:${location.line ?? '?'})`;
}

function place(change: DocumentChange): string {
  return `${change.operation}  ${change.where}${change.pointer === '' ? '' : `  ${change.pointer}`}`;
}

/** One line per evidence kind: `5 of 9 recorded responses would now fail: /activityLogItems/0 must have …`. */
export function evidenceSummary(section: EvidenceSection): string {
  const noun = NOUN[section.kind];
  const failing = section.changed.filter((c) => c.change === 'now-fails');
  const passing = section.changed.length - failing.length;
  const parts: string[] = [];
  if (failing.length > 0) {
    const first = failing[0] as EvidenceItem;
    const finding = first.findings[0];
    const why = first.message ?? (finding ? `${finding.pointer || '(response)'} ${finding.message}` : '');
    parts.push(
      `${failing.length} of ${section.checked} ${noun} would now fail${why ? `: ${why.split('\n')[0]}` : ''}`,
    );
  }
  if (passing > 0) parts.push(`${passing} of ${section.checked} ${noun} would now pass`);
  if (parts.length === 0) parts.push(`${section.checked} ${noun}, none changes verdict`);
  if (section.unreadable.length > 0) parts.push(`${section.unreadable.length} unreadable`);
  return parts.join('; ');
}

/** The evidence line when the documents say the same: evidence may still have changed verdict. */
function evidenceOnly(report: DiffReport): string {
  const checked = report.evidence.reduce((n, s) => n + s.checked, 0);
  const passing = report.evidence.reduce(
    (n, s) => n + s.changed.filter((c) => c.change === 'now-passes').length,
    0,
  );
  if (report.counts.nowFailing === 0 && passing === 0) return 'no changes';
  return `no document changes; evidence: ${report.counts.nowFailing} of ${checked} now fail${passing > 0 ? `, ${passing} now pass` : ''}`;
}

function totals(report: DiffReport): string {
  const { breaking, warning, safe, nowFailing } = report.counts;
  const checked = report.evidence.reduce((n, s) => n + s.checked, 0);
  return `${breaking} breaking, ${warning} ${warning === 1 ? 'warning' : 'warnings'}, ${safe} safe; evidence: ${nowFailing} of ${checked} now fail`;
}

/**
 * The report as a person reads it in a terminal or CI log: each change with where both documents say it,
 * then the evidence, then one line of totals.
 */
export function renderDiffHuman(report: DiffReport): string {
  const lines = [`diff ${report.old} → ${report.new}`, ''];
  if (report.changes.length === 0)
    lines.push(evidenceOnly(report) === 'no changes' ? 'no changes' : 'no document changes');
  for (const change of report.changes) {
    lines.push(`${MARK[change.severity]} ${change.severity}  ${change.kind}  ${place(change)}`);
    lines.push(`  ${change.message}`);
    lines.push(`    old: ${where(change.old)}`);
    lines.push(`    new: ${where(change.new)}`);
  }
  lines.push('', 'evidence, checked again under the new document:');
  for (const section of report.evidence) {
    lines.push(`  ${section.kind.padEnd(9)} ${evidenceSummary(section)}`);
    for (const item of section.changed.slice(0, HUMAN_ITEMS)) {
      lines.push(`    ${item.change === 'now-fails' ? '✖' : '✔'} ${item.source}  ${item.title}`);
      if (item.message) lines.push(...item.message.split('\n').map((l) => `      ${l}`));
      for (const finding of item.findings) lines.push(...renderFinding(finding).map((l) => `    ${l}`));
    }
    const more = section.changed.length - HUMAN_ITEMS;
    if (more > 0) lines.push(`    … and ${more} more (--format json lists them all)`);
    for (const { source, message } of section.unreadable)
      lines.push(`    ✖ ${source}  unreadable: ${message}`);
  }
  lines.push('', `diff: ${report.changes.length === 0 ? evidenceOnly(report) : totals(report)}`);
  return `${lines.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function code(text: string): string {
  return text === '' ? '' : `\`${text.replace(/`/g, "'")}\``;
}

function lineOf(location: SpecLocation | undefined): string {
  return location === undefined ? '—' : code(`${location.file}:${location.line ?? '?'}`);
}

/** The report as a pull-request comment: a table of breaking changes and warnings, safe ones folded, then the evidence. */
export function renderDiffMarkdown(report: DiffReport): string {
  const out = [`### API document diff: ${code(report.old)} → ${code(report.new)}`, ''];
  const summary = report.changes.length === 0 ? evidenceOnly(report) : totals(report);
  if (summary === 'no changes') out.push('No changes.', '');
  else out.push(`**${summary[0]?.toUpperCase()}${summary.slice(1)}**`, '');
  const row = (c: DocumentChange) =>
    `| ${MARK[c.severity]} ${c.severity} | ${code(c.kind)} | ${cell(`${c.operation} ${c.where}`)}${c.pointer === '' ? '' : ` ${code(c.pointer)}`} | ${cell(c.message)} | ${lineOf(c.old)} | ${lineOf(c.new)} |`;
  const head = ['| | Change | Where | What | Old | New |', '|---|---|---|---|---|---|'];
  const shown = report.changes.filter((c) => c.severity !== 'safe');
  const safe = report.changes.filter((c) => c.severity === 'safe');
  if (shown.length > 0) out.push(...head, ...shown.map(row), '');
  if (safe.length > 0) {
    out.push(
      `<details><summary>${safe.length} safe ${safe.length === 1 ? 'change' : 'changes'}</summary>`,
      '',
      ...head,
      ...safe.map(row),
      '',
      '</details>',
      '',
    );
  }
  out.push('#### Evidence, checked again under the new document', '');
  for (const section of report.evidence) {
    out.push(`- **${section.kind}**: ${cell(evidenceSummary(section))}`);
    for (const item of section.changed.slice(0, MARKDOWN_ITEMS)) {
      const finding = item.findings[0];
      const why = item.message ?? (finding ? `${finding.pointer || '(response)'} ${finding.message}` : '');
      out.push(
        `  - ${item.change === 'now-fails' ? '✖' : '✔'} ${code(item.source)} ${cell(item.title)}${why ? `: ${cell(why)}` : ''}`,
      );
    }
    const more = section.changed.length - MARKDOWN_ITEMS;
    if (more > 0) out.push(`  - … and ${more} more`);
  }
  return `${out.join('\n')}\n`;
}

/** The report as data: what `--format json` prints. */
export function renderDiffJson(report: DiffReport): string {
  return `${JSON.stringify({ command: 'diff', ...report }, null, 2)}\n`;
}

/** The report as `renderJunit`'s sections: one testcase per change, and per evidence that changed verdict. */
export function diffReportSections(report: DiffReport): ReportSection[] {
  const changes: ReportEntry[] = report.changes.map((change) => {
    const message = `${change.message}\nold: ${where(change.old)}\nnew: ${where(change.new)}`;
    return {
      source: change.kind,
      title: place(change),
      outcome:
        change.severity === 'breaking' ? 'failed' : change.severity === 'warning' ? 'warned' : 'passed',
      // A JUnit testcase carries a message only for a failure; a warning's text goes out as a warning finding.
      findings: change.severity === 'warning' ? [warningFinding(change)] : [],
      message,
    };
  });
  if (changes.length === 0)
    changes.push({ source: report.new, title: 'no changes', outcome: 'passed', findings: [] });
  const evidence = report.evidence.map(
    (section): ReportSection => ({
      name: `evidence ${section.kind}`,
      entries: [
        { source: NOUN[section.kind], title: evidenceSummary(section), outcome: 'passed', findings: [] },
        ...section.changed.map(
          (item): ReportEntry => ({
            source: item.source,
            title: item.title,
            outcome: item.change === 'now-fails' ? 'failed' : 'passed',
            findings: item.findings,
            ...(item.message === undefined ? {} : { message: item.message }),
          }),
        ),
        ...section.unreadable.map(
          (u): ReportEntry => ({ source: u.source, outcome: 'unreadable', findings: [], message: u.message }),
        ),
      ],
    }),
  );
  return [{ name: 'changes', entries: changes }, ...evidence];
}

/** A warning change as the finding JUnit writes to a testcase's output: its text, where the old document said it, and the new one's line as its spec. */
function warningFinding(change: DocumentChange): Finding {
  return {
    rule: change.kind.startsWith('request') ? 'request_conformance' : 'response_schema_conformance',
    severity: 'warning',
    pointer: change.pointer,
    keyword: change.kind,
    message: `${change.message} (old: ${where(change.old)})`,
    spec: change.new,
  };
}
