import type { Operation } from '../spec';

/**
 * The status a well-formed request gets: the lowest documented 2xx code; else 200 when the operation
 * documents `2XX` or `default`; else its first documented code.
 *
 * @example successStatus(defaultOperation(loadSpec())) // 200
 */
export function successStatus(operation: Operation): number {
  const keys = Object.keys(operation.object.responses ?? {});
  const exact = keys.filter((k) => /^2\d\d$/.test(k)).map(Number);
  if (exact.length > 0) return Math.min(...exact);
  if (keys.some((k) => /^2xx$/i.test(k) || k === 'default')) return 200;
  const first = keys.map(Number).find((n) => Number.isInteger(n) && n >= 200 && n <= 599);
  return first ?? 200;
}
