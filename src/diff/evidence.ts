import { checkPactAgainstSpec } from '../pact';
import { readPactFolder } from '../pact/readPactFolder';
import { documentedResponses, fromPointer, type Spec } from '../spec';
import {
  type Finding,
  isRecordingProblem,
  listExamples,
  parseRecording,
  type SpecExample,
  type SpecValidator,
  validateExample,
} from '../validation';
import { judgeRejectedCase, readContractFolder } from '../validation/contracts';
import type { ParsedItem } from '../validation/readRecordings';
import { mediaKey } from './operationScope';
import { canonicalJson } from './schemaView';

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
    sections.push(await recordedEvidence(before, after, sources.contracts, sources));
    sections.push(await rejectedEvidence(before, after, sources.contracts, sources));
  }
  sections.push(exampleEvidence(before, after));
  if (sources.pacts !== undefined) sections.push(pactEvidence(before, after, sources.pacts, sources.cwd));
  return sections;
}

function errorsOf(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error');
}

/** A section being filled: how many were checked, what changed verdict, what could not be read. */
function tally(): {
  checked: number;
  changed: EvidenceItem[];
  unreadable: { source: string; message: string }[];
} {
  return { checked: 0, changed: [], unreadable: [] };
}

/** The items of a contracts folder that could be read; the others are noted in `out` as unreadable. */
async function* readable(
  items: AsyncIterable<ParsedItem>,
  out: ReturnType<typeof tally>,
): AsyncGenerator<Extract<ParsedItem, { kind: 'value' }>> {
  for await (const item of items) {
    if (item.kind === 'unreadable') out.unreadable.push({ source: item.source, message: item.message });
    else yield item;
  }
}

async function recordedEvidence(
  before: SpecValidator,
  after: SpecValidator,
  contracts: string,
  sources: EvidenceSources,
): Promise<EvidenceSection> {
  const out = tally();
  for await (const item of readable(readContractFolder(contracts, 'recorded', sources), out)) {
    const response = parseRecording(item.value, before.spec);
    if (isRecordingProblem(response)) {
      out.unreadable.push({ source: item.source, message: response.problem });
      continue;
    }
    out.checked++;
    const old = before.validateResponse(response);
    const now = after.validateResponse(response);
    if (old.valid === now.valid) continue;
    out.changed.push({
      source: item.source,
      title: `${now.operation ?? old.operation ?? `${response.method} ${response.path}`} → ${response.status}`,
      change: now.valid ? 'now-passes' : 'now-fails',
      findings: errorsOf(now.findings),
    });
  }
  return { kind: 'recorded', ...out };
}

async function rejectedEvidence(
  before: SpecValidator,
  after: SpecValidator,
  contracts: string,
  sources: EvidenceSources,
): Promise<EvidenceSection> {
  const out = tally();
  for await (const item of readable(readContractFolder(contracts, 'rejected', sources), out)) {
    // A rejected case passes when the document refuses it exactly as the case expects: `check`'s judging.
    const old = judgeRejectedCase(before, item.value);
    const now = judgeRejectedCase(after, item.value);
    if ('problem' in old || 'problem' in now) {
      out.unreadable.push({
        source: item.source,
        message: 'problem' in old ? old.problem : (now as { problem: string }).problem,
      });
      continue;
    }
    out.checked++;
    if (old.passed === now.passed) continue;
    out.changed.push({
      source: item.source,
      title: now.description,
      change: now.passed ? 'now-passes' : 'now-fails',
      findings: [...now.unexpected],
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
  return { kind: 'rejected', ...out };
}

/**
 * The old document's response examples, sent as responses to the new document (what a consumer copied into
 * its tests); and the new document's examples against their own schemas (an example that stops matching
 * its schema is the provider contradicting itself).
 */
function exampleEvidence(before: SpecValidator, after: SpecValidator): EvidenceSection {
  const out = tally();
  const oldSpec = before.spec;
  const oldExamples = listExamples(oldSpec);
  for (const { operation, key, media } of documentedResponses(oldSpec)) {
    // `2XX` is read as 200; `default` answers no status in particular.
    const status = /^\d{3}$/.test(key)
      ? Number(key)
      : /^[1-5]xx$/i.test(key)
        ? Number(key[0]) * 100
        : undefined;
    if (status === undefined) continue;
    for (const one of media) {
      for (const example of oldExamples.filter((e) => e.schemaPointer === `${one.pointer}/schema`)) {
        out.checked++;
        const response = {
          method: operation.method.toUpperCase(),
          path: operation.path,
          status,
          headers: { 'content-type': mediaKey(one.pointer) },
          body: example.value,
        };
        const old = before.validateResponse(response);
        const now = after.validateResponse(response);
        if (old.valid === now.valid) continue;
        const location = oldSpec.locate(example.pointer);
        out.changed.push({
          source: `${oldSpec.file}:${location.line ?? '?'}`,
          title: `old example ${location.path} as ${operation.method.toUpperCase()} ${operation.path} → ${status}`,
          change: now.valid ? 'now-passes' : 'now-fails',
          findings: errorsOf(now.findings),
        });
      }
    }
  }
  const twinOf = exampleTwins(oldSpec, oldExamples);
  const newIndex = exampleIndex(after.spec);
  for (const example of listExamples(after.spec)) {
    out.checked++;
    const now = errorsOf(validateExample(after, example));
    const previous = twinOf(example, newIndex);
    const old = previous === undefined ? [] : errorsOf(validateExample(before, previous));
    if ((old.length === 0) === (now.length === 0)) continue;
    const location = after.spec.locate(example.pointer);
    out.changed.push({
      source: `${after.spec.file}:${location.line ?? '?'}`,
      title: `new example ${location.path} against its own schema`,
      change: now.length === 0 ? 'now-passes' : 'now-fails',
      findings: now,
    });
  }
  return { kind: 'examples', ...out };
}

/**
 * What a response example documents, whatever its pointer: `GET /logs/{id} 200 application/json example`,
 * from each media type's pointer (a response or example moved to a component keeps what it documents).
 */
function exampleIndex(spec: Spec): (example: SpecExample) => string | undefined {
  const byMedia = new Map<string, string>();
  for (const { operation, key, media } of documentedResponses(spec))
    for (const one of media) {
      const at = `${one.pointer}/schema`;
      if (!byMedia.has(at))
        byMedia.set(at, `${operation.method} ${operation.path} ${key} ${mediaKey(one.pointer)}`);
    }
  return (example) => {
    // An example of a schema inside the body, not of the body: its schema's own place says what it documents.
    if (example.pointer.startsWith(`${example.schemaPointer}/`)) return undefined;
    const documents = byMedia.get(example.schemaPointer);
    if (documents === undefined) return undefined;
    const segments = fromPointer(example.pointer);
    // `…/example`, or `…/examples/{name}/value` (the name of a component example when it was a `$ref`).
    const name = segments.at(-1) === 'example' ? 'example' : (segments.at(-2) ?? '');
    return `${documents} ${name}`;
  };
}

/**
 * The old example a new one is the same example as, so that its verdict is compared with its own: the one
 * at the same place with the same value; else the one documenting the same response with the same value;
 * else one with the same value anywhere (a renamed component's example); else the one documenting the same
 * response (a reworded example); else the one at the same pointer. None: a new example, passing before.
 */
function exampleTwins(
  oldSpec: Spec,
  oldExamples: readonly SpecExample[],
): (
  example: SpecExample,
  documentsOf: (example: SpecExample) => string | undefined,
) => SpecExample | undefined {
  const oldDocuments = exampleIndex(oldSpec);
  const byPointer = new Map(oldExamples.map((e) => [e.pointer, e]));
  const byValue = new Map<string, SpecExample[]>();
  const byDocuments = new Map<string, SpecExample>();
  for (const example of oldExamples) {
    const value = canonicalJson(example.value);
    byValue.set(value, [...(byValue.get(value) ?? []), example]);
    const documents = oldDocuments(example);
    if (documents !== undefined && !byDocuments.has(documents)) byDocuments.set(documents, example);
  }
  return (example, documentsOf) => {
    const value = canonicalJson(example.value);
    const documents = documentsOf(example);
    const sameValue = byValue.get(value) ?? [];
    const samePlace = byPointer.get(example.pointer);
    const sameDocuments = documents === undefined ? undefined : byDocuments.get(documents);
    return (
      sameValue.find((e) => e === samePlace) ??
      sameValue.find((e) => e === sameDocuments) ??
      sameValue[0] ??
      sameDocuments ??
      samePlace
    );
  };
}

function pactEvidence(
  before: SpecValidator,
  after: SpecValidator,
  dir: string,
  cwd: string,
): EvidenceSection {
  const out = tally();
  for (const file of readPactFolder(dir, cwd)) {
    if ('problem' in file) {
      out.unreadable.push({ source: file.source, message: file.problem });
      continue;
    }
    const old = checkPactAgainstSpec(file.pact, before).interactions;
    const now = checkPactAgainstSpec(file.pact, after).interactions;
    for (const [i, interaction] of now.entries()) {
      out.checked++;
      const wasValid = errorsOf(old[i]?.findings ?? []).length === 0;
      const errors = errorsOf(interaction.findings);
      if (wasValid === (errors.length === 0)) continue;
      out.changed.push({
        source: file.source,
        title: `"${interaction.description}" → ${interaction.operation ?? 'no documented operation'} → ${interaction.status}`,
        change: errors.length === 0 ? 'now-passes' : 'now-fails',
        findings: errors,
      });
    }
  }
  return { kind: 'pacts', ...out };
}
