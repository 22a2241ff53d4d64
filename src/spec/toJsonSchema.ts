import { openapiSchemaToJsonSchema } from '@openapi-contrib/openapi-schema-to-json-schema';
import { listOperations } from './operations';
import { escapeSegment, fromPointer, toPointer } from './pointer';
import { mapSchema } from './schemaWalk';
import type { MediaTypeObject, ResponseObject, SchemaObject, Spec } from './types';

/** A place in the spec that holds a schema (a component, a response body), converted to JSON Schema. */
export interface SchemaSite {
  /** The Ajv `$id` it is registered under: `oas:<n>`. */
  readonly id: string;
  /** Where the original lives in the spec, e.g. `/components/schemas/ActivityLogResponse`. */
  readonly pointer: string;
  readonly schema: SchemaObject;
}

export interface ConvertedSpec {
  readonly sites: readonly SchemaSite[];
  /**
   * The site that validates what the schema at `pointer` describes; a schema that is only a `$ref` to a
   * component resolves to the component's site, so findings name the component's lines.
   */
  siteAt(pointer: string): SchemaSite | undefined;
  /** Maps an Ajv `schemaPath` (`oas:3/properties/id/type`, or `#/…` relative to `base`) back to a spec pointer. */
  specPointer(schemaPath: string, base: SchemaSite): string;
}

export const SITE_ID_PREFIX = 'oas:';

/**
 * Converts every schema of an OpenAPI 3.0 document to JSON Schema (draft-07 vocabulary, as Ajv reads it),
 * with the maintained @openapi-contrib converter: `nullable` becomes a `null` type, `example`, `discriminator`
 * and `deprecated` are dropped as annotations, `writeOnly` properties are removed (these schemas describe
 * responses), and OpenAPI's numeric formats gain their bounds. `$ref`s are rewritten to site ids.
 */
export function convertSpec(spec: Spec): ConvertedSpec {
  const pointers: string[] = [];
  for (const name of Object.keys(spec.document.components?.schemas ?? {})) {
    pointers.push(toPointer(['components', 'schemas', name]));
  }
  for (const operation of listOperations(spec)) {
    for (const [status, response] of Object.entries(operation.object.responses)) {
      if ('$ref' in response) continue;
      for (const [mediaType, media] of Object.entries((response as ResponseObject).content ?? {})) {
        if (!(media as MediaTypeObject).schema) continue;
        pointers.push(
          `${operation.pointer}/responses/${escapeSegment(status)}/content/${escapeSegment(mediaType)}/schema`,
        );
      }
    }
  }
  const idOf = new Map(pointers.map((pointer, i) => [pointer, `${SITE_ID_PREFIX}${i}`]));

  const rewriteRef = (ref: string, where: string): string => {
    const target = fromPointer(decodeURIComponent(ref.slice(1)));
    for (let n = target.length; n > 0; n--) {
      const id = idOf.get(toPointer(target.slice(0, n)));
      if (id) return n === target.length ? id : `${id}#${toPointer(target.slice(n))}`;
    }
    throw new Error(`${spec.file}: $ref '${ref}' at ${where} does not point into a schema`);
  };

  const sites = pointers.map((pointer): SchemaSite => {
    const original = lookup(spec, pointer);
    const converted = openapiSchemaToJsonSchema(original as never, { removeWriteOnly: true }) as Record<
      string,
      unknown
    >;
    delete converted['$schema'];
    const withRefs = mapSchema(converted, (node) => {
      const ref = node['$ref'];
      if (typeof node['exclusiveMinimum'] === 'boolean' || typeof node['exclusiveMaximum'] === 'boolean') {
        return numericExclusiveBounds(node);
      }
      // OpenAPI 3.0 ignores a $ref's siblings (such as an `example` beside it), so they are dropped.
      return typeof ref === 'string' ? { $ref: rewriteRef(ref, pointer) } : node;
    }) as SchemaObject;
    return { id: idOf.get(pointer) ?? '', pointer, schema: { ...withRefs, $id: idOf.get(pointer) } };
  });
  const byId = new Map(sites.map((site) => [site.id, site]));
  const byPointer = new Map(sites.map((site) => [site.pointer, site]));

  return {
    sites,
    siteAt(pointer) {
      let site = byPointer.get(pointer);
      for (let hops = 0; site && hops < 32; hops++) {
        const ref = site.schema['$ref'];
        const onlyRef = Object.keys(site.schema).every((k) => k === '$ref' || k === '$id');
        const target = typeof ref === 'string' && onlyRef ? byId.get(ref) : undefined;
        if (!target) break;
        site = target;
      }
      return site;
    },
    specPointer(schemaPath, base) {
      const match = /^([a-z]+:[^/#]+)?#?(.*)$/.exec(schemaPath);
      const site = match?.[1] ? byId.get(match[1]) : base;
      return `${site?.pointer ?? base.pointer}${match?.[2] ?? ''}`;
    },
  };
}

function lookup(spec: Spec, pointer: string): SchemaObject {
  let node: unknown = spec.document;
  for (const segment of fromPointer(pointer)) node = (node as Record<string, unknown>)[segment];
  return node as SchemaObject;
}

/**
 * OpenAPI 3.0 (like draft-04) writes `exclusiveMinimum: true` beside `minimum`; the draft-07 vocabulary
 * Ajv reads wants the bound itself: `{minimum: 1, exclusiveMinimum: true}` → `{exclusiveMinimum: 1}`.
 */
function numericExclusiveBounds(node: SchemaObject): SchemaObject {
  const out: Record<string, unknown> = { ...node };
  for (const [exclusive, inclusive] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[exclusive] !== 'boolean') continue;
    if (out[exclusive] === true && typeof out[inclusive] === 'number') {
      out[exclusive] = out[inclusive];
      delete out[inclusive];
    } else {
      delete out[exclusive];
    }
  }
  return out;
}
