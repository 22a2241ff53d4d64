import type { KeywordDefinition } from 'ajv';
import { type ConvertedSpec, mapSchema, type SchemaObject, type SchemaSite } from '../spec';

/** The twin of site `oas:3` is registered as `documented:3`. */
export const TWIN_ID_PREFIX = 'documented:';
/** The keyword that notes an undocumented property; its value is the spec pointer that documents the object. */
export const UNDOCUMENTED_KEYWORD = 'undocumentedAt';

/** A property no schema that applies at its place declares. */
export interface UndocumentedProperty {
  /** JSON pointer of the property in the instance. */
  readonly pointer: string;
  /** Spec pointer of the `properties` (or schema) where it would be documented. */
  readonly documentedAt: string;
}

/**
 * A copy of a site's schema that also notes undocumented properties, in the same pass as validation: every
 * schema that describes a property or item value (and may hold an object) gets `unevaluatedProperties` with
 * a keyword that records each property no applicable schema evaluated, and always passes. JSON Schema's
 * "unevaluated" understands composition: a property declared by any `allOf` branch, by the `anyOf`/`oneOf`
 * branches that match, or by a `$ref`'d schema is documented. The twin accepts exactly what the site accepts.
 */
export function documentedTwin(
  site: SchemaSite,
  model: ConvertedSpec,
  pointerOfTwin: WeakMap<object, string>,
): SchemaObject {
  return mapSchema(site.schema, (node, visit, original) => {
    const out: Record<string, unknown> = { ...node };
    const ref = node['$ref'];
    if (typeof ref === 'string') out['$ref'] = toTwinId(ref);
    if (typeof node['$id'] === 'string') out['$id'] = toTwinId(node['$id']);
    if (visit.describesChild && !visit.inert) {
      const documentedAt = documentationOf(original, model);
      if (documentedAt !== undefined) out['unevaluatedProperties'] = { [UNDOCUMENTED_KEYWORD]: documentedAt };
    }
    const pointer = model.pointerOf(original);
    if (pointer !== undefined) pointerOfTwin.set(out, pointer);
    return out;
  }) as SchemaObject;
}

/** The schema to compile to check a value against (the twin of) a site, its top level included. */
export function twinEntry(site: SchemaSite, model: ConvertedSpec, suffix = ''): SchemaObject {
  const ref = `${toTwinId(site.id)}${suffix ? `#${suffix}` : ''}`;
  const documentedAt = suffix ? undefined : documentationOf(site.schema, model);
  return documentedAt === undefined
    ? { $ref: ref }
    : { $ref: ref, unevaluatedProperties: { [UNDOCUMENTED_KEYWORD]: documentedAt } };
}

/**
 * Where the properties of objects a schema describes are documented, or `undefined` when the schema cannot
 * hold an object or already says what other properties may be (`additionalProperties`, `unevaluatedProperties`).
 */
function documentationOf(schema: SchemaObject, model: ConvertedSpec): string | undefined {
  if ('additionalProperties' in schema || 'unevaluatedProperties' in schema) return undefined;
  const type = schema['type'];
  if (typeof type === 'string' && type !== 'object') return undefined;
  if (Array.isArray(type) && !type.includes('object')) return undefined;
  const pointer = model.pointerOf(schema);
  if ('properties' in schema || 'patternProperties' in schema) {
    return pointer === undefined ? undefined : `${pointer}/properties`;
  }
  const ref = schema['$ref'];
  if (typeof ref === 'string') {
    const target = model.site(ref);
    if (!target) return pointer;
    return documentationOf(target.schema, model) ?? undefined;
  }
  const applies = ['allOf', 'anyOf', 'oneOf', 'then', 'else', 'dependentSchemas'].some((k) => k in schema);
  if (!applies) return undefined;
  // One branch that can hold an object (`anyOf: [{$ref: X}, {type: 'null'}]`) documents it where it lives.
  const branches = ['allOf', 'anyOf', 'oneOf'].flatMap((k) =>
    Array.isArray(schema[k]) ? (schema[k] as unknown[]) : [],
  );
  const places = new Set(
    branches.map((b) =>
      b !== null && typeof b === 'object' ? documentationOf(b as SchemaObject, model) : undefined,
    ),
  );
  places.delete(undefined);
  const [only] = places;
  return places.size === 1 && !('then' in schema) && !('else' in schema) ? only : pointer;
}

function toTwinId(id: string): string {
  return id.replace(/^oas:/, TWIN_ID_PREFIX);
}

/** The keyword's definition: it records, and never fails, so the twin's verdict is the site's. */
export function undocumentedKeyword(found: UndocumentedProperty[]): KeywordDefinition {
  return {
    keyword: UNDOCUMENTED_KEYWORD,
    schemaType: 'string',
    errors: false,
    validate: (
      documentedAt: string,
      _data: unknown,
      _parent: unknown,
      context?: { instancePath: string },
    ) => {
      found.push({ pointer: context?.instancePath ?? '', documentedAt });
      return true;
    },
  };
}
