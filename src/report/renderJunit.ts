import type { Finding } from '../validation';
import type { ReportEntry, ReportSection } from './Report';
import { renderFinding } from './renderHuman';

interface Counts {
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
}

/** JUnit XML for CI systems: a testsuite per section, a testcase per entry; warnings go to system-out. */
export function renderJunit(name: string, sections: readonly ReportSection[]): string {
  const out = [junitHead(name, countEntries(sections.flatMap((s) => s.entries)))];
  for (const section of sections) {
    out.push(junitSuiteHead(section.name, countEntries(section.entries)));
    for (const entry of section.entries) out.push(junitTestcase(section.name, entry));
    out.push(junitSuiteTail());
  }
  out.push(junitTail());
  return out.join('');
}

/** The pieces of `renderJunit`, for writing a report of any size without holding it: head first, then cases. */
export function junitHead(name: string, counts: Counts): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(name)}"${attributes(counts)}>\n`;
}

export function junitSuiteHead(name: string, counts: Counts): string {
  return `  <testsuite name="${xml(name)}"${attributes(counts)}>\n`;
}

export function junitSuiteTail(): string {
  return '  </testsuite>\n';
}

export function junitTail(): string {
  return '</testsuites>\n';
}

/** An entry as a testcase; beyond `maxFindings` errors (and as many warnings), the rest are counted. */
export function junitTestcase(
  suite: string,
  entry: ReportEntry,
  maxFindings = Number.POSITIVE_INFINITY,
): string {
  const testName = entry.title ? `${entry.source} ${entry.title}` : entry.source;
  const out = [`    <testcase classname="${xml(suite)}" name="${xml(testName)}">`];
  const errors = entry.findings.filter((f) => f.severity === 'error');
  const warnings = entry.findings.filter((f) => f.severity === 'warning');
  const rendered = (findings: readonly Finding[]) => {
    const lines = findings.slice(0, maxFindings).flatMap(renderFinding);
    const more = findings.length - maxFindings;
    if (more > 0) lines.push(`  … and ${more} more`);
    return lines;
  };
  if (entry.outcome === 'unreadable') {
    out.push(`      <error message="${xml(entry.message ?? 'unreadable')}"/>`);
  } else if (entry.outcome === 'failed') {
    const first = errors[0];
    const message = entry.message ?? (first ? `${first.pointer || '(response)'} ${first.message}` : 'failed');
    const body = [
      entry.message,
      ...rendered(errors),
      entry.reproduction && `reproduce: ${entry.reproduction}`,
    ]
      .filter(Boolean)
      .join('\n');
    out.push(
      `      <failure message="${xml(message)}" type="${xml(first?.rule ?? 'contract')}">${xml(body)}</failure>`,
    );
  }
  if (warnings.length > 0) out.push(`      <system-out>${xml(rendered(warnings).join('\n'))}</system-out>`);
  out.push('    </testcase>');
  return `${out.join('\n')}\n`;
}

/**
 * One testcase standing for the responses not listed one by one: named after what they were, failing
 * when any of them failed or could not be read, with `output` (the grouped findings) as its system-out.
 */
export function junitRemainderTestcase(
  suite: string,
  remainder: { readonly name: string; readonly failure: string | undefined; readonly output: string },
): string {
  const out = [`    <testcase classname="${xml(suite)}" name="${xml(remainder.name)}">`];
  if (remainder.failure !== undefined)
    out.push(
      `      <failure message="${xml(remainder.failure)}" type="unlisted">${xml(remainder.failure)}</failure>`,
    );
  if (remainder.output !== '') out.push(`      <system-out>${xml(remainder.output)}</system-out>`);
  out.push('    </testcase>');
  return `${out.join('\n')}\n`;
}

export function countEntries(entries: readonly ReportEntry[]): Counts {
  let failures = 0;
  let errors = 0;
  for (const entry of entries) {
    if (entry.outcome === 'failed') failures++;
    else if (entry.outcome === 'unreadable') errors++;
  }
  return { tests: entries.length, failures, errors };
}

function attributes(counts: Counts): string {
  return ` tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}"`;
}

function xml(text: string): string {
  return (
    text
      // XML 1.0 cannot carry most control characters, even escaped.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}
