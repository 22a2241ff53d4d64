import type fc from 'fast-check';
import {
  type ConvertedSpec,
  convertSpec,
  defaultOperation,
  escapeSegment,
  findResponse,
  loadSpec,
  type Spec,
} from '../spec';
import { additionsArbitrary, type ExtendedSample } from './additions';
import { ArbitraryBuilder } from './arbitraries';
import { type JsonTextSample, jsonTextArbitrary } from './jsonText';
import { type GenerationOptions, resolveOptions } from './leaves';
import { type InvalidSample, invalidArbitrary } from './mutations';
import { SchemaCompiler, type SchemaNode } from './schemaModel';

/** Arbitraries for the schemas of one spec. */
export interface SpecGenerators {
  readonly spec: Spec;
  readonly converted: ConvertedSpec;
  /**
   * Valid values of a schema: a component name (`ActivityLogResponse`) or the spec pointer of any schema
   * (`/components/schemas/X/properties/y`, a response body's `…/content/application~1json/schema`).
   */
  arbitrary(schema: string, options?: GenerationOptions): fc.Arbitrary<unknown>;
  /** Valid values of that schema with exactly one labelled violation applied. */
  invalid(schema: string, options?: GenerationOptions): fc.Arbitrary<InvalidSample>;
  /**
   * Valid values of that schema (without undocumented properties) with one to three labelled additions a
   * provider may make without a new API version: undocumented properties, longer arrays, longer strings.
   */
  withAdditions(schema: string, options?: GenerationOptions): fc.Arbitrary<ExtendedSample>;
  /** Valid values of that schema written as unusual JSON text, with the edge cases it holds labelled. */
  jsonText(schema: string, options?: GenerationOptions): fc.Arbitrary<JsonTextSample>;
  /** One arbitrary per component schema, by name. */
  components(options?: GenerationOptions): Record<string, fc.Arbitrary<unknown>>;
  /** The spec pointer of the JSON body schema of a documented response (default: first GET, 200). */
  responseSchema(status?: number): string;
  /** The compiled form of a schema (for tests and tools that walk what is generated). */
  node(schema: string): SchemaNode;
}

const bySpec = new WeakMap<Spec, SpecGenerators>();
let defaultSpec: Spec | undefined;

/** The spec shipped with the suite, loaded once. */
export function shippedSpec(): Spec {
  defaultSpec ??= loadSpec();
  return defaultSpec;
}

/**
 * Generators derived from a spec's converted JSON Schemas (`convertSpec(spec).sites`), so any spec works.
 * Throws an `UnsupportedSchemaError` naming the keyword and schema path when a schema cannot be honoured.
 */
export function generatorsFor(spec: Spec = shippedSpec()): SpecGenerators {
  const known = bySpec.get(spec);
  if (known) return known;
  const converted = convertSpec(spec);
  const compiler = new SchemaCompiler(converted.sites);
  const builders = new Map<string, ArbitraryBuilder>();
  const builderFor = (options: GenerationOptions = {}): ArbitraryBuilder => {
    const resolved = resolveOptions(options);
    const key = JSON.stringify(resolved);
    let builder = builders.get(key);
    if (!builder) {
      builder = new ArbitraryBuilder(resolved, converted.sites);
      builders.set(key, builder);
    }
    return builder;
  };
  const node = (schema: string): SchemaNode => {
    const pointer = schema.startsWith('/') ? schema : `/components/schemas/${escapeSegment(schema)}`;
    const site = converted.siteAt(pointer);
    if (site) return compiler.compileRef(site.id, pointer);
    for (const candidate of converted.sites) {
      if (pointer.startsWith(`${candidate.pointer}/`)) {
        return compiler.compileRef(`${candidate.id}#${pointer.slice(candidate.pointer.length)}`, pointer);
      }
    }
    throw new Error(`No schema '${schema}' in ${spec.file}`);
  };

  const generators: SpecGenerators = {
    spec,
    converted,
    node,
    arbitrary: (schema, options) => builderFor(options).valid(node(schema)),
    invalid: (schema, options) => invalidArbitrary(builderFor(options), node(schema)),
    withAdditions: (schema, options) => {
      const bounds = resolveOptions(options);
      // A small base keeps each run, and each shrink, cheap: the additions are what this property is about.
      const base = builderFor({
        ...options,
        extraProperties: false,
        maxArrayLength: Math.min(8, bounds.maxArrayLength),
        maxStringLength: Math.min(64, bounds.maxStringLength),
      });
      return additionsArbitrary(base, node(schema), bounds);
    },
    jsonText: (schema, options) => jsonTextArbitrary(builderFor(options), node(schema)),
    components(options) {
      const out: Record<string, fc.Arbitrary<unknown>> = {};
      for (const name of Object.keys(spec.document.components?.schemas ?? {})) {
        out[name] = generators.arbitrary(name, options);
      }
      return out;
    },
    responseSchema(status = 200) {
      const operation = defaultOperation(spec);
      const response = findResponse(spec, operation, status);
      const content = response?.object.content ?? {};
      const mediaType = Object.keys(content).find((m) => /json/i.test(m));
      if (!response || mediaType === undefined) {
        throw new Error(`${spec.file}: ${operation.path} documents no JSON body for status ${status}`);
      }
      return `${response.pointer}/content/${escapeSegment(mediaType)}/schema`;
    },
  };
  bySpec.set(spec, generators);
  return generators;
}
