import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from './Finding';
import { type ParsedItem, readRecordings } from './readRecordings';
import { isRecordingProblem, parseRecording } from './recording';
import { compareFindings, type ExpectedFinding, parseRejectedCase } from './rejectedCase';
import type { SpecValidator } from './SpecValidator';

// A contracts folder (`recorded/` and `rejected/`) as `check` and `diff` read it: one walk, one judging.

/** The folders of a contracts folder, in the order they are checked. */
export const CONTRACT_FOLDERS = ['recorded', 'rejected'] as const;
export type ContractFolder = (typeof CONTRACT_FOLDERS)[number];

/**
 * Why a folder cannot be listed (`is not a directory`, `cannot be read (EACCES)`), or `undefined` when it can.
 * A missing folder is the caller's business (it may be optional).
 */
export function folderProblem(dir: string): string | undefined {
  try {
    readdirSync(dir);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    return code === 'ENOTDIR' ? 'is not a directory' : `cannot be read (${code ?? (error as Error).message})`;
  }
}

/**
 * What is wrong with a folder given as `--contracts`: unreadable, holding neither `recorded/` nor `rejected/`,
 * or one of them unreadable; `undefined` when it can be checked.
 */
export function contractsFolderProblem(dir: string): string | undefined {
  const own = folderProblem(dir);
  if (own !== undefined) return own;
  if (!CONTRACT_FOLDERS.some((name) => existsSync(path.join(dir, name))))
    return 'holds neither recorded/ nor rejected/';
  for (const name of CONTRACT_FOLDERS) {
    const problem = folderProblem(path.join(dir, name));
    if (problem !== undefined) return `holds ${name}/, which ${problem}`;
  }
  return undefined;
}

/**
 * The recordings of one folder of the contracts, read as `readRecordings` reads a folder; an absent or
 * empty folder gives none (the other folder may hold the cases). Sources are named relative to `cwd`.
 */
export async function* readContractFolder(
  contracts: string,
  name: ContractFolder,
  options: { readonly cwd: string; readonly stdin: NodeJS.ReadableStream },
): AsyncGenerator<ParsedItem> {
  const dir = path.join(contracts, name);
  if (!existsSync(dir) || readdirSync(dir).length === 0) return;
  const shown = path.relative(options.cwd, dir) || dir;
  yield* readRecordings([shown], { cwd: options.cwd, stdin: options.stdin });
}

/** How a rejected case fared: what it expected and did not get, and the errors it did not expect. */
export type RejectedCaseVerdict =
  | { readonly problem: string }
  | {
      readonly description: string;
      readonly passed: boolean;
      readonly missing: readonly ExpectedFinding[];
      readonly unexpected: readonly Finding[];
    };

/**
 * Judges one rejected case: it passes when its recording produces exactly the error findings it expects.
 * A case that is not one, or whose recording is not one, is a `problem`.
 */
export function judgeRejectedCase(validator: SpecValidator, value: unknown): RejectedCaseVerdict {
  const rejected = parseRejectedCase(value);
  if ('problem' in rejected) return { problem: rejected.problem };
  const response = parseRecording(rejected.recording, validator.spec);
  if (isRecordingProblem(response)) return { problem: response.problem };
  const { missing, unexpected } = compareFindings(
    rejected.expect,
    validator.validateResponse(response).findings,
  );
  return {
    description: rejected.description,
    passed: missing.length === 0 && unexpected.length === 0,
    missing,
    unexpected,
  };
}
