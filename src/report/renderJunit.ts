import type { ReportEntry, ReportSection } from './Report';
import { renderFinding } from './renderHuman';

/** JUnit XML for CI systems: a testsuite per section, a testcase per entry; warnings go to system-out. */
export function renderJunit(name: string, sections: readonly ReportSection[]): string {
  const count = (entries: readonly ReportEntry[], ...outcomes: string[]) =>
    entries.filter((e) => outcomes.includes(e.outcome)).length;
  const all = sections.flatMap((s) => s.entries);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(name)}" tests="${all.length}" failures="${count(all, 'failed')}" errors="${count(all, 'unreadable')}">`,
  ];
  for (const section of sections) {
    const { entries } = section;
    out.push(
      `  <testsuite name="${xml(section.name)}" tests="${entries.length}" failures="${count(entries, 'failed')}" errors="${count(entries, 'unreadable')}">`,
    );
    for (const entry of entries) {
      const testName = entry.title ? `${entry.source} ${entry.title}` : entry.source;
      out.push(`    <testcase classname="${xml(section.name)}" name="${xml(testName)}">`);
      const errors = entry.findings.filter((f) => f.severity === 'error');
      const warnings = entry.findings.filter((f) => f.severity === 'warning');
      if (entry.outcome === 'unreadable') {
        out.push(`      <error message="${xml(entry.message ?? 'unreadable')}"/>`);
      } else if (entry.outcome === 'failed') {
        const first = errors[0];
        const message =
          entry.message ?? (first ? `${first.pointer || '(response)'} ${first.message}` : 'failed');
        const body = [
          entry.message,
          ...errors.flatMap(renderFinding),
          entry.reproduction && `reproduce: ${entry.reproduction}`,
        ]
          .filter(Boolean)
          .join('\n');
        out.push(
          `      <failure message="${xml(message)}" type="${xml(first?.rule ?? 'contract')}">${xml(body)}</failure>`,
        );
      }
      if (warnings.length > 0)
        out.push(`      <system-out>${xml(warnings.flatMap(renderFinding).join('\n'))}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

function xml(text: string): string {
  return (
    text
      // XML 1.0 cannot carry most control characters, even escaped.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '�')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}
