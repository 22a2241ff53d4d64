import ajvEqual from 'ajv/dist/runtime/equal';

/**
 * Deep equality of JSON values. Ajv's own (fast-deep-equal) calls a value's `toString` or `valueOf` when the
 * object has its own, so a response body holding `{"toString": 1}` made `uniqueItems`, `enum` and `const`
 * throw instead of judging it; JSON data has no methods to call.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object')
    return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every(
    (key) =>
      Object.hasOwn(b, key) &&
      jsonEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/** Ajv's keywords read the equality function from this module when they compile: ours is used from then on. */
export function useJsonEqualInAjv(): void {
  const module = require('ajv/dist/runtime/equal') as { default: unknown };
  if (module.default === jsonEqual) return;
  (jsonEqual as unknown as { code: string }).code = (ajvEqual as unknown as { code: string }).code;
  module.default = jsonEqual;
}
