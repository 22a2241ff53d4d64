import {
  deref,
  documentedResponses,
  escapeSegment,
  forEachSchema,
  type MediaTypeObject,
  type SchemaObject,
  type Spec,
  toPointer,
} from '../spec';
import type { Finding } from './Finding';
import type { SpecValidator } from './SpecValidator';

/** One example the spec gives, where it sits, and what it must satisfy. */
export interface SpecExample {
  /** Spec pointer of the example value. */
  readonly pointer: string;
  /** Spec pointer of the schema it illustrates. */
  readonly schemaPointer: string;
  readonly value: unknown;
}

/**
 * Every example in the spec, once each: `example` (and 3.1's `examples` list) on schema objects at any depth,
 * in components and inline, and `example` / `examples.*.value` of response media types, references followed.
 * Example values are data: a `$ref` inside one is not followed.
 */
export function listExamples(spec: Spec): SpecExample[] {
  const found = new Map<string, SpecExample>();
  const add = (example: SpecExample) => {
    if (!found.has(example.pointer)) found.set(example.pointer, example);
  };
  const collect = (schema: unknown, base: string): void => {
    forEachSchema(schema, (node, visit) => {
      if (visit.inert) return;
      const at = `${base}${toPointer(visit.segments)}`;
      if (Object.hasOwn(node, 'example')) {
        add({ pointer: `${at}/example`, schemaPointer: at, value: node['example'] });
      }
      const list = node['examples'];
      if (Array.isArray(list)) {
        for (const [i, value] of list.entries())
          add({ pointer: `${at}/examples/${i}`, schemaPointer: at, value });
      }
    });
  };
  for (const [name, schema] of Object.entries(spec.document.components?.schemas ?? {})) {
    collect(schema, toPointer(['components', 'schemas', name]));
  }
  for (const { media } of documentedResponses(spec)) {
    for (const { pointer, object } of media) {
      const schemaPointer = `${pointer}/schema`;
      if (!object.schema) continue;
      collect(object.schema as SchemaObject, schemaPointer);
      for (const example of mediaExamples(spec, object, pointer)) add({ ...example, schemaPointer });
    }
  }
  return [...found.values()];
}

function mediaExamples(
  spec: Spec,
  media: MediaTypeObject,
  mediaPointer: string,
): { pointer: string; value: unknown }[] {
  const out: { pointer: string; value: unknown }[] = [];
  if (Object.hasOwn(media, 'example')) out.push({ pointer: `${mediaPointer}/example`, value: media.example });
  for (const [name, raw] of Object.entries(media.examples ?? {})) {
    const example = deref<{ value?: unknown }>(spec, raw, `${mediaPointer}/examples/${escapeSegment(name)}`);
    if (example.value && typeof example.value === 'object' && Object.hasOwn(example.value, 'value')) {
      out.push({ pointer: `${example.pointer}/value`, value: example.value.value });
    }
  }
  return out;
}

/** Checks one example against its schema; undocumented properties in an example are errors (the spec contradicts itself). */
export function validateExample(validator: SpecValidator, example: SpecExample): Finding[] {
  // A schema no value is checked against (one under `not`, say) has nothing to hold its example to.
  if (!validator.converted.locateSchema(example.schemaPointer)) return [];
  return validator.validateSchema(example.schemaPointer, example.value, { strict: true });
}
