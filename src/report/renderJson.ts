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
