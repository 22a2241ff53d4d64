import type { ReportSection, Summary } from './Report';

/** The machine-readable report: the same entries and findings as the console, as one JSON document. */
export function renderJson(report: {
  readonly command: string;
  readonly summary: Summary;
  readonly sections: readonly ReportSection[];
  readonly [extra: string]: unknown;
}): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
