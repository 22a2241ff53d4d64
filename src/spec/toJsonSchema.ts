import { escapeSegment, fromPointer, getAtPointer } from './pointer';
import type { SchemaObject } from './types';

/** The OpenAPI version family a document's schemas are written in. */
export type OpenApiVersion = '3.0' | '3.1';

/**
 * Formats the suite checks (ajv-formats' full set, OpenAPI's numeric and binary ones included, and an exact
 * RFC 3339 `date-time`). Any other format is open, as OpenAPI says: not checked, and reported once.
 */
export const CHECKED_FORMATS: ReadonlySet<string> = new Set([
  'date',
  'time',
  'date-time',
  'iso-time',
  'iso-date-time',
  'duration',
  'uri',
  'uri-reference',
  'uri-template',
  'url',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'regex',
  'uuid',
  'json-pointer',
  'json-pointer-uri-fragment',
  'relative-json-pointer',
  'byte',
  'int32',
  'int64',
  'float',
  'double',
  'password',
  'binary',
]);

/** Something in the document the suite reads but does not check, said once: `format 'phone-number' …`. */
export interface SchemaNotice {
  readonly pointer: string;
  readonly message: string;
}

/** JSON Schema 2020-12 keywords whose value is data or a plain constraint: copied as they are. */
const PLAIN = new Set([
  'type',
  'enum',
  'const',
  'multipleOf',
  'maximum',
  'minimum',
  'maxLength',
  'minLength',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxContains',
  'minContains',
  'maxProperties',
  'minProperties',
  'required',
  'dependentRequired',
  'title',
  'description',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'examples',
  'contentEncoding',
  'contentMediaType',
  '$comment',
]);
/** Keywords holding one subschema. */
const ONE = [
  'additionalProperties',
  'propertyNames',
  'items',
  'contains',
  'not',
  'if',
  'then',
  'else',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
] as const;
/** Keywords holding a map of subschemas. */
const MAP = ['properties', 'patternProperties', 'dependentSchemas', '$defs'] as const;
/** Keywords holding a list of subschemas. */
const LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;

/** What converting one schema needs from the document around it. */
export interface ConversionContext {
  readonly version: OpenApiVersion;
  readonly document: unknown;
  /** The id a local `$ref` target is registered under (every target is a site of its own). */
  readonly refId: (pointer: string) => string;
  /** Records the spec pointer each converted (sub)schema object came from. */
  readonly pointerOf: WeakMap<object, string>;
  readonly notices: SchemaNotice[];
}

/**
 * Converts one OpenAPI schema (3.0's dialect or 3.1's) to JSON Schema 2020-12, as Ajv's 2020 dialect reads it:
 * - extensions (`x-…`), `example`, `xml`, `externalDocs` and keywords JSON Schema does not know are dropped;
 * - 3.0's `nullable` adds `null` to `type` (and `enum`); beside `allOf`/`anyOf`/`oneOf` without a `type` it
 *   means "or null", as providers mean it and send it;
 * - 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum` become numeric bounds; a 3.0 `$ref`'s siblings are
 *   ignored, as 3.0 says; 3.1 keeps them;
 * - a `discriminator` over `$ref`'d `oneOf`/`anyOf` branches picks the branch by the property's value
 *   (implicit mapping by component name, and explicit `mapping`), with Ajv's `discriminator` keyword;
 * - a writeOnly property is never required (responses do not carry it); formats and patterns the suite
 *   cannot check are dropped with a notice.
 * `$ref`s become the ids of their targets.
 */
export function toJsonSchema(schema: unknown, pointer: string, context: ConversionContext): unknown {
  if (typeof schema === 'boolean') return schema;
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return {};
  const source = schema as SchemaObject;
  const out: Record<string, unknown> = {};
  const recurse = (child: unknown, at: string) => toJsonSchema(child, at, context);

  const ref = source['$ref'];
  if (typeof ref === 'string') {
    out['$ref'] = context.refId(refPointer(ref));
    // OpenAPI 3.0: "this object cannot be extended with additional properties and any properties added SHALL be ignored".
    if (context.version === '3.0') return record(out, pointer, context);
  }

  for (const [keyword, value] of Object.entries(source)) {
    const at = `${pointer}/${escapeSegment(keyword)}`;
    if (PLAIN.has(keyword)) out[keyword] = value;
    else if ((ONE as readonly string[]).includes(keyword)) out[keyword] = recurse(value, at);
    else if ((MAP as readonly string[]).includes(keyword) && isRecord(value)) {
      out[keyword] = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [name, recurse(child, `${at}/${escapeSegment(name)}`)]),
      );
    } else if ((LIST as readonly string[]).includes(keyword) && Array.isArray(value)) {
      out[keyword] = value.map((child, i) => recurse(child, `${at}/${i}`));
    } else if (keyword === 'format' && typeof value === 'string') {
      if (CHECKED_FORMATS.has(value)) out[keyword] = value;
      else context.notices.push({ pointer: at, message: `format '${value}' is not checked` });
    } else if (keyword === 'pattern' && typeof value === 'string') {
      if (isEcmaPattern(value)) out[keyword] = value;
      else
        context.notices.push({
          pointer: at,
          message: `pattern '${value}' is not an ECMA-262 regular expression: not checked`,
        });
    } else if (keyword === 'exclusiveMinimum' || keyword === 'exclusiveMaximum') {
      if (typeof value === 'number') out[keyword] = value;
    }
    // Everything else (x-…, example, discriminator, nullable, xml, externalDocs, $schema, $id, unknown words) is not a constraint here.
  }
  numericExclusiveBounds(source, out);
  formatBounds(out);
  if (Array.isArray(out['required']))
    out['required'] = withoutWriteOnly(out['required'] as string[], source, context);
  const discriminated = discriminate(source, out, pointer, context);
  const nullable =
    context.version === '3.0' && source['nullable'] === true ? orNull(discriminated) : discriminated;
  return record(nullable, pointer, context);
}

function record(
  out: Record<string, unknown>,
  pointer: string,
  context: ConversionContext,
): Record<string, unknown> {
  context.pointerOf.set(out, pointer);
  return out;
}

/** `#/components/schemas/A%20B` → `/components/schemas/A B` */
export function refPointer(ref: string): string {
  return decodeURIComponent(ref.slice(1));
}

/** `{minimum: 1, exclusiveMinimum: true}` (3.0, like draft-04) → `{exclusiveMinimum: 1}` (2020-12). */
function numericExclusiveBounds(source: SchemaObject, out: Record<string, unknown>): void {
  for (const [exclusive, inclusive] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (source[exclusive] === true && typeof source[inclusive] === 'number') {
      out[exclusive] = source[inclusive];
      delete out[inclusive];
    }
  }
}

function withoutWriteOnly(required: string[], source: SchemaObject, context: ConversionContext): string[] {
  const properties = source['properties'];
  if (!isRecord(properties)) return required;
  return required.filter((name) => {
    let property: unknown = properties[name];
    for (let hops = 0; isRecord(property) && typeof property['$ref'] === 'string' && hops < 32; hops++) {
      property = getAtPointer(context.document, refPointer(property['$ref'] as string));
    }
    return !(isRecord(property) && property['writeOnly'] === true);
  });
}

/** The range OpenAPI's numeric formats imply, where the schema sets none tighter (as the community converter did). */
const FORMAT_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [-(2 ** 63), 2 ** 63 - 1],
  float: [-3.4028234663852886e38, 3.4028234663852886e38],
  double: [-Number.MAX_VALUE, Number.MAX_VALUE],
};

function formatBounds(out: Record<string, unknown>): void {
  const range = typeof out['format'] === 'string' ? FORMAT_RANGES[out['format']] : undefined;
  const type = out['type'];
  const numeric = (t: unknown) => t === 'integer' || t === 'number';
  if (!range || !(Array.isArray(type) ? type.some(numeric) : numeric(type))) return;
  const [low, high] = range;
  if (
    !(typeof out['minimum'] === 'number' && out['minimum'] >= low) &&
    typeof out['exclusiveMinimum'] !== 'number'
  ) {
    out['minimum'] = low;
  }
  if (
    !(typeof out['maximum'] === 'number' && out['maximum'] <= high) &&
    typeof out['exclusiveMaximum'] !== 'number'
  ) {
    out['maximum'] = high;
  }
}

/** 3.0's `nullable: true`: `null` joins the allowed types, or the whole schema is made "or null". */
function orNull(out: Record<string, unknown>): Record<string, unknown> {
  const type = out['type'];
  if (Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'] = [...out['enum'], null];
  if (typeof type === 'string') return { ...out, type: [type, 'null'] };
  if (Array.isArray(type)) return type.includes('null') ? out : { ...out, type: [...type, 'null'] };
  const composed = ['allOf', 'anyOf', 'oneOf', '$ref'].some((k) => k in out);
  return composed ? { anyOf: [out, { type: 'null' }] } : out;
}

/**
 * `oneOf`/`anyOf` of `$ref`s with a `discriminator`: each branch pins the property to the values that select
 * it, so the value chooses the branch (Ajv's `discriminator` keyword), instead of "exactly one must match".
 * Branches that are not `$ref`s cannot be named by a value: then the discriminator stays an annotation.
 */
function discriminate(
  source: SchemaObject,
  out: Record<string, unknown>,
  pointer: string,
  context: ConversionContext,
): Record<string, unknown> {
  const discriminator = source['discriminator'];
  if (!isRecord(discriminator) || typeof discriminator['propertyName'] !== 'string') return out;
  const keyword = Array.isArray(source['oneOf'])
    ? 'oneOf'
    : Array.isArray(source['anyOf'])
      ? 'anyOf'
      : undefined;
  if (keyword === undefined) return out;
  const branches = source[keyword] as unknown[];
  const refs = branches.map((b) =>
    isRecord(b) && typeof b['$ref'] === 'string' ? refPointer(b['$ref']) : undefined,
  );
  if (refs.some((r) => r === undefined || !r.startsWith('/'))) return out;
  const property = discriminator['propertyName'];
  const valuesOf = new Map<string, string[]>();
  const mapping = isRecord(discriminator['mapping']) ? discriminator['mapping'] : {};
  for (const [value, target] of Object.entries(mapping)) {
    if (typeof target !== 'string') continue;
    const targetPointer = target.startsWith('#')
      ? refPointer(target)
      : `/components/schemas/${escapeSegment(target)}`;
    if (getAtPointer(context.document, targetPointer) === undefined) continue;
    valuesOf.set(targetPointer, [...(valuesOf.get(targetPointer) ?? []), value]);
  }
  for (const target of refs as string[]) {
    if (valuesOf.has(target)) continue;
    const name = fromPointer(target).at(-1);
    if (name !== undefined) valuesOf.set(target, [name]);
  }
  const taken = new Set<string>();
  for (const values of valuesOf.values()) {
    for (const value of values) {
      if (taken.has(value)) return out;
      taken.add(value);
    }
  }
  const rest: Record<string, unknown> = { ...out };
  delete rest['oneOf'];
  delete rest['anyOf'];
  const oneOf = [...valuesOf.entries()].map(([target, values]) => {
    const pinned = values.length === 1 ? { const: values[0] } : { enum: values };
    context.pointerOf.set(pinned, `${pointer}/discriminator`);
    const branch = {
      properties: { [property]: pinned },
      required: [property],
      allOf: [{ $ref: context.refId(target) }],
    };
    context.pointerOf.set(branch, target);
    return branch;
  });
  if (rest['type'] === undefined) rest['type'] = 'object';
  return { ...rest, discriminator: { propertyName: property }, oneOf };
}

function isEcmaPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
