import { execFileSync } from 'node:child_process';

/** The commit to publish as: `--flag`, else the CI's variable, else `git rev-parse HEAD`; `undefined` if none. */
export function gitCommit(cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  return env['GITHUB_SHA'] || env['CI_COMMIT_SHA'] || env['GIT_COMMIT'] || git(cwd, ['rev-parse', 'HEAD']);
}

/** The branch: the CI's variable (a pull request's head branch first), else `git rev-parse --abbrev-ref HEAD`. */
export function gitBranch(cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  const fromCi =
    env['GITHUB_HEAD_REF'] || env['GITHUB_REF_NAME'] || env['CI_COMMIT_REF_NAME'] || env['GIT_BRANCH'];
  if (fromCi) return fromCi;
  const branch = git(cwd, ['rev-parse', '--abbrev-ref', 'HEAD']);
  return branch === 'HEAD' ? undefined : branch;
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return (
      execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 })
        .toString()
        .trim() || undefined
    );
  } catch {
    return undefined;
  }
}
