import type { GroupedFindings } from './groupFindings';
import type { ReportEntry, ReportSection, Summary } from './Report';

/** The machine-readable report: the same entries and findings as the console, as one JSON document. */
export function renderJson(report: {
  readonly command: string;
  readonly summary: Summary;
  readonly sections: readonly ReportSection[];
}): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * The same document as `renderJson` for one section, in pieces, for reports of any size: `head`, then
 * `entry` for each entry as it comes, then `tail` with the summary once it is known.
 */
export const jsonStream = {
  head(command: string, section: string): string {
    return `{\n  "command": ${JSON.stringify(command)},\n  "sections": [\n    {\n      "name": ${JSON.stringify(section)},\n      "entries": [`;
  },
  entry(entry: ReportEntry, first: boolean): string {
    return `${first ? '' : ','}\n        ${JSON.stringify(entry)}`;
  },
  tail(summary: Summary): string {
    return `\n      ]\n    }\n  ],\n  "summary": ${JSON.stringify(summary)}\n}\n`;
  },
};

/**
 * The grouped report as one JSON document, in pieces: `head`, then `unreadable` for each unreadable input
 * listed, then `tail` with the groups and the summary once they are known. Its size grows with the number
 * of groups, not of responses:
 *
 * `{command, findings: "grouped", sections: [{name, unreadable: [entry…], findingCount, groups: [group…]}],
 * summary}`, each group a `FindingGroup`.
 */
export const groupedJsonStream = {
  head(command: string, section: string): string {
    return `{\n  "command": ${JSON.stringify(command)},\n  "findings": "grouped",\n  "sections": [\n    {\n      "name": ${JSON.stringify(section)},\n      "unreadable": [`;
  },
  unreadable(entry: ReportEntry, first: boolean): string {
    return jsonStream.entry(entry, first);
  },
  tail(grouped: GroupedFindings, summary: Summary): string {
    const groups = grouped.groups.map((group) => `\n        ${JSON.stringify(group)}`).join(',');
    return (
      `\n      ],\n      "findingCount": ${grouped.findings},\n      "groups": [${groups}\n      ]` +
      `\n    }\n  ],\n  "summary": ${JSON.stringify(summary)}\n}\n`
    );
  },
};

/**
 * Every finding, one JSON object a line, for machines: `{"kind":"finding","source",title,rule,severity,
 * pointer,keyword,message,spec}` for each finding of each response, `{"kind":"unreadable",source,message}`
 * for each input that could not be read, and `{"kind":"summary",checked,passed,…}` last.
 */
export const ndjsonStream = {
  entry(entry: ReportEntry): string {
    const { source, title } = entry;
    if (entry.outcome === 'unreadable')
      return `${JSON.stringify({ kind: 'unreadable', source, message: entry.message })}\n`;
    let out = '';
    for (const finding of entry.findings)
      out += `${JSON.stringify({ kind: 'finding', source, title, ...finding })}\n`;
    return out;
  },
  tail(summary: Summary): string {
    return `${JSON.stringify({ kind: 'summary', ...summary })}\n`;
  },
};
