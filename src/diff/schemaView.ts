import { type ConvertedSpec, escapeSegment, getAtPointer, mapSchema, type Spec } from '../spec';

/** One document's side of a comparison: the loaded document and its one schema model. */
export interface DocumentSide {
  readonly spec: Spec;
  readonly model: ConvertedSpec;
}

/**
 * What one converted schema accepts, flattened for comparison: `$ref`s followed, `allOf` merged, a
 * "this or null" choice (3.0's `nullable` beside a `$ref` or composition) folded into the types.
 * Only `anyOf`/`oneOf` with several non-null branches stay a choice.
 */
export interface SchemaView {
  /** Spec pointer of the schema as written (the outermost one, before `$ref`s were followed). */
  readonly pointer: string | undefined;
  /** Spec pointer of what it is once references alone are followed: the same for every `$ref` to one schema. */
  readonly identity: string | undefined;
  /** Allowed JSON types; `undefined` for any. */
  readonly types: ReadonlySet<string> | undefined;
  /** True when a choice (`anyOf`/`oneOf`) has a branch that is only `null`. */
  readonly nullBranch: boolean;
  readonly properties: ReadonlyMap<string, unknown>;
  readonly required: ReadonlySet<string>;
  /** `additionalProperties`: `false`, a schema, or `undefined` (any). */
  readonly additional: unknown;
  readonly items: unknown;
  /** Allowed values, `null` left out (nullability is a type); `undefined` for any. */
  readonly enum: readonly unknown[] | undefined;
  /** As written in the document, checked or not. */
  readonly format: string | undefined;
  readonly pattern: string | undefined;
  readonly bounds: ReadonlyMap<string, number>;
  readonly choices: readonly unknown[] | undefined;
  readonly choiceKeyword: string | undefined;
  /**
   * The keywords no judge reads (`multipleOf`, `not`, `prefixItems`, `if`, …), each with its values from every
   * merged part: two schemas that differ here differ in what they accept in a way only a person can judge.
   */
  readonly unjudged: ReadonlyMap<string, readonly unknown[]>;
  /** Spec pointer of a keyword of this schema (`type`, `enum`, …) or of a property (`properties/verb`). */
  locate(keyword: string | undefined): string;
}

const BOUND_KEYWORDS = [
  'maxLength',
  'minLength',
  'maximum',
  'minimum',
  'exclusiveMaximum',
  'exclusiveMinimum',
  'maxItems',
  'minItems',
  'maxProperties',
  'minProperties',
];

/** Keywords the judges read, or that say nothing about what a value may be (annotations, references). */
const JUDGED = new Set([
  ...BOUND_KEYWORDS,
  '$ref',
  '$id',
  '$schema',
  '$anchor',
  '$defs',
  'definitions',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'enum',
  'const',
  'format',
  'pattern',
  'allOf',
  'oneOf',
  'anyOf',
  'nullable',
  'discriminator',
  'xml',
  'externalDocs',
  'example',
  'contentMediaType',
  'contentEncoding',
]);

/** Merged property and item schemas made here: they stand where their first part was written. */
const mergedAt = new WeakMap<object, string>();

/** The view of a converted (sub)schema of `side`'s model. */
export function schemaView(schema: unknown, side: DocumentSide): SchemaView {
  const keywordAt = new Map<string, string>();
  const propertyAt = new Map<string, string>();
  let types: Set<string> | undefined;
  let nullBranch = false;
  const properties = new Map<string, unknown>();
  const required = new Set<string>();
  let additional: unknown;
  let items: unknown;
  let values: unknown[] | undefined;
  let format: string | undefined;
  let pattern: string | undefined;
  const bounds = new Map<string, number>();
  let choices: unknown[] | undefined;
  let choiceKeyword: string | undefined;
  const unjudged = new Map<string, unknown[]>();
  const pointer = pointerOf(schema, side.model);
  let target: unknown = schema;
  for (let hops = 0; hops < 32 && isRecord(target) && isOnlyReference(target); hops++)
    target = side.model.site(target['$ref'] as string)?.schema;

  const merge = (node: unknown, depth: number): void => {
    if (depth > 32 || node === true || !isRecord(node)) {
      if (node === false) types = new Set();
      return;
    }
    const at = pointerOf(node, side.model);
    const note = (keyword: string) => {
      if (at !== undefined && !keywordAt.has(keyword)) keywordAt.set(keyword, at);
    };
    const ref = node['$ref'];
    if (typeof ref === 'string') merge(side.model.site(ref)?.schema, depth + 1);
    const type = node['type'];
    if (type !== undefined) {
      const own = new Set((Array.isArray(type) ? type : [type]).map(String));
      types = types === undefined ? own : intersectTypes(types, own);
      note('type');
    }
    const props = node['properties'];
    if (isRecord(props)) {
      note('properties');
      for (const [name, child] of Object.entries(props)) {
        const before = properties.get(name);
        properties.set(name, before === undefined ? child : both(before, child, side.model));
        const childAt = pointerOf(child, side.model);
        if (childAt !== undefined && !propertyAt.has(name)) propertyAt.set(name, childAt);
      }
    }
    if (Array.isArray(node['required'])) {
      note('required');
      for (const name of node['required']) required.add(String(name));
    }
    const extra = node['additionalProperties'];
    if (extra !== undefined && extra !== true) {
      note('additionalProperties');
      additional =
        additional === undefined || extra === false
          ? extra
          : additional === false
            ? false
            : both(additional, extra, side.model);
    }
    const item = node['items'];
    if (item !== undefined && !Array.isArray(item)) {
      note('items');
      items = items === undefined ? item : both(items, item, side.model);
    }
    const allowed = Array.isArray(node['enum'])
      ? (node['enum'] as unknown[])
      : Object.hasOwn(node, 'const')
        ? [node['const']]
        : undefined;
    if (allowed !== undefined) {
      note('enum');
      const own = allowed.filter((v) => v !== null);
      values = values === undefined ? own : values.filter((v) => own.some((w) => sameValue(v, w)));
    }
    const written = writtenOf(node, side) ?? node;
    if (typeof written['format'] === 'string' && format === undefined) {
      format = written['format'];
      note('format');
    }
    if (typeof written['pattern'] === 'string' && pattern === undefined) {
      pattern = written['pattern'];
      note('pattern');
    }
    for (const keyword of BOUND_KEYWORDS) {
      const value = node[keyword];
      if (typeof value === 'number' && !bounds.has(keyword)) {
        bounds.set(keyword, value);
        note(keyword);
      }
    }
    for (const [keyword, value] of Object.entries(node)) {
      // A tuple (`items: [...]`) is not what the items judge reads.
      if (keyword === 'items' && !Array.isArray(value)) continue;
      if (JUDGED.has(keyword) || ANNOTATIONS.has(keyword) || keyword.startsWith('x-')) continue;
      unjudged.set(keyword, [...(unjudged.get(keyword) ?? []), value]);
      note(keyword);
    }
    if (Array.isArray(node['allOf'])) for (const part of node['allOf']) merge(part, depth + 1);
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const branches = node[keyword];
      if (!Array.isArray(branches)) continue;
      const real = branches.filter((b) => !isNullOnly(b));
      const hasNull = real.length < branches.length;
      if (real.length === 1) {
        // "X or null" (how 3.0's nullable is converted beside a $ref or composition): X, with null allowed.
        merge(real[0], depth + 1);
        if (hasNull && types !== undefined) types = new Set([...types, 'null']);
      } else if (choices === undefined) {
        choices = real;
        choiceKeyword = keyword;
        nullBranch = hasNull;
        note(keyword);
      }
    }
  };
  merge(schema, 0);

  return {
    pointer,
    identity: pointerOf(target, side.model),
    types,
    nullBranch,
    properties,
    required,
    additional,
    items,
    enum: values,
    format,
    pattern,
    bounds,
    choices,
    choiceKeyword,
    unjudged,
    locate(keyword) {
      if (keyword === undefined) return pointer ?? '';
      const [first, name] = keyword.split('/', 2) as [string, string | undefined];
      if (first === 'properties' && name !== undefined) {
        return (
          propertyAt.get(name) ??
          `${keywordAt.get('properties') ?? pointer ?? ''}/properties/${escapeSegment(name)}`
        );
      }
      const owner = keywordAt.get(first);
      return owner === undefined ? (pointer ?? '') : `${owner}/${first}`;
    },
  };
}

/**
 * A text that is the same for two schemas exactly when they have the same shape: `$ref`s replaced by their
 * targets, annotations (titles, descriptions, examples, defaults) and key order left out. Two documents'
 * schemas compare equal by it, whatever their components are called. A format or pattern the model does
 * not check (and so leaves out) is read from the document: `trace-hex` → `sequence-id` is a change.
 */
export function shapeKey(schema: unknown, side: DocumentSide): string {
  if (!isRecord(schema)) return JSON.stringify(schema ?? null);
  let known = shapes.get(schema);
  if (known === undefined) {
    // Keys sorted at every level: reordered keys are the same shape.
    known = canonicalJson(shapeOf(schema, side, []));
    shapes.set(schema, known);
  }
  return known;
}

const shapes = new WeakMap<object, string>();
const ANNOTATIONS = new Set([
  '$id',
  '$comment',
  'title',
  'description',
  'default',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
]);

/** The shape as data; `followed` are the `$ref`s being expanded, so that a cycle is named, not followed. */
function shapeOf(schema: unknown, side: DocumentSide, followed: readonly string[]): unknown {
  const { model } = side;
  return mapSchema(schema, (node, _visit, original) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (ANNOTATIONS.has(key)) continue;
      if (key === '$ref' && typeof value === 'string') {
        // A cycle is named by how far back it goes, which both documents share when their shapes do.
        const back = followed.lastIndexOf(value);
        const target = model.site(value);
        out[key] =
          back !== -1 || followed.length > 32 || target === undefined
            ? { cycle: followed.length - back }
            : shapeOf(target.schema, side, [...followed, value]);
      } else if ((key === 'required' || key === 'type' || key === 'enum') && Array.isArray(value)) {
        out[key] = value.map((v) => JSON.stringify(v)).sort();
      } else {
        out[key] = value;
      }
    }
    const written = writtenOf(original, side);
    for (const keyword of ['format', 'pattern'] as const)
      if (out[keyword] === undefined && typeof written?.[keyword] === 'string')
        out[keyword] = written[keyword];
    return out;
  });
}

/** The schema object as the document writes it, for what the model leaves out (unchecked formats and patterns). */
function writtenOf(node: unknown, side: DocumentSide): Record<string, unknown> | undefined {
  // Only what the model made from the document: a merged schema made here stands for no one object.
  const at = isRecord(node) ? side.model.pointerOf(node) : undefined;
  const written = at === undefined ? undefined : getAtPointer(side.spec.document, at);
  return isRecord(written) ? written : undefined;
}

function pointerOf(node: unknown, model: ConvertedSpec): string | undefined {
  if (!isRecord(node)) return undefined;
  return model.pointerOf(node) ?? mergedAt.get(node);
}

/** A schema for values that satisfy both: where one property or item is described twice (allOf parts). */
function both(first: unknown, second: unknown, model: ConvertedSpec): unknown {
  const merged = { allOf: [first, second] };
  const at = pointerOf(first, model) ?? pointerOf(second, model);
  if (at !== undefined) mergedAt.set(merged, at);
  return merged;
}

/** `integer` is a `number`: what both allow, `number` ∩ `integer` being `integer`. */
function intersectTypes(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  const allows = (set: ReadonlySet<string>, t: string) =>
    set.has(t) || (t === 'integer' && set.has('number'));
  for (const t of a) if (allows(b, t)) out.add(t);
  for (const t of b) if (allows(a, t)) out.add(t);
  if (out.has('integer') && out.has('number') && !(a.has('number') && b.has('number'))) out.delete('number');
  return out;
}

function isOnlyReference(schema: Record<string, unknown>): boolean {
  return typeof schema['$ref'] === 'string' && Object.keys(schema).every((k) => k === '$ref' || k === '$id');
}

function isNullOnly(schema: unknown): boolean {
  return isRecord(schema) && schema['type'] === 'null' && Object.keys(schema).length === 1;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** JSON with keys sorted at every level: equal values give equal texts, whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
