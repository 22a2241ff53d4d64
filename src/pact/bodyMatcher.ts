import { MatchersV3 } from '@pact-foundation/pact';
import { deref, escapeSegment, type SchemaObject, type Spec } from '../spec';
import { RFC3339_DATE_TIME_PATTERN } from './dateTimePattern';

/** Which properties of each object a derived body carries: all documented ones, or only the required ones. */
export type FieldSelection = 'all' | 'required';

/**
 * A Pact body template for `schema`, with example values from the spec and matchers no tighter than the
 * schema: a type matcher for each string, number and boolean, the RFC 3339 regex for `format: date-time`,
 * an alternatives regex for an `enum`, and `eachLike` (with the schema's `minItems`, default 0) for arrays.
 * Throws when the spec gives no example for a property the body must carry.
 *
 * @example bodyMatcher(spec, { $ref: '#/components/schemas/ActivityLogResponse' }, example, 'required', '/x')
 */
export function bodyMatcher(
  spec: Spec,
  schema: SchemaObject,
  example: unknown,
  select: FieldSelection,
  pointer: string,
): unknown {
  const { value: resolved, pointer: at } = deref<SchemaObject>(spec, schema, pointer);
  for (const keyword of ['allOf', 'anyOf', 'oneOf', 'not']) {
    if (resolved[keyword] !== undefined) {
      throw new Error(`${spec.file}: cannot derive a pact matcher for '${keyword}' at ${at}`);
    }
  }
  const value = example === undefined ? exampleOf(spec, resolved, at) : example;
  if (value === undefined) throw new Error(`${spec.file}: no example to pin for the schema at ${at}`);
  if (value === null) return null;

  const enumValues = resolved['enum'];
  if (Array.isArray(enumValues) && enumValues.every((v) => typeof v === 'string')) {
    // Pins the value to one of the documented alternatives, nothing more.
    const alternatives = enumValues.map((v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    return MatchersV3.regex(`^(${alternatives})$`, String(value));
  }

  switch (resolved['type'] ?? inferType(value)) {
    case 'object':
      return objectMatcher(spec, resolved, value, select, at);
    case 'array':
      return arrayMatcher(spec, resolved, value, select, at);
    case 'string':
      // format date-time: any RFC 3339 timestamp; any other string: only its type.
      return resolved['format'] === 'date-time'
        ? MatchersV3.regex(RFC3339_DATE_TIME_PATTERN, String(value))
        : MatchersV3.string(String(value));
    case 'integer':
      return MatchersV3.integer(Number(value));
    case 'number':
      return MatchersV3.number(Number(value));
    case 'boolean':
      return MatchersV3.boolean(Boolean(value));
    default:
      return MatchersV3.like(value);
  }
}

function objectMatcher(
  spec: Spec,
  schema: SchemaObject,
  example: unknown,
  select: FieldSelection,
  at: string,
): Record<string, unknown> {
  const source = (typeof example === 'object' && example !== null ? example : {}) as Record<string, unknown>;
  const properties = (schema['properties'] ?? {}) as Record<string, SchemaObject>;
  const required = new Set((schema['required'] ?? []) as string[]);
  const body: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (select === 'required' && !required.has(name)) continue;
    body[name] = bodyMatcher(spec, property, source[name], select, `${at}/properties/${escapeSegment(name)}`);
  }
  return body;
}

function arrayMatcher(
  spec: Spec,
  schema: SchemaObject,
  example: unknown,
  select: FieldSelection,
  at: string,
): unknown {
  const items = (schema['items'] ?? {}) as SchemaObject;
  const first = Array.isArray(example) ? example[0] : undefined;
  const itemsPointer = `${at}/items`;
  const itemExample =
    first ?? exampleOf(spec, deref<SchemaObject>(spec, items, itemsPointer).value, itemsPointer);
  // Items the spec leaves open (`items: {}`) and never exemplifies: only "an array" is pinned.
  if (itemExample === undefined) return MatchersV3.like([]);
  const minItems = typeof schema['minItems'] === 'number' ? schema['minItems'] : 0;
  // eachLike with the spec's own minimum: one example element, but an empty array still matches.
  return MatchersV3.atLeastLike(
    bodyMatcher(spec, items, itemExample, select, itemsPointer),
    minItems,
    Math.max(1, minItems),
  );
}

function exampleOf(spec: Spec, schema: SchemaObject, at: string): unknown {
  const { value } = deref<SchemaObject>(spec, schema, at);
  return value['example'];
}

function inferType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
