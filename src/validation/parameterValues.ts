import { deref, escapeSegment, getAtPointer, type ParameterObject, type SchemaObject } from '../spec';
import type { SpecValidator } from './SpecValidator';

/** Why a parameter's value breaks its schema: the value as it travelled, and the validator's message. */
export interface ParameterProblem {
  /** The text as the request carried it (several occurrences joined with `&`). */
  readonly text: string;
  readonly message: string;
}

/**
 * Checks a parameter's values, as text off the wire, against its schema: `values` holds every occurrence
 * (a query parameter may repeat; a path, header or cookie value comes once), already percent-decoded.
 * The text is read as OpenAPI's `style`/`explode` say (`tags=a&tags=b` or `tags=a,b` is an array; `7` is an
 * integer only where the schema says so, and `" 7"` is not), then validated by the one validator.
 * Objects sent as separate query parameters (`form` exploded, `deepObject`) are not read: `undefined`.
 *
 * @example parameterProblem(validator, '/paths/~1pets/get/parameters/0', ['dog', 'cat']) // undefined
 */
export function parameterProblem(
  validator: SpecValidator,
  parameterPointer: string,
  values: readonly string[],
): ParameterProblem | undefined {
  const { spec } = validator;
  const parameter = getAtPointer(spec.document, parameterPointer) as ParameterObject & {
    readonly style?: string;
    readonly explode?: boolean;
  };
  const text = values.join('&');
  const found = (schemaPointer: string, value: unknown): ParameterProblem | undefined => {
    const [first] = validator.validateSchema(schemaPointer, value).filter((f) => f.severity === 'error');
    if (!first) return undefined;
    return { text, message: first.pointer ? `${first.pointer}: ${first.message}` : first.message };
  };

  if (parameter.schema === undefined) {
    const [mediaType] = Object.keys(parameter.content ?? {});
    if (mediaType === undefined) return undefined;
    const schemaPointer = `${parameterPointer}/content/${escapeSegment(mediaType)}/schema`;
    for (const value of values) {
      let parsed: unknown;
      try {
        parsed = /json/i.test(mediaType) ? JSON.parse(value) : value;
      } catch {
        return { text, message: `is not ${mediaType}` };
      }
      const problem = found(schemaPointer, parsed);
      if (problem) return problem;
    }
    return undefined;
  }

  const schemaPointer = `${parameterPointer}/schema`;
  const schema = deref<SchemaObject>(spec, parameter.schema, schemaPointer);
  const types = typesOf(schema.value);
  const style =
    parameter.style ?? (parameter.in === 'query' || parameter.in === 'cookie' ? 'form' : 'simple');
  const explode = parameter.explode ?? style === 'form';
  const items = values.map((value) => unprefixed(value, style, parameter.name));

  if (types.has('array') && !types.has('string')) {
    const itemSchema = (schema.value as { items?: SchemaObject }).items;
    const itemTypes = itemSchema
      ? typesOf(deref<SchemaObject>(spec, itemSchema, `${schema.pointer}/items`).value)
      : new Set<string>();
    // Header lists may have spaces after their commas (`a, b`).
    const parts = items
      .flatMap((item) => split(item, style, explode))
      .map((part) => (parameter.in === 'header' ? part.trim() : part));
    return found(
      schemaPointer,
      parts.map((part) => typed(part, itemTypes)),
    );
  }
  if (types.has('object') && !types.has('string')) {
    if (parameter.in === 'query' && (style === 'deepObject' || explode)) return undefined;
    for (const item of items) {
      const object = objectOf(split(item, style, explode), explode);
      const properties = (schema.value as { properties?: Record<string, SchemaObject> }).properties ?? {};
      for (const [key, value] of Object.entries(object)) {
        const property = properties[key];
        const propertyTypes = property
          ? typesOf(
              deref<SchemaObject>(spec, property, `${schema.pointer}/properties/${escapeSegment(key)}`).value,
            )
          : new Set<string>();
        object[key] = typed(value as string, propertyTypes);
      }
      const problem = found(schemaPointer, object);
      if (problem) return problem;
    }
    return undefined;
  }
  for (const item of items) {
    const problem = found(schemaPointer, typed(item, types));
    if (problem) return problem;
  }
  return undefined;
}

/** The `type`s a schema names (3.0's `nullable` adds `null`); empty when it names none (`anyOf`…). */
function typesOf(schema: SchemaObject | undefined): Set<string> {
  const declared = (schema as { type?: string | string[]; nullable?: boolean } | undefined) ?? {};
  const types = new Set(Array.isArray(declared.type) ? declared.type : declared.type ? [declared.type] : []);
  if (declared.nullable === true) types.add('null');
  return types;
}

/** A number only in JSON's own spelling (no spaces, no `0x`, no empty text), a boolean only as `true`/`false`. */
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * The text as the value the schema expects: a number where it allows one and the text is one, a boolean
 * likewise; otherwise the text itself, which the schema then judges. A schema that names no type (`anyOf`…)
 * gets the number or boolean when the text spells one.
 */
function typed(text: string, types: ReadonlySet<string>): unknown {
  const any = types.size === 0;
  if ((any || types.has('integer') || types.has('number')) && NUMBER.test(text)) {
    if (any || !types.has('string')) return Number(text);
  }
  if ((any || types.has('boolean')) && !types.has('string') && (text === 'true' || text === 'false'))
    return text === 'true';
  if (types.has('null') && !types.has('string') && (text === '' || text === 'null')) return null;
  return text;
}

/** Path styles carry a prefix: `.a.b` (label), `;id=a,b` (matrix). */
function unprefixed(text: string, style: string, name: string): string {
  if (style === 'label') return text.replace(/^\./, '');
  if (style === 'matrix') return text.replace(new RegExp(`^;${escapeRegExp(name)}=?`), '');
  return text;
}

/** The parts of one value of an array or object, as its style delimits them. */
function split(text: string, style: string, explode: boolean): string[] {
  if (text === '') return [];
  if (style === 'spaceDelimited') return explode ? [text] : text.split(' ');
  if (style === 'pipeDelimited') return explode ? [text] : text.split('|');
  if (style === 'form') return explode ? [text] : text.split(',');
  if (style === 'label' && explode) return text.split('.');
  // simple, label, and matrix (whose exploded form repeats `;name=`).
  return text.split(/,|;[^=;]*=/);
}

/** `k,v,k2,v2` (or, exploded, `k=v,k2=v2`) as an object of texts. */
function objectOf(parts: readonly string[], explode: boolean): Record<string, unknown> {
  const entries: [string, string][] = [];
  if (explode) {
    for (const part of parts) {
      const at = part.indexOf('=');
      entries.push(at < 0 ? [part, ''] : [part.slice(0, at), part.slice(at + 1)]);
    }
  } else {
    for (let i = 0; i < parts.length; i += 2) entries.push([parts[i] ?? '', parts[i + 1] ?? '']);
  }
  return Object.fromEntries(entries);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
