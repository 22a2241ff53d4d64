import { COMPOSITION_KEYWORDS, mapSchema, type SchemaObject, type SchemaSite } from '../spec';

export const STRICT_ID_PREFIX = 'strict:';

export interface StrictTwin {
  readonly schema: SchemaObject;
  /** The object schemas that forbid undocumented properties only because the twin says so. */
  readonly tightened: WeakSet<object>;
}

/**
 * A copy of a site's schema in which every object schema that lists its `properties` (and says nothing
 * of others) forbids undocumented ones. Its errors are the original's errors plus one per undocumented
 * property, found in the same pass: a warning by default, an error under `--strict`. Object schemas
 * inside or beside `allOf`/`anyOf`/`oneOf`/`not` are left alone: one branch cannot see the properties
 * another allows.
 */
export function strictTwin(site: SchemaSite): StrictTwin {
  const tightened = new WeakSet<object>();
  const schema = mapSchema(site.schema, (node, visit) => {
    const out: Record<string, unknown> = { ...node };
    const ref = node['$ref'];
    if (typeof ref === 'string') out['$ref'] = toStrictId(ref);
    const id = node['$id'];
    if (typeof id === 'string') out['$id'] = toStrictId(id);
    const composed = visit.inComposition || COMPOSITION_KEYWORDS.some((k) => k in node) || 'not' in node;
    if (
      'properties' in node &&
      !('additionalProperties' in node) &&
      !('patternProperties' in node) &&
      !composed
    ) {
      out['additionalProperties'] = false;
      tightened.add(out);
    }
    return out;
  }) as SchemaObject;
  return { schema, tightened };
}

export function toStrictId(id: string): string {
  return id.replace(/^oas:/, STRICT_ID_PREFIX);
}

export function fromStrictId(schemaPath: string): string {
  return schemaPath.startsWith(STRICT_ID_PREFIX)
    ? `oas:${schemaPath.slice(STRICT_ID_PREFIX.length)}`
    : schemaPath;
}
