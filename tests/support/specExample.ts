import { loadSpec } from '../../src/spec';

/** The spec's own example of an activity log (every optional field present): the seed of drifted test bodies. */
export function specExample(): Record<string, unknown> {
  const schema = loadSpec().document.components?.schemas?.['ActivityLogResponse'];
  const example = schema?.['example'];
  if (!example || typeof example !== 'object') throw new Error('the spec has no ActivityLogResponse example');
  return structuredClone(example) as Record<string, unknown>;
}
