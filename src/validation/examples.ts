import {
  escapeSegment,
  listOperations,
  mapSchema,
  type ResponseObject,
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
 * Every example in the spec: `example` on schema objects at any depth (components and inline), and
 * `example` / `examples.*.value` of response media types.
 */
export function listExamples(spec: Spec): SpecExample[] {
  const found: SpecExample[] = [];
  const collect = (schema: unknown, base: string): void => {
    mapSchema(schema, (node, visit) => {
      if (Object.hasOwn(node, 'example')) {
        const at = `${base}${toPointer(visit.segments)}`;
        found.push({ pointer: `${at}/example`, schemaPointer: at, value: node['example'] });
      }
      return node;
    });
  };
  for (const [name, schema] of Object.entries(spec.document.components?.schemas ?? {})) {
    collect(schema, toPointer(['components', 'schemas', name]));
  }
  for (const operation of listOperations(spec)) {
    for (const [status, response] of Object.entries(operation.object.responses)) {
      for (const [mediaType, media] of Object.entries((response as ResponseObject).content ?? {})) {
        const mediaPointer = `${operation.pointer}/responses/${escapeSegment(status)}/content/${escapeSegment(mediaType)}`;
        const schemaPointer = `${mediaPointer}/schema`;
        if (!media.schema) continue;
        collect(media.schema as SchemaObject, schemaPointer);
        if (Object.hasOwn(media, 'example')) {
          found.push({ pointer: `${mediaPointer}/example`, schemaPointer, value: media.example });
        }
        for (const [name, example] of Object.entries(media.examples ?? {})) {
          if (Object.hasOwn(example, 'value')) {
            found.push({
              pointer: `${mediaPointer}/examples/${escapeSegment(name)}/value`,
              schemaPointer,
              value: example.value,
            });
          }
        }
      }
    }
  }
  return found;
}

/** Checks one example against its schema; undocumented properties in an example are errors (the spec contradicts itself). */
export function validateExample(validator: SpecValidator, example: SpecExample): Finding[] {
  return validator.validateSchema(example.schemaPointer, example.value, { strict: true });
}
