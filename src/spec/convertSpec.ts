import {
  deref,
  documentedResponses,
  listOperations,
  mediaTypes,
  operationParameterPointers,
} from './operations';
import { escapeSegment, getAtPointer, toPointer } from './pointer';
import { forEachSchema } from './schemaWalk';
import { type SchemaNotice, toJsonSchema } from './toJsonSchema';
import type { SchemaObject, Spec } from './types';

/** Why a schema is a site: what reads it. */
export type SiteKind = 'component' | 'response' | 'header' | 'parameter' | 'request' | 'reference';

/** A place in the spec that holds a schema (a component, a response body, a `$ref` target), converted once. */
export interface SchemaSite {
  /** The Ajv `$id` it is registered under: `oas:<n>`. */
  readonly id: string;
  /** Where the original lives in the spec, e.g. `/components/schemas/ActivityLogResponse`. */
  readonly pointer: string;
  readonly kind: SiteKind;
  /** JSON Schema 2020-12; `$ref`s name other sites' ids. */
  readonly schema: SchemaObject;
}

/** The one schema model of a document: every schema it holds, converted once, with where each came from. */
export interface ConvertedSpec {
  readonly sites: readonly SchemaSite[];
  /** Formats and patterns the document uses that are not checked, once each. */
  readonly notices: readonly SchemaNotice[];
  /**
   * The site that validates what the schema at `pointer` describes; a schema that is only a `$ref` resolves
   * to its target's site, so findings name the target's lines.
   */
  siteAt(pointer: string): SchemaSite | undefined;
  /** The site registered under an id (`oas:3`). */
  site(id: string): SchemaSite | undefined;
  /**
   * Any schema of the document by its spec pointer: the site that holds it, and the JSON pointer to its
   * converted form inside that site (`''` for the site itself); `undefined` when no site holds it.
   */
  locateSchema(pointer: string): { readonly site: SchemaSite; readonly suffix: string } | undefined;
  /** The spec pointer a converted (sub)schema object was made from. */
  pointerOf(schema: object): string | undefined;
  /** Maps an Ajv `schemaPath` (`oas:3/properties/id/type`, or `#/…` relative to `base`) back to a spec pointer. */
  specPointer(schemaPath: string, base: SchemaSite): string;
}

export const SITE_ID_PREFIX = 'oas:';

const converted = new WeakMap<Spec, ConvertedSpec>();

/**
 * The document's schema model, built once per loaded spec: every component schema, every schema of every
 * operation (response bodies and headers, parameters, request bodies; `$ref`'d responses, parameters and
 * headers followed), and every `$ref` target, each converted to JSON Schema 2020-12 by `toJsonSchema`.
 *
 * @example convertSpec(loadSpec()).siteAt('/components/schemas/ActivityLogResponse')?.schema
 */
export function convertSpec(spec: Spec): ConvertedSpec {
  const known = converted.get(spec);
  if (known) return known;
  const model = buildModel(spec);
  converted.set(spec, model);
  return model;
}

function buildModel(spec: Spec): ConvertedSpec {
  const pending: { pointer: string; kind: SiteKind }[] = [];
  const idOf = new Map<string, string>();
  const kindOf = new Map<string, SiteKind>();
  const enqueue = (pointer: string, kind: SiteKind): string => {
    let id = idOf.get(pointer);
    if (id === undefined) {
      id = `${SITE_ID_PREFIX}${idOf.size}`;
      idOf.set(pointer, id);
      kindOf.set(pointer, kind);
      pending.push({ pointer, kind });
    }
    return id;
  };
  for (const pointer of schemaPointers(spec)) enqueue(pointer.pointer, pointer.kind);

  const pointerOf = new WeakMap<object, string>();
  const notices: SchemaNotice[] = [];
  const context = {
    version: spec.version,
    document: spec.document,
    refId: (pointer: string) => enqueue(pointer, 'reference'),
    pointerOf,
    notices,
  };
  const sites: SchemaSite[] = [];
  for (let next = pending.shift(); next; next = pending.shift()) {
    const original = getAtPointer(spec.document, next.pointer);
    const schema = toJsonSchema(original, next.pointer, context);
    const id = idOf.get(next.pointer) as string;
    const site: SchemaSite = {
      id,
      pointer: next.pointer,
      kind: kindOf.get(next.pointer) as SiteKind,
      schema: typeof schema === 'boolean' ? (schema ? {} : { not: {} }) : { ...(schema as object), $id: id },
    };
    pointerOf.set(site.schema, next.pointer);
    sites.push(site);
  }
  const byId = new Map(sites.map((site) => [site.id, site]));
  const byPointer = new Map(sites.map((site) => [site.pointer, site]));
  const seen = new Set<string>();
  const uniqueNotices = notices.filter((n) => !seen.has(n.message) && seen.add(n.message));

  return {
    sites,
    notices: uniqueNotices,
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
    site: (id) => byId.get(id),
    locateSchema(pointer) {
      const exact = this.siteAt(pointer);
      if (exact) return { site: exact, suffix: '' };
      for (const site of sites) {
        if (!pointer.startsWith(`${site.pointer}/`)) continue;
        // Conversion may wrap a schema (3.0's nullable), so its converted place is found by where it came from.
        let suffix: string | undefined;
        forEachSchema(site.schema, (node, visit) => {
          if (suffix === undefined && pointerOf.get(node) === pointer) suffix = toPointer(visit.segments);
        });
        if (suffix !== undefined) return { site, suffix };
      }
      return undefined;
    },
    pointerOf: (schema) => pointerOf.get(schema),
    specPointer(schemaPath, base) {
      const match = /^([a-z]+:[^/#]+)?#?(.*)$/.exec(schemaPath);
      const site = match?.[1] ? byId.get(match[1]) : base;
      return `${site?.pointer ?? base.pointer}${match?.[2] ?? ''}`;
    },
  };
}

/** Every schema the document's components and operations hold, each at the pointer it is written at. */
function schemaPointers(spec: Spec): { pointer: string; kind: SiteKind }[] {
  const found: { pointer: string; kind: SiteKind }[] = [];
  for (const name of Object.keys(spec.document.components?.schemas ?? {})) {
    found.push({ pointer: toPointer(['components', 'schemas', name]), kind: 'component' });
  }
  const mediaSchemas = (content: unknown, base: string, kind: SiteKind) => {
    for (const media of mediaTypes(content, base)) {
      if (media.object.schema !== undefined) found.push({ pointer: `${media.pointer}/schema`, kind });
    }
  };
  for (const { pointer, response } of documentedResponses(spec)) {
    mediaSchemas(response.content, pointer, 'response');
    for (const [name, rawHeader] of Object.entries(response.headers ?? {})) {
      const header = deref<{ schema?: SchemaObject }>(
        spec,
        rawHeader as { schema?: SchemaObject },
        `${pointer}/headers/${escapeSegment(name)}`,
      );
      if (header.value?.schema !== undefined)
        found.push({ pointer: `${header.pointer}/schema`, kind: 'header' });
    }
  }
  for (const operation of listOperations(spec)) {
    for (const pointer of operationParameterPointers(spec, operation)) {
      const parameter = getAtPointer(spec.document, pointer) as { schema?: unknown; content?: unknown };
      if (parameter.schema !== undefined) found.push({ pointer: `${pointer}/schema`, kind: 'parameter' });
      else mediaSchemas(parameter.content, pointer, 'parameter');
    }
    const requestBody = (operation.object as { requestBody?: unknown }).requestBody;
    if (requestBody !== undefined) {
      const body = deref<{ content?: unknown }>(
        spec,
        requestBody as object,
        `${operation.pointer}/requestBody`,
      );
      mediaSchemas(body.value?.content, body.pointer, 'request');
    }
  }
  const seen = new Set<string>();
  return found.filter(({ pointer }) => !seen.has(pointer) && seen.add(pointer));
}
