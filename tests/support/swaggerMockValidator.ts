import { execFile } from 'node:child_process';
import path from 'node:path';

const CLI = path.resolve(
  __dirname,
  '../../node_modules/@pactflow/swagger-mock-validator/bin/swagger-mock-validator.mjs',
);

export interface RefereeVerdict {
  readonly compatible: boolean;
  /** Error codes and how often each occurred, from its summary: `{ 'response.status.unknown': 1 }`. */
  readonly errors: Readonly<Record<string, number>>;
  readonly output: string;
}

/**
 * Runs PactFlow's swagger-mock-validator CLI (ESM-only, so in its own process) on a spec and a pact file.
 * It talks to no network: both arguments are local files and no analytics URL is given.
 */
export function swaggerMockValidator(specFile: string, pactFile: string): Promise<RefereeVerdict> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, specFile, pactFile], { timeout: 60_000 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      const code = (error as { code?: unknown } | null)?.code;
      if (error && typeof code !== 'number') return reject(error);
      const errors: Record<string, number> = {};
      const summary = /(\d+) error\(s\)\n((?:\t.+\n)*)/.exec(output);
      for (const line of summary?.[2]?.split('\n') ?? []) {
        const m = /^\t(\S+): (\d+)$/.exec(line);
        if (m?.[1]) errors[m[1]] = Number(m[2]);
      }
      resolve({ compatible: code === undefined || code === 0, errors, output });
    });
  });
}
