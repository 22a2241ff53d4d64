import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { activityLog } from '../../src/generation';

function loadSeedModule(seed: string | undefined): typeof import('../support/seed') {
  const saved = process.env['TEST_SEED'];
  if (seed === undefined) delete process.env['TEST_SEED'];
  else process.env['TEST_SEED'] = seed;
  try {
    let loaded: typeof import('../support/seed') | undefined;
    jest.isolateModules(() => {
      loaded = jest.requireActual<typeof import('../support/seed')>('../support/seed');
    });
    return loaded as typeof import('../support/seed');
  } finally {
    if (saved === undefined) delete process.env['TEST_SEED'];
    else process.env['TEST_SEED'] = saved;
  }
}

describe('the seed of statistical tests', () => {
  it('replays the same samples when TEST_SEED names it, and the title of a failing test names it', () => {
    const first = loadSeedModule('123');
    const again = loadSeedModule('123');
    expect(first.SEED).toBe(123);
    expect(fc.sample(activityLog(), first.seeded(5))).toEqual(fc.sample(activityLog(), again.seeded(5)));
    expect(first.withSeed('activityLog()')).toBe('activityLog() [seed 123: TEST_SEED=123 replays it]');
  });

  it('is fresh on each run without TEST_SEED, and refuses one that is not an integer', () => {
    expect(new Set([1, 2, 3, 4].map(() => loadSeedModule(undefined).SEED)).size).toBeGreaterThan(1);
    expect(() => loadSeedModule('abc')).toThrow("TEST_SEED must be an integer, got 'abc'");
  });

  it.each([
    'generation/activityLog.test.ts',
    'generation/everyKeyword.test.ts',
    'generation/dateTime.test.ts',
  ])('is named in the titles of %s, which samples no value without it', (file) => {
    const source = readFileSync(path.join(__dirname, file), 'utf8');
    expect(source).toMatch(/describe\(withSeed\(/);
    // Every fc.sample there takes a seed: seeded(...) or a literal { seed }.
    expect(sampleParameters(source).filter((p) => !/^(seeded\(|\{ ?(seed|numRuns))/.test(p))).toEqual([]);
  });
});

/** The second argument of every `fc.sample(…)` call in a source text. */
function sampleParameters(source: string): string[] {
  const found: string[] = [];
  for (let at = source.indexOf('fc.sample('); at !== -1; at = source.indexOf('fc.sample(', at + 1)) {
    let depth = 0;
    let comma = -1;
    for (let i = at + 'fc.sample'.length; i < source.length; i++) {
      const c = source[i];
      if (c === '(' || c === '{' || c === '[') depth++;
      else if (c === ')' || c === '}' || c === ']') {
        if (--depth === 0) {
          found.push(comma === -1 ? '' : source.slice(comma + 1, i).trim());
          break;
        }
      } else if (c === ',' && depth === 1) comma = i;
    }
  }
  return found;
}
