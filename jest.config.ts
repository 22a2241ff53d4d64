import type { Config } from 'jest';

const config: Config = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // The slow suites (real vendor documents; the pact verifier against loopback providers, from the library and the CLI; a CLI process with
  // a closed pipe; the fuzz harness under a Jest of its own; `validate --jobs` reports on an input big enough for
  // its workers; the packed tarball built, installed and type-checked in an empty project) run in
  // `npm run test:integration`, which .ci/run calls after this one.
  testPathIgnorePatterns: ['/node_modules/', '/tests/integration/', '/tests/package/'],
  setupFiles: ['<rootDir>/tests/support/env.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 30_000,
  // Jest's default leaves one core idle; on the 2-core CI machine both halve the run.
  maxWorkers: '100%',
  // A worker that has run many files holds a heap of about 1 GB (each file loads its own copy of the
  // compiled validators); at the end of a run such workers missed Jest's exit deadline ("A worker process
  // has failed to exit gracefully", every full run on this machine). Recycling a worker once it passes
  // 256 MB keeps every run's output to the summary (512 MB still let it through under load).
  workerIdleMemoryLimit: '256MB',
  // The README's examples import the package by name; here that name is this repository's source.
  moduleNameMapper: {
    '^activity-log-contract$': '<rootDir>/src/index.ts',
    '^activity-log-contract/jest$': '<rootDir>/src/jest/index.ts',
  },
};

export default config;
