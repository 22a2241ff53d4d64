import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { checkPactAgainstSpec } from '../pact/checkPactAgainstSpec';
import { PactFileError } from '../pact/PactFileError';
import { readPactFile } from '../pact/readPact';
import { deref, documentedResponses, escapeSegment, type Spec } from '../spec';
import {
  compareFindings,
  type Finding,
  isRecordingProblem,
  listExamples,
  parseRecording,
  parseRejectedCase,
  readRecordings,
  type SpecValidator,
  validateExample,
} from '../validation';

/** The consumer's own material, by kind. */
export type EvidenceKind = 'recorded' | 'rejected' | 'examples' | 'pacts';

/** One piece of evidence whose verdict is not the same under the new document. */
export interface EvidenceItem {
  /** `contracts/recorded/minimal.json`, `pacts/a-b.json`, `spec/x.yaml:131`. */
  readonly source: string;
  /** What it was checked as: `GET /activity-logs/{id} → 200`, a pact interaction's description. */
  readonly title: string;
  /** `now-fails`: it passed under the old document and fails under the new one; `now-passes`: the reverse. */
  readonly change: 'now-fails' | 'now-passes';
  /** The error findings under the new document (for a rejected case: those it did not expect). */
  readonly findings: readonly Finding[];
  /** What a rejected case expected and did not get under the new document. */
  readonly message?: string;
}

export interface EvidenceSection {
  readonly kind: EvidenceKind;
  /** How many pieces were checked under both documents. */
  readonly checked: number;
  readonly changed: readonly EvidenceItem[];
  /** Files that could not be read, and why. */
  readonly unreadable: readonly { readonly source: string; readonly message: string }[];
}

/** Where the consumer's material is; each is optional. */
export interface EvidenceSources {
  /** A folder holding `recorded/` and `rejected/` (as `check --contracts` reads it). */
  readonly contracts?: string;
  /** A folder of pact files. */
  readonly pacts?: string;
  /** Sources are named relative to it. */
  readonly cwd: string;
  readonly stdin: NodeJS.ReadableStream;
}

/**
 * Checks the consumer's material again under the new document and returns what changes verdict: recorded
 * responses, rejected cases, the old document's response examples (as responses) and the new document's
 * examples (against their own schemas), and pact interactions.
 *
 * @example await gatherEvidence(createValidator(oldSpec), createValidator(newSpec), { contracts: 'contracts', cwd, stdin })
 */
export async function gatherEvidence(
  before: SpecValidator,
  after: SpecValidator,
  sources: EvidenceSources,
): Promise<EvidenceSection[]> {
  const sections: EvidenceSection[] = [];
  if (sources.contracts !== undefined) {
    sections.push(await recordedEvidence(before, after, path.join(sources.contracts, 'recorded'), sources));
    sections.push(await rejectedEvidence(before, after, path.join(sources.contracts, 'rejected'), sources));
  }
  sections.push(exampleEvidence(before, after));
  if (sources.pacts !== undefined) sections.push(pactEvidence(before, after, sources.pacts, sources.cwd));
  return sections;
}

function errorsOf(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error');
}

/** The recordings of a folder, read as `check` reads them; an absent or empty folder gives none. */
async function* recordingsIn(
  dir: string,
  sources: EvidenceSources,
): AsyncGenerator<{ source: string; value: unknown } | { source: string; problem: string }> {
  if (!existsSync(dir) || readdirSync(dir).length === 0) return;
  const shown = path.relative(sources.cwd, dir) || dir;
  for await (const item of readRecordings([shown], { cwd: sources.cwd, stdin: sources.stdin })) {
    yield item.kind === 'unreadable'
      ? { source: item.source, problem: item.message }
      : { source: item.source, value: item.value };
  }
}

async function recordedEvidence(
  before: SpecValidator,
  after: SpecValidator,
  dir: string,
  sources: EvidenceSources,
): Promise<EvidenceSection> {
  let checked = 0;
  const changed: EvidenceItem[] = [];
  const unreadable: { source: string; message: string }[] = [];
  for await (const item of recordingsIn(dir, sources)) {
    if ('problem' in item) {
      unreadable.push({ source: item.source, message: item.problem });
      continue;
    }
    const response = parseRecording(item.value, before.spec);
    if (isRecordingProblem(response)) {
      unreadable.push({ source: item.source, message: response.problem });
      continue;
    }
    checked++;
    const old = before.validateResponse(response);
    const now = after.validateResponse(response);
    if (old.valid === now.valid) continue;
    changed.push({
      source: item.source,
      title: `${now.operation ?? old.operation ?? `${response.method} ${response.path}`} → ${response.status}`,
      change: now.valid ? 'now-passes' : 'now-fails',
      findings: errorsOf(now.findings),
    });
  }
  return { kind: 'recorded', checked, changed, unreadable };
}

async function rejectedEvidence(
  before: SpecValidator,
  after: SpecValidator,
  dir: string,
  sources: EvidenceSources,
): Promise<EvidenceSection> {
  let checked = 0;
  const changed: EvidenceItem[] = [];
  const unreadable: { source: string; message: string }[] = [];
  for await (const item of recordingsIn(dir, sources)) {
    if ('problem' in item) {
      unreadable.push({ source: item.source, message: item.problem });
      continue;
    }
    const rejected = parseRejectedCase(item.value);
    if ('problem' in rejected) {
      unreadable.push({ source: item.source, message: rejected.problem });
      continue;
    }
    const response = parseRecording(rejected.recording, before.spec);
    if (isRecordingProblem(response)) {
      unreadable.push({ source: item.source, message: response.problem });
      continue;
    }
    checked++;
    // A rejected case passes when the document refuses it exactly as the case expects.
    const judge = (validator: SpecValidator) =>
      compareFindings(rejected.expect, validator.validateResponse(response).findings);
    const old = judge(before);
    const now = judge(after);
    const passes = (r: typeof old) => r.missing.length === 0 && r.unexpected.length === 0;
    if (passes(old) === passes(now)) continue;
    changed.push({
      source: item.source,
      title: rejected.description,
      change: passes(now) ? 'now-passes' : 'now-fails',
      findings: now.unexpected,
      ...(now.missing.length > 0
        ? {
            message: now.missing
              .map(
                (m) => `no longer refused: expected ${m.rule} at ${m.pointer || '(response)'} (${m.keyword})`,
              )
              .join('\n'),
          }
        : {}),
    });
  }
  return { kind: 'rejected', checked, changed, unreadable };
}

/**
 * The old document's response examples, sent as responses to the new document (what a consumer copied into
 * its tests); and the new document's examples against their own schemas (an example that stops matching
 * its schema is the provider contradicting itself).
 */
function exampleEvidence(before: SpecValidator, after: SpecValidator): EvidenceSection {
  let checked = 0;
  const changed: EvidenceItem[] = [];
  const oldSpec = before.spec;
  const oldExamples = listExamples(oldSpec);
  for (const { operation, pointer, media } of documentedResponses(oldSpec)) {
    const status = statusOf(oldSpec, operation.object.responses, operation.pointer, pointer);
    if (status === undefined) continue;
    for (const one of media) {
      const type = one.pointer
        .slice(one.pointer.lastIndexOf('/') + 1)
        .replace(/~1/g, '/')
        .replace(/~0/g, '~');
      for (const example of oldExamples.filter((e) => e.schemaPointer === `${one.pointer}/schema`)) {
        checked++;
        const response = {
          method: operation.method.toUpperCase(),
          path: operation.path,
          status,
          headers: { 'content-type': type },
          body: example.value,
        };
        const old = before.validateResponse(response);
        const now = after.validateResponse(response);
        if (old.valid === now.valid) continue;
        const location = oldSpec.locate(example.pointer);
        changed.push({
          source: `${oldSpec.file}:${location.line ?? '?'}`,
          title: `old example ${location.path} as ${operation.method.toUpperCase()} ${operation.path} → ${status}`,
          change: now.valid ? 'now-passes' : 'now-fails',
          findings: errorsOf(now.findings),
        });
      }
    }
  }
  const oldByPointer = new Map(oldExamples.map((e) => [e.pointer, e]));
  for (const example of listExamples(after.spec)) {
    checked++;
    const now = errorsOf(validateExample(after, example));
    const previous = oldByPointer.get(example.pointer);
    const old = previous === undefined ? [] : errorsOf(validateExample(before, previous));
    if ((old.length === 0) === (now.length === 0)) continue;
    const location = after.spec.locate(example.pointer);
    changed.push({
      source: `${after.spec.file}:${location.line ?? '?'}`,
      title: `new example ${location.path} against its own schema`,
      change: now.length === 0 ? 'now-passes' : 'now-fails',
      findings: now,
    });
  }
  return { kind: 'examples', checked, changed, unreadable: [] };
}

/** The status a documented response answers (`2XX` read as 200); `default` answers none in particular. */
function statusOf(
  spec: Spec,
  responses: Readonly<Record<string, unknown>>,
  operationPointer: string,
  responsePointer: string,
): number | undefined {
  for (const [key, raw] of Object.entries(responses)) {
    const at = deref(spec, raw, `${operationPointer}/responses/${escapeSegment(key)}`).pointer;
    if (at !== responsePointer) continue;
    if (/^\d{3}$/.test(key)) return Number(key);
    if (/^[1-5]xx$/i.test(key)) return Number(key[0]) * 100;
  }
  return undefined;
}

function pactEvidence(
  before: SpecValidator,
  after: SpecValidator,
  dir: string,
  cwd: string,
): EvidenceSection {
  let checked = 0;
  const changed: EvidenceItem[] = [];
  const unreadable: { source: string; message: string }[] = [];
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  for (const name of files) {
    const file = path.join(dir, name);
    const source = path.relative(cwd, file) || file;
    try {
      const pact = readPactFile(file);
      const old = checkPactAgainstSpec(pact, before).interactions;
      const now = checkPactAgainstSpec(pact, after).interactions;
      for (const [i, interaction] of now.entries()) {
        checked++;
        const wasValid = errorsOf(old[i]?.findings ?? []).length === 0;
        const errors = errorsOf(interaction.findings);
        if (wasValid === (errors.length === 0)) continue;
        changed.push({
          source,
          title: `"${interaction.description}" → ${interaction.operation ?? 'no documented operation'} → ${interaction.status}`,
          change: errors.length === 0 ? 'now-passes' : 'now-fails',
          findings: errors,
        });
      }
    } catch (error) {
      if (!(error instanceof PactFileError)) throw error;
      unreadable.push({ source, message: error.message });
    }
  }
  return { kind: 'pacts', checked, changed, unreadable };
}
