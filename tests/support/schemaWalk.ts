import { type ConvertedSpec, escapeSegment, type SchemaObject } from '../../src/spec';

/** A place in an instance, and the (converted) schema that governs it. */
export interface InstanceNode {
  readonly pointer: string;
  readonly schema: SchemaObject;
  readonly value: unknown;
}

/** Walks an instance alongside its converted schema, following `oas:N` references through the sites. */
export function* walkInstance(
  converted: ConvertedSpec,
  schema: SchemaObject,
  value: unknown,
  pointer = '',
): Generator<InstanceNode> {
  const resolved = resolve(converted, schema);
  yield { pointer, schema: resolved, value };
  if (Array.isArray(value) && resolved['items'] && typeof resolved['items'] === 'object') {
    for (const [i, item] of value.entries())
      yield* walkInstance(converted, resolved['items'] as SchemaObject, item, `${pointer}/${i}`);
  } else if (value !== null && typeof value === 'object') {
    const properties = (resolved['properties'] ?? {}) as Record<string, SchemaObject>;
    for (const [key, child] of Object.entries(value)) {
      const sub = properties[key];
      if (sub) yield* walkInstance(converted, sub, child, `${pointer}/${escapeSegment(key)}`);
    }
  }
}

function resolve(converted: ConvertedSpec, schema: SchemaObject): SchemaObject {
  let current = schema;
  for (let i = 0; i < 16 && typeof current['$ref'] === 'string'; i++) {
    const site = converted.sites.find((s) => s.id === current['$ref']);
    if (!site) throw new Error(`unresolved ${String(current['$ref'])}`);
    current = site.schema;
  }
  return current;
}

/** A deep copy with `fn` applied at `pointer` (the parent object and the last key are handed over). */
export function mutateAt(
  value: unknown,
  pointer: string,
  fn: (parent: Record<string, unknown>, key: string) => void,
): unknown {
  const copy = structuredClone(value);
  const segments = pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = segments.pop() as string;
  let parent: unknown = copy;
  for (const segment of segments) parent = (parent as Record<string, unknown>)[segment];
  fn(parent as Record<string, unknown>, last);
  return copy;
}
