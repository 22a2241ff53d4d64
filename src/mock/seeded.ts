import type { Fault } from './faults';

/**
 * A 32-bit signed integer from a seed and some parts (FNV-1a over their text, then mixed): the same inputs give the
 * same number, on every machine. Seeds fast-check samples and the fault draws.
 *
 * @example seededHash(42, 'GET', '/activity-logs/a') === seededHash(42, 'GET', '/activity-logs/a') // true
 */
export function seededHash(seed: number, ...parts: readonly (string | number)[]): number {
  let hash = 0x811c9dc5 ^ seed;
  for (const char of parts.join('\u0000')) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  // FNV alone barely moves the high bits for a last character that differs by one (request 0, 1…):
  // murmur3's finaliser spreads every bit over the whole word.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash | 0;
}

/**
 * The fault `--fault-rate` gives the request that arrived `index`-th (from 0), or `undefined`: a seeded
 * draw, so the same seed and arrival order give the same faults.
 *
 * @example drawFault({ seed: 1, rate: 1, faults: [{ code: 503 }] }, 0) // { code: 503 }
 */
export function drawFault(
  options: { readonly seed: number; readonly rate: number; readonly faults: readonly Fault[] },
  index: number,
): Fault | undefined {
  const { seed, rate, faults } = options;
  if (rate <= 0 || faults.length === 0) return undefined;
  const roll = (seededHash(seed, 'fault', index) >>> 0) / 2 ** 32;
  if (roll >= rate) return undefined;
  return faults[(seededHash(seed, 'which', index) >>> 0) % faults.length];
}
