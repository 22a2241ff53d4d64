import type { SchemaObject } from './types';

/** Keywords whose value is a map of subschemas. */
const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', '$defs'] as const;
/** Keywords whose value is one subschema. */
const SCHEMA_VALUES = [
  'additionalProperties',
  'items',
  'additionalItems',
  'not',
  'propertyNames',
  'contains',
] as const;
/** Keywords whose value is a list of subschemas. */
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;
export const COMPOSITION_KEYWORDS: readonly string[] = SCHEMA_LISTS;

export interface SchemaVisit {
  /** JSON pointer segments from the walk's root to this schema. */
  readonly segments: readonly string[];
  /** True below an `allOf`/`anyOf`/`oneOf`/`not`, where one branch does not see the others' properties. */
  readonly inComposition: boolean;
}

/**
 * Rebuilds a schema bottom-up, letting `transform` replace each (sub)schema after its children are rebuilt.
 * The input is never mutated; boolean schemas are passed through.
 */
export function mapSchema(
  schema: unknown,
  transform: (schema: SchemaObject, visit: SchemaVisit) => SchemaObject,
  visit: SchemaVisit = { segments: [], inComposition: false },
): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const source = schema as SchemaObject;
  const rebuilt: Record<string, unknown> = { ...source };
  const below = (keyword: string, ...rest: string[]): SchemaVisit => ({
    segments: [...visit.segments, keyword, ...rest],
    inComposition: visit.inComposition || SCHEMA_LISTS.includes(keyword as never) || keyword === 'not',
  });
  for (const keyword of SCHEMA_MAPS) {
    const map = source[keyword];
    if (map && typeof map === 'object' && !Array.isArray(map)) {
      const out: Record<string, unknown> = {};
      for (const [name, sub] of Object.entries(map))
        out[name] = mapSchema(sub, transform, below(keyword, name));
      rebuilt[keyword] = out;
    }
  }
  for (const keyword of SCHEMA_VALUES) {
    const sub = source[keyword];
    if (Array.isArray(sub)) {
      rebuilt[keyword] = sub.map((item, i) => mapSchema(item, transform, below(keyword, String(i))));
    } else if (sub !== undefined) {
      rebuilt[keyword] = mapSchema(sub, transform, below(keyword));
    }
  }
  for (const keyword of SCHEMA_LISTS) {
    const list = source[keyword];
    if (Array.isArray(list))
      rebuilt[keyword] = list.map((sub, i) => mapSchema(sub, transform, below(keyword, String(i))));
  }
  return transform(rebuilt, visit);
}
