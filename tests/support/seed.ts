/**
 * The seed of this test file's random samples: fresh on every run (so runs keep exploring), or the one in
 * TEST_SEED. Statistical tests name it in their titles, so a failure prints the seed that replays it:
 * `TEST_SEED=123 npx jest tests/unit/generation/activityLog.test.ts`.
 */
export const SEED = seedFromEnv(process.env['TEST_SEED']);

/** `fc.sample` / `fc.assert` parameters with this file's seed (offset, for a second independent sample). */
export function seeded(numRuns: number, offset = 0): { seed: number; numRuns: number } {
  return { seed: (SEED + offset) | 0, numRuns };
}

/** A describe title that names the seed: `activityLog() [seed 123: TEST_SEED=123 replays it]`. */
export function withSeed(title: string): string {
  return `${title} [seed ${SEED}: TEST_SEED=${SEED} replays it]`;
}

function seedFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw === '') return (Date.now() ^ (Math.random() * 0x100000000)) | 0;
  const seed = Number(raw);
  if (!Number.isInteger(seed)) throw new Error(`TEST_SEED must be an integer, got '${raw}'`);
  return seed | 0;
}
