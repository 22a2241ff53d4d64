import fc from 'fast-check';
import type { GenerationOptions, InvalidSample, SpecGenerators } from '../generation';
import {
  type DocumentedResponse,
  deref,
  escapeSegment,
  fromPointer,
  mediaTypes,
  type Operation,
  type Spec,
} from '../spec';
import type { SpecValidator } from '../validation';
import type { Fault } from './faults';
import { Refusal } from './Refusal';
import { seededHash } from './seeded';

const MAX_CACHED_BODIES = 1000;
/** Header values stay short: a header block has a size limit that a body does not. */
const HEADER_GENERATION: GenerationOptions = { maxStringLength: 64, extraProperties: false };

/** Bodies for documented responses: generated from the schema, seeded by the request, cached. */
export class BodyMaker {
  private readonly arbitraries = new Map<string, fc.Arbitrary<unknown>>();
  private readonly invalids = new Map<string, fc.Arbitrary<InvalidSample>>();
  private readonly cache = new Map<string, { headers: Record<string, string>; body: string }>();

  constructor(
    private readonly spec: Spec,
    private readonly validator: SpecValidator,
    private readonly generators: SpecGenerators,
    private readonly seed: number,
    private readonly generation: GenerationOptions,
  ) {}

  make(request: {
    readonly operation: Operation;
    readonly response: DocumentedResponse;
    readonly target: string;
    readonly accept: string | undefined;
    readonly values: Readonly<Record<string, string>>;
    readonly example: string | undefined;
    readonly invalid: Fault['invalid'];
  }): { headers: Record<string, string>; body: string } {
    const { response } = request;
    const media = chooseMedia(mediaTypes(response.object.content, response.pointer), request.accept);
    if (!media && (request.example !== undefined || request.invalid !== undefined))
      throw new Refusal(`the ${response.key} response of ${label(request.operation)} documents no body`);
    const key = `${request.target}\n${response.pointer}\n${media?.type}\n${request.example ?? ''}\n${request.invalid ?? ''}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const seed = seededHash(this.seed, request.target, response.key, media?.type ?? '');
    const documented = this.documentedHeaders(response, seed);
    let made: { headers: Record<string, string>; body: string };
    const headers = media ? { ...documented, 'content-type': media.type } : documented;
    if (!media) {
      made = { headers, body: '' };
    } else if (request.example !== undefined) {
      made = { headers, body: serialize(media.type, this.example(media, request.example)) };
    } else if (request.invalid !== undefined) {
      const sample = this.invalidSample(media.pointer, request.invalid, seed);
      made = {
        headers: {
          ...headers,
          'x-mock-violation': sample.violation.message,
          'x-mock-violation-kind': sample.violation.kind,
          'x-mock-violation-pointer': sample.violation.pointer,
        },
        body: serialize(media.type, sample.value),
      };
    } else {
      made = { headers, body: serialize(media.type, this.valid(request, media, seed)) };
    }
    if (this.cache.size >= MAX_CACHED_BODIES) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, made);
    return made;
  }

  /** Values for the response's documented headers (Content-Type aside, as OpenAPI says), seeded like the body. */
  private documentedHeaders(response: DocumentedResponse, seed: number): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, raw] of Object.entries(response.object.headers ?? {})) {
      if (name.toLowerCase() === 'content-type') continue;
      const header = deref<{ schema?: unknown }>(
        this.spec,
        raw as { schema?: unknown },
        `${response.pointer}/headers/${escapeSegment(name)}`,
      );
      if (header.value?.schema === undefined) continue;
      const arbitrary = this.arbitrary(`${header.pointer}/schema`, HEADER_GENERATION);
      const [value] = fc.sample(arbitrary, { seed: seededHash(seed, name), numRuns: 1 });
      // Only scalars have one obvious text form on the wire.
      if (value !== null && value !== undefined && typeof value !== 'object')
        out[name.toLowerCase()] = String(value);
    }
    return out;
  }

  private arbitrary(pointer: string, options: GenerationOptions): fc.Arbitrary<unknown> {
    const key = `${pointer}\n${JSON.stringify(options)}`;
    let arbitrary = this.arbitraries.get(key);
    if (!arbitrary) {
      arbitrary = this.generators.arbitrary(pointer, options);
      this.arbitraries.set(key, arbitrary);
    }
    return arbitrary;
  }

  /** A valid value of the media type's schema (or its example when it has no schema), with the path's id. */
  private valid(
    request: { readonly operation: Operation; readonly values: Readonly<Record<string, string>> },
    media: MediaChoice,
    seed: number,
  ): unknown {
    const { object } = media;
    if (object.schema === undefined) {
      const [first] = Object.values(object.examples ?? {});
      return object.example ?? first?.value;
    }
    const pointer = `${media.pointer}/schema`;
    const [value] = fc.sample(this.arbitrary(pointer, this.generation), { seed, numRuns: 1 });
    return this.withPathId(pointer, value, request);
  }

  /**
   * The body with the last path parameter's value as its `id` (or as the property of the parameter's own
   * name), when the schema has that property and the value fits it there; otherwise as generated.
   */
  private withPathId(
    pointer: string,
    value: unknown,
    request: { readonly operation: Operation; readonly values: Readonly<Record<string, string>> },
  ): unknown {
    const names = [...request.operation.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
    const name = names[names.length - 1];
    const raw = name === undefined ? undefined : request.values[name];
    if (name === undefined || raw === undefined) return value;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const properties = this.generators.node(pointer).object.properties;
    const property = properties.has(name) ? name : properties.has('id') ? 'id' : undefined;
    if (property === undefined) return value;
    const parsed = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : undefined;
    for (const candidate of parsed === undefined ? [raw] : [raw, parsed]) {
      const body = { ...(value as Record<string, unknown>), [property]: candidate };
      const errors = this.validator.validateSchema(pointer, body).filter((f) => f.severity === 'error');
      if (errors.length === 0) return body;
    }
    return value;
  }

  private invalidSample(mediaPointer: string, kind: Fault['invalid'], seed: number): InvalidSample {
    const pointer = `${mediaPointer}/schema`;
    let arbitrary = this.invalids.get(pointer);
    if (!arbitrary) {
      try {
        arbitrary = this.generators.invalid(pointer, this.generation);
      } catch (error) {
        throw new Refusal(`invalid: the schema cannot be broken (${(error as Error).message})`);
      }
      this.invalids.set(pointer, arbitrary);
    }
    if (kind === true) return fc.sample(arbitrary, { seed, numRuns: 1 })[0] as InvalidSample;
    // A kind the schema rarely offers takes a few draws; a bound keeps a kind it never offers from spinning.
    for (let batch = 0; batch < 20; batch++) {
      const samples = fc.sample(arbitrary, { seed: (seed + batch) | 0, numRuns: 10 });
      const found = samples.find((s) => s.violation.kind === kind);
      if (found) return found;
    }
    throw new Refusal(`invalid=${kind}: this schema offers no violation of that kind`);
  }

  private example(media: MediaChoice, name: string): unknown {
    const examples = media.object.examples ?? {};
    const raw = examples[name];
    if (raw === undefined) {
      const names = Object.keys(examples);
      throw new Refusal(
        `example=${name}: no such example for ${media.type} (${names.length > 0 ? `examples: ${names.join(', ')}` : 'it has none'})`,
      );
    }
    const pointer = `${media.pointer}/examples/${escapeSegment(name)}`;
    return deref<{ value?: unknown }>(this.spec, raw, pointer).value?.value;
  }
}

interface MediaChoice {
  readonly type: string;
  readonly pointer: string;
  readonly object: NonNullable<ReturnType<typeof mediaTypes>[number]['object']>;
}

/** The documented media type the `Accept` header takes first; else the JSON one; else the first. */
function chooseMedia(
  media: ReturnType<typeof mediaTypes>,
  accept: string | undefined,
): MediaChoice | undefined {
  const choices = media.map((m) => ({
    ...m,
    type: fromPointer(m.pointer).at(-1) ?? '',
  }));
  const ranges = (accept ?? '')
    .split(',')
    .map((r) => (r.split(';')[0] ?? '').trim().toLowerCase())
    .filter((r) => r !== '');
  const accepted = choices.find((c) =>
    ranges.some(
      (r) =>
        r === c.type.toLowerCase() ||
        r === '*/*' ||
        (r.endsWith('/*') && c.type.toLowerCase().startsWith(r.slice(0, -1))),
    ),
  );
  const chosen = accepted ?? choices.find((c) => /json/i.test(c.type)) ?? choices[0];
  return chosen && { type: chosen.type, pointer: chosen.pointer, object: chosen.object };
}

function serialize(mediaType: string, value: unknown): string {
  if (value === undefined) return '';
  if (!/json/i.test(mediaType) && typeof value === 'string') return value;
  return JSON.stringify(value);
}

function label(operation: Operation): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}
