import type { SpecLocation } from '../spec';
import type { Finding, Rule, Severity } from '../validation';

/**
 * Findings that are the same but for the response they are in and the array indexes of their pointer: one
 * entry of a grouped report, e.g. `/activityLogItems/*\/region` undocumented in 81,213 responses.
 */
export interface FindingGroup {
  readonly rule: Rule;
  readonly severity: Severity;
  readonly keyword: string;
  /** The pointer with its array indexes written `*`: `/activityLogItems/*\/region`. */
  readonly pointer: string;
  /**
   * True for the group that counts a kind's findings (same rule, severity, keyword and spec location) at
   * pointers beyond the first `maxPointersPerKind` of that kind; its `pointer` and `message` are the first.
   */
  readonly otherPointers: boolean;
  /** The first finding's message; `messagesDiffer` says whether a later one said something else. */
  readonly message: string;
  readonly messagesDiffer: boolean;
  readonly spec: SpecLocation | undefined;
  /** How many findings the group holds… */
  readonly count: number;
  /** …in how many responses. */
  readonly responses: number;
  /** The sources of its first few responses (`corpus.ndjson:3`), in order. */
  readonly first: readonly string[];
}

/** What a stream of responses' findings adds up to. */
export interface GroupedFindings {
  /** Every finding, counted once: the sum of the groups' counts. */
  readonly findings: number;
  /** Errors first, then warnings, each in order of first occurrence. */
  readonly groups: readonly FindingGroup[];
}

/** One response's findings, as the stream brings them. */
export interface FindingResult {
  /** Where the response came from: `corpus.ndjson:17`. */
  readonly source: string;
  readonly findings: readonly Finding[];
}

/**
 * Bounds on memory and report size when pointers are many (undocumented properties with random names, say):
 * a pointer beyond them is counted in its kind's `otherPointers` group instead of a group of its own.
 */
export interface GroupLimits {
  /** The most pointers with a group of their own per kind (rule, severity, keyword, spec location). Default 50. */
  readonly maxPointersPerKind?: number;
  /** The most pointers with a group of their own in all. Default 1,000. */
  readonly maxGroups?: number;
  /** The most sources kept per group. Default 3. */
  readonly firstSources?: number;
}

export const DEFAULT_GROUP_LIMITS: Required<GroupLimits> = {
  maxPointersPerKind: 50,
  maxGroups: 1000,
  firstSources: 3,
};

/**
 * Groups the findings of an ordered stream of responses. The result depends only on the order of the
 * stream, so the same responses give the same groups however they were validated.
 *
 * @example renderGroupedFindings(groupFindings([{ source: 'a.json', findings: result.findings }]));
 */
export function groupFindings(results: Iterable<FindingResult>, limits: GroupLimits = {}): GroupedFindings {
  const groups = new FindingGroups(limits);
  for (const result of results) groups.add(result.source, result.findings);
  return groups.result();
}

/**
 * `groupFindings` one response at a time, for a stream of any length: memory grows with the number of
 * groups (bounded by `GroupLimits`), not of responses.
 */
export class FindingGroups {
  /** Every group, in order of first occurrence. */
  private readonly tallies: Tally[] = [];
  /** Groups of one pointer, by kind and pointer. */
  private readonly byPointer = new Map<string, Tally>();
  /** `otherPointers` groups, by kind. */
  private readonly byKind = new Map<string, Tally>();
  /** How many pointers of each kind have a group of their own. */
  private readonly pointersOfKind = new Map<string, number>();
  private readonly limits: Required<GroupLimits>;
  private responses = 0;
  private findings = 0;

  constructor(limits: GroupLimits = {}) {
    this.limits = { ...DEFAULT_GROUP_LIMITS, ...limits };
    for (const [name, value] of Object.entries(this.limits)) {
      if (!Number.isInteger(value) || value < 0)
        throw new RangeError(`${name} must be a whole number ≥ 0, got ${value}`);
    }
  }

  /** A response without findings: it only takes its number. */
  addNone(): void {
    this.responses++;
  }

  add(source: string, findings: readonly Finding[]): void {
    // Responses are numbered so that a group counts each once, whatever it holds of them.
    const response = ++this.responses;
    for (const finding of findings) {
      this.findings++;
      const tally = this.tallyFor(finding);
      tally.count++;
      if (finding.message !== tally.message) tally.messagesDiffer = true;
      if (tally.lastResponse !== response) {
        tally.lastResponse = response;
        tally.responses++;
        if (tally.first.length < this.limits.firstSources) tally.first.push(source);
      }
    }
  }

  result(): GroupedFindings {
    return {
      findings: this.findings,
      groups: [
        ...this.tallies.filter((tally) => tally.severity === 'error'),
        ...this.tallies.filter((tally) => tally.severity !== 'error'),
      ].map(toGroup),
    };
  }

  private tallyFor(finding: Finding): Tally {
    const pointer = pointerPattern(finding.pointer);
    const kind = kindKey(finding);
    const key = `${kind}\u0000${pointer}`;
    const known = this.byPointer.get(key);
    if (known) return known;
    const ofKind = this.pointersOfKind.get(kind) ?? 0;
    if (ofKind < this.limits.maxPointersPerKind && this.byPointer.size < this.limits.maxGroups) {
      this.pointersOfKind.set(kind, ofKind + 1);
      return this.newTally(this.byPointer, key, finding, pointer, false);
    }
    return this.byKind.get(kind) ?? this.newTally(this.byKind, kind, finding, pointer, true);
  }

  private newTally(
    index: Map<string, Tally>,
    key: string,
    finding: Finding,
    pointer: string,
    otherPointers: boolean,
  ): Tally {
    const { rule, severity, keyword, message, spec } = finding;
    const tally: Tally = {
      rule,
      severity,
      keyword,
      pointer,
      otherPointers,
      message,
      messagesDiffer: false,
      spec,
      count: 0,
      responses: 0,
      lastResponse: 0,
      first: [],
    };
    index.set(key, tally);
    this.tallies.push(tally);
    return tally;
  }
}

/** `/activityLogItems/12/region` → `/activityLogItems/*\/region`: a segment that can be an array index. */
export function pointerPattern(pointer: string): string {
  return pointer.replace(/\/(?:0|[1-9]\d*)(?=\/|$)/g, '/*');
}

/** A group while it is being counted: the same fields, the counts still growing. */
type Tally = Omit<FindingGroup, 'messagesDiffer' | 'count' | 'responses' | 'first'> & {
  messagesDiffer: boolean;
  count: number;
  responses: number;
  lastResponse: number;
  readonly first: string[];
};

function kindKey(finding: Finding): string {
  const spec = finding.spec === undefined ? '' : `${finding.spec.file}#${finding.spec.pointer}`;
  return JSON.stringify([finding.rule, finding.severity, finding.keyword, spec]);
}

function toGroup(tally: Tally): FindingGroup {
  const { lastResponse: _, first, ...group } = tally;
  return { ...group, first: [...first] };
}
