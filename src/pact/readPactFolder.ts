import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { folderProblem } from '../validation/contracts';
import { PactFileError } from './PactFileError';
import { type PactDocument, readPactFile } from './readPact';

// A folder of pact files as `check --pacts` and `diff --pacts` read it: one walk, one order, one error shape.

/** One pact file of a folder: read, or why it could not be. `source` is named relative to the caller's cwd. */
export type PactFolderItem =
  | { readonly source: string; readonly pact: PactDocument }
  | { readonly source: string; readonly problem: string };

/** The `.json` files of a folder in name order, each read as a pact; an absent folder gives none. */
export function readPactFolder(dir: string, cwd: string): PactFolderItem[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      const source = path.relative(cwd, file) || file;
      try {
        return { source, pact: readPactFile(file) };
      } catch (error) {
        if (!(error instanceof PactFileError)) throw error;
        return { source, problem: error.message };
      }
    });
}

/** What is wrong with a folder given as `--pacts` (unreadable, or no `.json` file in it); `undefined` when none. */
export function pactsFolderProblem(dir: string): string | undefined {
  const problem = folderProblem(dir);
  if (problem !== undefined) return problem;
  if (!readdirSync(dir).some((f) => f.endsWith('.json'))) return 'holds no pact (.json) file';
  return undefined;
}
