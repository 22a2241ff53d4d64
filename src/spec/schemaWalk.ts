import type { SchemaObject } from './types';

/** Keywords whose value is a map of subschemas. */
const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas'] as const;
/** Keywords whose value is one subschema (or, for `items`/`additionalItems`, possibly a list). */
const SCHEMA_VALUES = [
  'additionalProperties',
  'items',
  'additionalItems',
  'unevaluatedItems',
  'unevaluatedProperties',
  'not',
  'propertyNames',
  'contains',
  'if',
  'then',
  'else',
  'contentSchema',
] as const;
/** Keywords whose value is a list of subschemas. */
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
export const COMPOSITION_KEYWORDS: readonly string[] = ['allOf', 'anyOf', 'oneOf'];
/** Keywords whose subschemas describe another value than their schema does (a property, an item). */
const INSTANCE_KEYWORDS = new Set([
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'items',
  'additionalItems',
  'prefixItems',
  'unevaluatedItems',
]);
/** Keywords whose subschemas never document what a value holds: their outcome is inverted, tested or partial. */
const INERT_KEYWORDS = new Set([
  'not',
  'if',
  'contains',
  'propertyNames',
  'contentSchema',
  'definitions',
  '$defs',
]);

export interface SchemaVisit {
  /** JSON pointer segments from the walk's root to this schema. */
  readonly segments: readonly string[];
  /** True below an `allOf`/`anyOf`/`oneOf`/`not`, where one branch does not see the others' properties. */
  readonly inComposition: boolean;
  /** True when this schema describes a property or an item of its parent's value, not the same value. */
  readonly describesChild: boolean;
  /** True below `not`, `if`, `contains`, `propertyNames` or definitions: what matches there is not what a value documents. */
  readonly inert: boolean;
}

const ROOT_VISIT: SchemaVisit = { segments: [], inComposition: false, describesChild: false, inert: false };

/** The direct subschemas of a schema, each with the pointer segments that lead to it. */
function children(schema: SchemaObject): { path: string[]; keyword: string; child: unknown }[] {
  const found: { path: string[]; keyword: string; child: unknown }[] = [];
  for (const keyword of SCHEMA_MAPS) {
    const map = schema[keyword];
    if (map && typeof map === 'object' && !Array.isArray(map)) {
      for (const [name, child] of Object.entries(map)) found.push({ path: [keyword, name], keyword, child });
    }
  }
  for (const keyword of [...SCHEMA_VALUES, ...SCHEMA_LISTS]) {
    const value = schema[keyword];
    if (Array.isArray(value)) {
      for (const [i, child] of value.entries()) found.push({ path: [keyword, String(i)], keyword, child });
    } else if (value !== undefined) {
      found.push({ path: [keyword], keyword, child: value });
    }
  }
  return found;
}

function below(visit: SchemaVisit, path: string[], keyword: string): SchemaVisit {
  return {
    segments: [...visit.segments, ...path],
    inComposition: visit.inComposition || COMPOSITION_KEYWORDS.includes(keyword) || keyword === 'not',
    describesChild: INSTANCE_KEYWORDS.has(keyword),
    inert: visit.inert || INERT_KEYWORDS.has(keyword),
  };
}

function isSchemaObject(value: unknown): value is SchemaObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Rebuilds a schema bottom-up, letting `transform` replace each (sub)schema after its children are rebuilt
 * (`original` is the schema object it was rebuilt from). The input is never mutated; boolean schemas are passed through.
 */
export function mapSchema(
  schema: unknown,
  transform: (schema: SchemaObject, visit: SchemaVisit, original: SchemaObject) => SchemaObject,
  visit: SchemaVisit = ROOT_VISIT,
): unknown {
  if (!isSchemaObject(schema)) return schema;
  const rebuilt: Record<string, unknown> = { ...schema };
  for (const { path, keyword, child } of children(schema)) {
    const mapped = mapSchema(child, transform, below(visit, path, keyword));
    if (path.length === 1) {
      rebuilt[keyword] = mapped;
    } else {
      const container =
        rebuilt[keyword] === schema[keyword] ? copyContainer(schema[keyword]) : rebuilt[keyword];
      (container as Record<string, unknown>)[path[1] as string] = mapped;
      rebuilt[keyword] = container;
    }
  }
  return transform(rebuilt, visit, schema);
}

/** Visits every (sub)schema object in place, parents first; nothing is copied. */
export function forEachSchema(
  schema: unknown,
  fn: (schema: SchemaObject, visit: SchemaVisit) => void,
  visit: SchemaVisit = ROOT_VISIT,
): void {
  if (!isSchemaObject(schema)) return;
  fn(schema, visit);
  for (const { path, keyword, child } of children(schema))
    forEachSchema(child, fn, below(visit, path, keyword));
}

function copyContainer(value: unknown): unknown {
  return Array.isArray(value) ? [...value] : { ...(value as object) };
}
