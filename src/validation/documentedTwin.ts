import type Ajv from 'ajv';
import type { KeywordCxt, KeywordDefinition } from 'ajv';
import { _, type Code, not, or, strConcat } from 'ajv/dist/compile/codegen';
import N from 'ajv/dist/compile/names';
import { isOwnProperty, propertyInData, usePattern } from 'ajv/dist/vocabularies/code';
import {
  type ConvertedSpec,
  escapeSegment,
  forEachSchema,
  mapSchema,
  type SchemaObject,
  type SchemaSite,
} from '../spec';

/** The twin of site `oas:3` is registered as `documented:3`. */
export const TWIN_ID_PREFIX = 'documented:';
/** The keyword that notes an undocumented property; its value is the spec pointer that documents the object. */
export const UNDOCUMENTED_KEYWORD = 'undocumentedAt';
/** The keyword that notes the undocumented properties of a closed object (see `documentedPropertiesKeyword`). */
export const DOCUMENTED_PROPERTIES_KEYWORD = 'documentedProperties';

/** The value of `documentedProperties`: what an object may hold, and where the spec says so. */
interface DocumentedProperties {
  readonly at: string;
  readonly names: readonly string[];
  readonly patterns: readonly string[];
}

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
  const composed = composedSites(model);
  return mapSchema(site.schema, (node, visit, original) => {
    const out: Record<string, unknown> = { ...node };
    const ref = node['$ref'];
    if (typeof ref === 'string') out['$ref'] = toTwinId(ref);
    if (typeof node['$id'] === 'string') out['$id'] = toTwinId(node['$id']);
    // The fast path: an object only this schema describes records its undocumented properties itself, with
    // `additionalProperties` (a static check), and nobody needs "unevaluated" tracking for it.
    const closed = !visit.inComposition && !visit.inert && !composed.has(site.id) && isClosedObject(original);
    if (closed) {
      const pointer = model.pointerOf(original);
      if (pointer !== undefined) {
        const documented: DocumentedProperties = {
          at: `${pointer}/properties`,
          names: Object.keys((original['properties'] as object | undefined) ?? {}),
          patterns: Object.keys((original['patternProperties'] as object | undefined) ?? {}),
        };
        out[DOCUMENTED_PROPERTIES_KEYWORD] = documented;
      }
    }
    if (visit.describesChild && !visit.inert && !closed && !closesItself(original, model, composed)) {
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
  const documentedAt =
    suffix || closesItself(site.schema, model, composedSites(model))
      ? undefined
      : documentationOf(site.schema, model);
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

/** Keywords beside which `properties` no longer say alone what an object may hold. */
const SHARED = ['$ref', 'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependentSchemas'];

/** An object schema that alone says which properties an object may hold. */
function isClosedObject(schema: SchemaObject): boolean {
  return (
    ('properties' in schema || 'patternProperties' in schema) &&
    !('additionalProperties' in schema) &&
    !('unevaluatedProperties' in schema) &&
    !SHARED.some((k) => k in schema)
  );
}

/** Whether a site root, or the schema a bare `$ref` names, records its own undocumented properties. */
function closesItself(schema: SchemaObject, model: ConvertedSpec, composed: ReadonlySet<string>): boolean {
  for (let node: SchemaObject | undefined = schema, hops = 0; node && hops < 32; hops++) {
    const ref = node['$ref'];
    if (typeof ref !== 'string') return false;
    if (Object.keys(node).some((k) => k !== '$ref' && SHARED.includes(k))) return false;
    const target = model.site(ref);
    if (!target || composed.has(target.id)) return false;
    if (isClosedObject(target.schema)) return true;
    node = target.schema;
  }
  return false;
}

const composedCache = new WeakMap<ConvertedSpec, ReadonlySet<string>>();

/**
 * The sites whose objects another schema may describe as well: reached (through any `$ref`s) from a
 * composition branch beside another branch that may hold an object, from `not`/`if`/`then`/`else`/
 * `dependentSchemas`, or from a `$ref` with applicator siblings. Their undocumented properties are left to
 * `unevaluatedProperties`, which sees every schema that applies.
 */
function composedSites(model: ConvertedSpec): ReadonlySet<string> {
  const cached = composedCache.get(model);
  if (cached) return cached;
  const seeds: unknown[] = [];
  for (const site of model.sites) {
    forEachSchema(site.schema, (node) => {
      for (const k of ['allOf', 'anyOf', 'oneOf']) {
        const branches = node[k];
        if (!Array.isArray(branches)) continue;
        const objectBranches = branches.filter((b) => mayHoldObject(b, model)).length;
        const beside = ['properties', 'patternProperties', '$ref'].some((key) => key in node);
        if (objectBranches > 1 || (objectBranches > 0 && beside)) seeds.push(...branches);
      }
      for (const k of ['not', 'if', 'then', 'else', 'dependentSchemas']) if (k in node) seeds.push(node[k]);
      if (
        typeof node['$ref'] === 'string' &&
        Object.keys(node).some((k) => k !== '$ref' && APPLICATORS.has(k))
      )
        seeds.push({ $ref: node['$ref'] });
    });
  }
  const composed = new Set<string>();
  const visit = (schema: unknown) =>
    forEachSchema(schema, (node) => {
      const target = typeof node['$ref'] === 'string' ? model.site(node['$ref']) : undefined;
      if (target && !composed.has(target.id)) {
        composed.add(target.id);
        visit(target.schema);
      }
    });
  for (const seed of seeds) visit(seed);
  composedCache.set(model, composed);
  return composed;
}

const APPLICATORS = new Set([
  ...SHARED,
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
]);

/** Whether a schema may accept an object (its `type`, or its `$ref`'s, allows one). */
function mayHoldObject(schema: unknown, model: ConvertedSpec, hops = 0): boolean {
  if (schema === false) return false;
  if (schema === null || typeof schema !== 'object') return true;
  const node = schema as SchemaObject;
  const type = node['type'];
  if (typeof type === 'string') return type === 'object';
  if (Array.isArray(type)) return type.includes('object');
  if ('const' in node || 'enum' in node) {
    const values = 'const' in node ? [node['const']] : (node['enum'] as unknown[]);
    return (
      Array.isArray(values) && values.some((v) => v !== null && typeof v === 'object' && !Array.isArray(v))
    );
  }
  const target = typeof node['$ref'] === 'string' ? model.site(node['$ref']) : undefined;
  return target && hops < 32 ? mayHoldObject(target.schema, model, hops + 1) : true;
}

function toTwinId(id: string): string {
  return id.replace(/^oas:/, TWIN_ID_PREFIX);
}

/**
 * `documentedProperties`, generated inline: an object whose keys are all declared names (the common case)
 * costs one count of its keys and one read of each declared name, which the `properties` keyword beside it
 * has just read too; only an object holding something else is walked key by key to record what. (Ajv's
 * `additionalProperties` looks every key up, in the property map once there are more than eight: the
 * largest part of a clean response's cost.) It records, and never fails.
 */
function documentedPropertiesKeyword(found: UndocumentedProperty[]): KeywordDefinition {
  const record = (instancePath: string, key: string, documentedAt: string): void => {
    found.push({ pointer: `${instancePath}/${escapeSegment(key)}`, documentedAt });
  };
  return {
    keyword: DOCUMENTED_PROPERTIES_KEYWORD,
    schemaType: 'object',
    code(cxt: KeywordCxt) {
      const { gen, data, it } = cxt;
      const { at, names, patterns } = cxt.schema as DocumentedProperties;
      // Like `additionalProperties`, it has judged every property: none is left for an `unevaluatedProperties`.
      it.props = true;
      const recorder = gen.scopeValue('func', { ref: record });
      // `data.toString !== undefined` holds for any object: a name the prototype has is asked for as its own.
      const present = (name: string): Code =>
        name in Object.prototype ? isOwnProperty(gen, data, name) : propertyInData(gen, data, name, false);
      gen.if(_`${data} && typeof ${data} == "object" && !Array.isArray(${data})`, () => {
        const keys = gen.let('keys', 0);
        gen.forIn('key', data, () => gen.code(_`${keys}++`));
        const declared =
          names.length === 0 ? _`0` : names.map((n) => _`(${present(n)})`).reduce((a, b) => _`${a} + ${b}`);
        gen.if(_`${keys} !== ${declared}`, () =>
          gen.forIn('key', data, (key) => {
            const known = [
              ...names.map((n) => _`${key} === ${n}`),
              ...patterns.map((p) => _`${usePattern(cxt, p)}.test(${key})`),
            ];
            const documented = known.length === 0 ? _`false` : or(...known);
            gen.if(not(documented), () =>
              gen.code(_`${recorder}(${strConcat(N.instancePath, it.errorPath)}, ${key}, ${at})`),
            );
          }),
        );
      });
    },
  };
}

/** Teaches an Ajv instance the twins' two keywords; both record into `found`. */
export function addUndocumentedKeywords(ajv: Ajv, found: UndocumentedProperty[]): void {
  ajv.addKeyword(undocumentedKeyword(found));
  ajv.addKeyword(documentedPropertiesKeyword(found));
}

/** The keyword's definition: it records, and never fails, so the twin's verdict is the site's. */
function undocumentedKeyword(found: UndocumentedProperty[]): KeywordDefinition {
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
