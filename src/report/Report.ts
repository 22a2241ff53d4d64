import type { Finding, ValidationResult } from '../validation';

/** How one checked thing came out. */
export type Outcome = 'passed' | 'warned' | 'failed' | 'unreadable';

/** One checked thing: a recording, an example, a contract case, a live exchange. */
export interface ReportEntry {
  /** What was checked: `contracts/recorded/minimal.json`, `corpus.ndjson:17`, `spec/x.yaml:131`. */
  readonly source: string;
  /** What it was checked as: `GET /activity-logs/{id} → 200`. */
  readonly title?: string;
  readonly outcome: Outcome;
  readonly findings: readonly Finding[];
  /** Why it could not be read, or what a contract case expected and did not get. */
  readonly message?: string;
  /** A command that reproduces the failure, credentials written as variables. */
  readonly reproduction?: string;
}

/** A named group of entries: `examples`, `recorded`, `rejected`, … */
export interface ReportSection {
  readonly name: string;
  readonly entries: readonly ReportEntry[];
  /** What was read but not checked, said once each: `format 'phone-number' is not checked (spec.yaml:12)`. */
  readonly notices?: readonly string[];
}

export interface Summary {
  readonly checked: number;
  readonly passed: number;
  readonly warned: number;
  readonly failed: number;
  readonly unreadable: number;
}

export function emptySummary(): Summary {
  return { checked: 0, passed: 0, warned: 0, failed: 0, unreadable: 0 };
}

export function addToSummary(summary: Summary, outcome: Outcome): Summary {
  return { ...summary, checked: summary.checked + 1, [outcome]: summary[outcome] + 1 };
}

/**
 * A summary counted in place, for runs of millions of entries (`addToSummary` makes an object an entry).
 * It is a `Summary`; `snapshot` gives one that stays as it is.
 */
export class Tally implements Summary {
  checked = 0;
  passed = 0;
  warned = 0;
  failed = 0;
  unreadable = 0;

  add(outcome: Outcome): void {
    this.checked++;
    this[outcome]++;
  }

  snapshot(): Summary {
    const { checked, passed, warned, failed, unreadable } = this;
    return { checked, passed, warned, failed, unreadable };
  }
}

export function summarize(entries: readonly ReportEntry[]): Summary {
  return entries.reduce((summary, entry) => addToSummary(summary, entry.outcome), emptySummary());
}

/** The outcome that findings add up to: any error fails, any warning warns. */
export function outcomeOf(findings: readonly Finding[]): Outcome {
  if (findings.some((f) => f.severity === 'error')) return 'failed';
  return findings.length > 0 ? 'warned' : 'passed';
}

/** A report entry for a validated response. */
export function entryFromResult(source: string, result: ValidationResult): ReportEntry {
  return { source, title: titleOf(result), outcome: outcomeOf(result.findings), findings: result.findings };
}

/** What a response was checked as: `GET /activity-logs/{id} → 200`. */
export function titleOf(result: ValidationResult): string {
  return `${result.operation ?? 'unknown operation'} → ${result.status}`;
}

/** The entry of a response that passed with nothing to say: what `entryFromResult` makes of it. */
export function passedEntry(source: string, title: string): ReportEntry {
  return { source, title, outcome: 'passed', findings: [] };
}

export function unreadableEntry(source: string, message: string): ReportEntry {
  return { source, outcome: 'unreadable', findings: [], message };
}
