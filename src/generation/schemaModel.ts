import { CHECKED_FORMATS, type SchemaSite } from '../spec';
import { escapeSegment, getAtPointer } from '../spec/pointer';
import { jsonEquals } from './json';
import { UnsupportedSchemaError } from './UnsupportedSchemaError';

export type JsonType = 'null' | 'boolean' | 'object' | 'array' | 'number' | 'integer' | 'string';
const JSON_TYPES: readonly JsonType[] = ['null', 'boolean', 'object', 'array', 'number', 'integer', 'string'];

/** The formats values are generated for (and broken by the invalid generators). */
export const STRING_FORMATS = [
  'date-time',
  'date',
  'uuid',
  'email',
  'uri',
  'byte',
  'password',
  'binary',
] as const;
export const NUMBER_FORMATS = ['int32', 'int64', 'float', 'double'] as const;

/**
 * A schema normalised for generation: `$ref`s followed, `allOf` merged, the keywords read into typed rules.
 * Nodes for the same referenced schema are shared, so a component compiles once.
 */
export interface SchemaNode {
  /** Spec pointer of the schema (`/components/schemas/ActivityLogResponse/properties/id`). */
  readonly path: string;
  /** Allowed types; `undefined` when any JSON value is allowed by type. */
  readonly types: readonly JsonType[] | undefined;
  readonly enum: readonly unknown[] | undefined;
  readonly const: { readonly value: unknown } | undefined;
  readonly format: string | undefined;
  readonly string: {
    readonly minLength: number;
    readonly maxLength: number | undefined;
    readonly pattern: string | undefined;
  };
  readonly number: {
    readonly minimum: number | undefined;
    readonly maximum: number | undefined;
    readonly exclusiveMinimum: boolean;
    readonly exclusiveMaximum: boolean;
    readonly multipleOf: number | undefined;
  };
  /** Object rules; filled in after construction so that shared nodes can be referenced early. */
  object: ObjectRules;
  array: ArrayRules;
  /** `anyOf`/`oneOf`, each branch already merged with the schema's other keywords. */
  choice: { readonly keyword: 'anyOf' | 'oneOf'; readonly branches: readonly SchemaNode[] } | undefined;
  /** The merged JSON Schema this node was read from (refs are site ids), for `oneOf` checks. */
  readonly raw: Readonly<Record<string, unknown>>;
  /** Set on the node that stands for a schema inside itself (a tree's children): generation stops there. */
  readonly recursive?: true;
}

export interface ObjectRules {
  readonly properties: ReadonlyMap<string, SchemaNode>;
  readonly required: readonly string[];
  /** `true`: anything goes; `false`: no other property; a node: other properties follow it. */
  readonly additional: boolean | SchemaNode;
}

export interface ArrayRules {
  /** `undefined`: any JSON value. */
  readonly items: SchemaNode | undefined;
  readonly minItems: number;
  readonly maxItems: number | undefined;
  readonly uniqueItems: boolean;
}

const SUPPORTED = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'enum',
  'const',
  'nullable',
  'allOf',
  'oneOf',
  'anyOf',
  '$ref',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'format',
]);

/** Keywords that describe and never constrain: ignored. */
const ANNOTATIONS = new Set([
  '$id',
  '$schema',
  '$comment',
  'title',
  'description',
  'default',
  'examples',
  'example',
  'deprecated',
  'readOnly',
  'writeOnly',
  'discriminator',
  'externalDocs',
  'xml',
  'definitions',
  '$defs',
  'contentMediaType',
  'contentEncoding',
  '$comment',
]);

type RawSchema = Record<string, unknown>;

/**
 * Reads converted JSON Schemas (`convertSpec(spec).sites`, `$ref`s as `oas:N` ids) into `SchemaNode`s.
 * One compiler per spec; nodes are cached by site id and pointer.
 */
export class SchemaCompiler {
  private readonly sites: ReadonlyMap<string, SchemaSite>;
  private readonly cache = new Map<string, SchemaNode>();
  private readonly inProgress = new Set<string>();

  constructor(sites: readonly SchemaSite[]) {
    this.sites = new Map(sites.map((site) => [site.id, site]));
  }

  /** The node of a site (`oas:3`) or of a schema inside it (`oas:3#/properties/id`). */
  compileRef(ref: string, from = ''): SchemaNode {
    const cached = this.cache.get(ref);
    if (cached) return cached;
    const { schema, path } = this.resolve(ref, from);
    if (this.inProgress.has(ref)) return { ...this.build({}, path), recursive: true };
    this.inProgress.add(ref);
    try {
      const node = this.compile(schema, path);
      this.cache.set(ref, node);
      return node;
    } finally {
      this.inProgress.delete(ref);
    }
  }

  /** Compiles a schema found at `path` (a spec pointer, used in messages). */
  compile(input: unknown, at: string): SchemaNode {
    const { schema, path } = unanchor(input, at);
    if (schema === true || (isObject(schema) && Object.keys(schema).every((k) => ANNOTATIONS.has(k)))) {
      return this.build({}, path);
    }
    if (schema === false)
      throw new UnsupportedSchemaError('false', path, 'the schema `false` allows no value');
    if (!isObject(schema)) throw new UnsupportedSchemaError('', path, 'not a schema');
    const ref = schema['$ref'];
    if (typeof ref === 'string') return this.compileRef(ref, path);
    return this.build(this.flatten(schema, path), path);
  }

  private resolve(ref: string, from: string): { schema: unknown; path: string } {
    const [id = '', fragment = ''] = ref.split('#');
    const site = this.sites.get(id);
    if (!site) throw new UnsupportedSchemaError('$ref', from, `$ref '${ref}' names no schema site`);
    const pointer = decodeURIComponent(fragment);
    const schema = pointer === '' ? site.schema : getAtPointer(site.schema, pointer);
    if (schema === undefined) throw new UnsupportedSchemaError('$ref', from, `dangling $ref '${ref}'`);
    return { schema, path: `${site.pointer}${pointer}` };
  }

  /** Checks keywords and merges `allOf` (and a `$ref` inside it) into one schema. */
  private flatten(schema: RawSchema, path: string): RawSchema {
    for (const keyword of Object.keys(schema)) {
      if (!SUPPORTED.has(keyword) && !ANNOTATIONS.has(keyword) && !keyword.startsWith('x-')) {
        throw new UnsupportedSchemaError(keyword, path);
      }
    }
    const own: RawSchema = {};
    for (const [keyword, value] of Object.entries(schema)) {
      if (SUPPORTED.has(keyword) && keyword !== 'allOf') own[keyword] = value;
    }
    if (own['nullable'] === true) {
      const type = own['type'];
      if (typeof type === 'string') own['type'] = [type, 'null'];
      else if (Array.isArray(type) && !type.includes('null')) own['type'] = [...type, 'null'];
    }
    delete own['nullable'];
    const allOf = schema['allOf'];
    if (allOf === undefined) return own;
    if (!Array.isArray(allOf)) throw new UnsupportedSchemaError('allOf', path, "'allOf' must be a list");
    let merged = own;
    allOf.forEach((branch, i) => {
      const branchPath = `${path}/allOf/${i}`;
      merged = mergeSchemas(merged, this.expand(branch, branchPath), branchPath);
    });
    return merged;
  }

  /** A branch as a flat schema: its `$ref` followed (non-recursively), its own `allOf` merged. */
  private expand(input: unknown, at: string): RawSchema {
    const { schema, path } = unanchor(input, at);
    if (schema === true) return {};
    if (!isObject(schema))
      throw new UnsupportedSchemaError('allOf', path, 'an allOf branch must be a schema');
    const ref = schema['$ref'];
    if (typeof ref === 'string') {
      const target = this.resolve(ref, path);
      if (this.inProgress.has(ref)) {
        throw new UnsupportedSchemaError('$ref', path, `recursive $ref '${ref}' is not supported`);
      }
      this.inProgress.add(ref);
      try {
        return this.expand(target.schema, target.path);
      } finally {
        this.inProgress.delete(ref);
      }
    }
    const flat = this.flatten(schema, path);
    // Subschemas keep their own paths for messages: re-anchor nested schemas by wrapping them.
    return anchorChildren(flat, path);
  }

  private build(schema: RawSchema, path: string): SchemaNode {
    const keyword = <T>(name: string, check: (v: unknown) => v is T, what: string): T | undefined => {
      const value = schema[name];
      if (value === undefined) return undefined;
      if (!check(value)) throw new UnsupportedSchemaError(name, path, `'${name}' must be ${what}`);
      return value;
    };
    const types = readTypes(schema['type'], path);
    const format = keyword('format', isString, 'a string');
    if (format !== undefined && !isKnownFormat(format)) {
      throw new UnsupportedSchemaError('format', path, `unsupported format '${format}'`);
    }
    const enumValues = keyword('enum', Array.isArray, 'a list');
    if (enumValues && enumValues.length === 0) {
      throw new UnsupportedSchemaError('enum', path, 'an empty enum allows no value');
    }
    const exclusive = (
      name: string,
      bound: number | undefined,
    ): { value: number | undefined; excl: boolean } => {
      const value = schema[name];
      if (value === undefined || value === false) return { value: bound, excl: false };
      if (value === true) return { value: bound, excl: bound !== undefined };
      if (typeof value !== 'number')
        throw new UnsupportedSchemaError(name, path, `'${name}' must be a number`);
      if (bound === undefined) return { value, excl: true };
      // Both given (draft-06+ style): the tighter one wins.
      const tighter = name === 'exclusiveMinimum' ? value >= bound : value <= bound;
      return tighter ? { value, excl: true } : { value: bound, excl: false };
    };
    const lower = exclusive('exclusiveMinimum', keyword('minimum', isNumber, 'a number'));
    const upper = exclusive('exclusiveMaximum', keyword('maximum', isNumber, 'a number'));
    const pattern = keyword('pattern', isString, 'a string');
    if (pattern !== undefined) {
      try {
        new RegExp(pattern, 'u');
      } catch (error) {
        throw new UnsupportedSchemaError('pattern', path, `invalid pattern: ${(error as Error).message}`);
      }
    }
    const multipleOf = keyword('multipleOf', isNumber, 'a number');
    if (multipleOf !== undefined && !(multipleOf > 0)) {
      throw new UnsupportedSchemaError('multipleOf', path, "'multipleOf' must be positive");
    }

    const node: SchemaNode = {
      path,
      types,
      enum: enumValues,
      const: 'const' in schema ? { value: schema['const'] } : undefined,
      format,
      string: {
        minLength: keyword('minLength', isCount, 'a count') ?? 0,
        maxLength: keyword('maxLength', isCount, 'a count'),
        pattern,
      },
      number: {
        minimum: lower.value,
        maximum: upper.value,
        exclusiveMinimum: lower.excl,
        exclusiveMaximum: upper.excl,
        multipleOf,
      },
      object: { properties: new Map(), required: [], additional: true },
      array: { items: undefined, minItems: 0, maxItems: undefined, uniqueItems: false },
      choice: undefined,
      raw: schema,
    };

    const properties = keyword('properties', isObject, 'an object');
    const propertyNodes = new Map<string, SchemaNode>();
    for (const [name, sub] of Object.entries(properties ?? {})) {
      propertyNodes.set(name, this.compile(sub, `${path}/properties/${escapeSegment(name)}`));
    }
    const required = keyword('required', isStringList, 'a list of names') ?? [];
    const additionalRaw = schema['additionalProperties'];
    let additional: boolean | SchemaNode = true;
    if (additionalRaw === false) additional = false;
    else if (isObject(additionalRaw)) {
      additional = this.compile(additionalRaw, `${path}/additionalProperties`);
    } else if (additionalRaw !== undefined && additionalRaw !== true) {
      throw new UnsupportedSchemaError(
        'additionalProperties',
        path,
        "'additionalProperties' must be a schema",
      );
    }
    if (additional === false) {
      const undeclared = required.find((name) => !propertyNodes.has(name));
      if (undeclared !== undefined) {
        throw new UnsupportedSchemaError(
          'required',
          path,
          `'${undeclared}' is required but additionalProperties is false and it is not a property`,
        );
      }
    }
    node.object = { properties: propertyNodes, required: [...new Set(required)], additional };

    const items = schema['items'];
    if (Array.isArray(items)) {
      throw new UnsupportedSchemaError('items', path, "tuple 'items' (a list of schemas) is not supported");
    }
    const minItems = keyword('minItems', isCount, 'a count') ?? 0;
    const maxItems = keyword('maxItems', isCount, 'a count');
    if (maxItems !== undefined && maxItems < minItems) {
      throw new UnsupportedSchemaError('maxItems', path, 'maxItems is below minItems');
    }
    node.array = {
      items: items === undefined ? undefined : this.compile(items, `${path}/items`),
      minItems,
      maxItems,
      uniqueItems: keyword('uniqueItems', isBoolean, 'a boolean') ?? false,
    };
    if (node.string.maxLength !== undefined && node.string.maxLength < node.string.minLength) {
      throw new UnsupportedSchemaError('maxLength', path, 'maxLength is below minLength');
    }

    const anyOf = schema['anyOf'];
    const oneOf = schema['oneOf'];
    if (anyOf !== undefined && oneOf !== undefined) {
      throw new UnsupportedSchemaError(
        'oneOf',
        path,
        "'anyOf' and 'oneOf' on the same schema are not supported",
      );
    }
    const choiceKeyword = anyOf !== undefined ? 'anyOf' : oneOf !== undefined ? 'oneOf' : undefined;
    if (choiceKeyword) {
      const list = schema[choiceKeyword];
      if (!Array.isArray(list) || list.length === 0) {
        throw new UnsupportedSchemaError(choiceKeyword, path, `'${choiceKeyword}' must be a non-empty list`);
      }
      const siblings: RawSchema = { ...schema };
      delete siblings['anyOf'];
      delete siblings['oneOf'];
      const branches = list.map((branch, i) => {
        const branchPath = `${path}/${choiceKeyword}/${i}`;
        return this.build(mergeSchemas(siblings, this.expand(branch, branchPath), branchPath), branchPath);
      });
      node.choice = { keyword: choiceKeyword, branches };
    }
    return node;
  }
}

/** Marks a subschema merged from elsewhere with the spec path it came from (never a real keyword). */
const ANCHOR = '\u0000path';

function unanchor(schema: unknown, path: string): { schema: unknown; path: string } {
  if (!isObject(schema) || !(ANCHOR in schema)) return { schema, path };
  const { [ANCHOR]: anchored, ...rest } = schema;
  return { schema: rest, path: anchored as string };
}

/** The schema without the path marks merging leaves on subschemas: plain JSON Schema again. */
export function stripAnchors(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(stripAnchors);
  if (!isObject(schema)) return schema;
  const out: RawSchema = {};
  for (const [key, value] of Object.entries(schema)) if (key !== ANCHOR) out[key] = stripAnchors(value);
  return out;
}

function anchorChildren(schema: RawSchema, path: string): RawSchema {
  const out: RawSchema = { ...schema };
  const anchor = (sub: unknown, at: string): unknown =>
    isObject(sub) && !(ANCHOR in sub) ? { ...sub, [ANCHOR]: at } : sub;
  if (isObject(schema['properties'])) {
    out['properties'] = Object.fromEntries(
      Object.entries(schema['properties']).map(([name, sub]) => [
        name,
        anchor(sub, `${path}/properties/${escapeSegment(name)}`),
      ]),
    );
  }
  if (isObject(schema['items'])) out['items'] = anchor(schema['items'], `${path}/items`);
  if (isObject(schema['additionalProperties'])) {
    out['additionalProperties'] = anchor(schema['additionalProperties'], `${path}/additionalProperties`);
  }
  return out;
}

/** Merges two flat schemas as `allOf` would require both; refuses combinations it cannot honour. */
export function mergeSchemas(a: RawSchema, b: RawSchema, path: string): RawSchema {
  const out: RawSchema = { ...a };
  for (const [keyword, value] of Object.entries(b)) {
    if (ANNOTATIONS.has(keyword) || keyword.startsWith('x-')) continue;
    const existing = out[keyword];
    if (existing === undefined) {
      out[keyword] = value;
      continue;
    }
    switch (keyword) {
      case 'type': {
        const left = normaliseTypes(existing);
        const right = normaliseTypes(value);
        const both = left.filter((t) => right.includes(t) || (t === 'integer' && right.includes('number')));
        for (const t of right)
          if (t === 'integer' && left.includes('number') && !both.includes(t)) both.push(t);
        if (both.length === 0) throw new UnsupportedSchemaError('type', path, 'allOf branches share no type');
        out[keyword] = both;
        break;
      }
      case 'properties': {
        const merged: RawSchema = { ...(existing as RawSchema) };
        for (const [name, sub] of Object.entries(value as RawSchema)) {
          merged[name] = name in merged ? { allOf: [merged[name], sub] } : sub;
        }
        out[keyword] = merged;
        break;
      }
      case 'required':
        out[keyword] = [...new Set([...(existing as string[]), ...(value as string[])])];
        break;
      case 'items':
        out[keyword] = { allOf: [existing, value] };
        break;
      case 'enum': {
        const both = (existing as unknown[]).filter((x) =>
          (value as unknown[]).some((y) => jsonEquals(x, y)),
        );
        if (both.length === 0)
          throw new UnsupportedSchemaError('enum', path, 'allOf branches share no enum value');
        out[keyword] = both;
        break;
      }
      case 'minLength':
      case 'minItems':
      case 'minimum':
        out[keyword] = Math.max(existing as number, value as number);
        break;
      case 'maxLength':
      case 'maxItems':
      case 'maximum':
        out[keyword] = Math.min(existing as number, value as number);
        break;
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        if (typeof existing === 'number' && typeof value === 'number') {
          out[keyword] =
            keyword === 'exclusiveMinimum' ? Math.max(existing, value) : Math.min(existing, value);
        } else if (!jsonEquals(existing, value)) {
          throw new UnsupportedSchemaError(keyword, path, `allOf branches disagree on '${keyword}'`);
        }
        break;
      case 'additionalProperties':
        if (!jsonEquals(existing, value)) {
          throw new UnsupportedSchemaError(keyword, path, `allOf branches disagree on '${keyword}'`);
        }
        break;
      default:
        if (!jsonEquals(existing, value)) {
          throw new UnsupportedSchemaError(keyword, path, `allOf branches disagree on '${keyword}'`);
        }
    }
  }
  // A closed branch cannot see the other's properties: refuse rather than generate values it rejects.
  const closedLeft = a['additionalProperties'] === false;
  const closedRight = b['additionalProperties'] === false;
  if (closedLeft !== closedRight) {
    const open = closedLeft ? b : a;
    const closed = closedLeft ? a : b;
    const extra = Object.keys((open['properties'] as RawSchema | undefined) ?? {}).find(
      (name) => !Object.hasOwn((closed['properties'] as RawSchema | undefined) ?? {}, name),
    );
    if (extra !== undefined) {
      throw new UnsupportedSchemaError(
        'additionalProperties',
        path,
        `an allOf branch forbids other properties, and another declares '${extra}'`,
      );
    }
  }
  return out;
}

function readTypes(type: unknown, path: string): JsonType[] | undefined {
  if (type === undefined) return undefined;
  const list = normaliseTypes(type);
  for (const t of list) {
    if (!JSON_TYPES.includes(t as JsonType))
      throw new UnsupportedSchemaError('type', path, `unknown type '${t}'`);
  }
  return list as JsonType[];
}

function normaliseTypes(type: unknown): string[] {
  return Array.isArray(type) ? (type as string[]) : [type as string];
}

/** Formats the validator checks reach the generator; any other was dropped (and noticed) by the schema model. */
function isKnownFormat(format: string): boolean {
  return CHECKED_FORMATS.has(format);
}

function isObject(value: unknown): value is RawSchema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
function isString(value: unknown): value is string {
  return typeof value === 'string';
}
function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
function isBoolean(value: unknown): value is boolean {
  return typeof value === 'boolean';
}
function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
