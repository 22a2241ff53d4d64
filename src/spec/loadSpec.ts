import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { metaValidatorFor } from './metaValidators';
import { fromPointer, getAtPointer, toDottedPath, toPointer } from './pointer';
import { SpecError } from './SpecError';
import { buildLineMap } from './sourceMap';
import type { OpenApiVersion } from './toJsonSchema';
import type { OpenApiDocument, Spec, SpecLocation } from './types';

/** The provider's document that ships with the suite. */
export const DEFAULT_SPEC_FILE = path.resolve(__dirname, '../../spec/activity-stream.2024-07-30.yaml');

/**
 * Reads an OpenAPI 3.0 or 3.1 YAML (or JSON) file and checks it: YAML syntax, the official meta-schema of
 * its version, and every local `$ref`. Throws a `SpecError` naming the file and line otherwise.
 *
 * @example const spec = loadSpec('spec/activity-stream.2024-07-30.yaml');
 */
export function loadSpec(file: string = DEFAULT_SPEC_FILE, options: LoadOptions = {}): Spec {
  const shown = displayPath(file);
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SpecError(`cannot read the spec (${code ?? String(error)})`, { file: shown, cause: error });
  }
  return parseSpec(source, shown, options);
}

export interface LoadOptions {
  /**
   * The document was checked against its meta-schema in this run already (a worker thread reading it
   * again): skip that check, which costs more than the rest of loading. Syntax and `$ref`s are still checked.
   */
  readonly checkedBefore?: boolean;
}

/** Same as `loadSpec`, from text already in memory; `file` is only used in messages. */
export function parseSpec(source: string, file: string, options: LoadOptions = {}): Spec {
  let document: unknown;
  try {
    // JSON_SCHEMA keeps unquoted timestamps as strings, as JSON consumers will see them.
    document = yaml.load(source, { schema: yaml.JSON_SCHEMA, filename: file });
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      throw new SpecError(`YAML syntax error: ${error.reason}`, {
        file,
        line: error.mark.line + 1,
        column: error.mark.column + 1,
        cause: error,
      });
    }
    throw error;
  }
  const lines = buildLineMap(source);
  // Findings ask for the same few places again and again (a million responses, one undocumented property):
  // each is worked out once. Pointers name places in this document, so the cache is bounded by its size.
  const located = new Map<string, SpecLocation>();
  const find = (pointer: string): SpecLocation => {
    const segments = fromPointer(pointer);
    for (let n = segments.length; n >= 0; n--) {
      const line = lines.get(toPointer(segments.slice(0, n)));
      if (line !== undefined) return { pointer, path: toDottedPath(pointer), file, line };
    }
    return { pointer, path: toDottedPath(pointer), file, line: undefined };
  };
  const locate = (pointer: string): SpecLocation => {
    let location = located.get(pointer);
    if (!location) {
      location = Object.freeze(find(pointer));
      located.set(pointer, location);
    }
    return location;
  };

  const version = checkAgainstMetaSchema(document, file, locate, options.checkedBefore !== true);
  checkReferences(document, file, locate);
  return { file, version, document: document as OpenApiDocument, locate };
}

function checkAgainstMetaSchema(
  document: unknown,
  file: string,
  locate: (p: string) => SpecLocation,
  againstMetaSchema: boolean,
): OpenApiVersion {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new SpecError('not an OpenAPI document: the top level must be a mapping', { file, line: 1 });
  }
  const openapi = (document as { openapi?: unknown }).openapi;
  const version = typeof openapi === 'string' ? /^3\.([01])\.\d+(-.+)?$/.exec(openapi)?.[1] : undefined;
  if (version === undefined) {
    const swagger = (document as { swagger?: unknown }).swagger !== undefined;
    throw new SpecError(
      `not an OpenAPI 3.0 or 3.1 document: 'openapi' is ${JSON.stringify(openapi)}, expected 3.0.x or 3.1.x${swagger ? ' (this is Swagger 2.0: convert it to OpenAPI 3 first)' : ''}`,
      { file, line: locate('/openapi').line },
    );
  }
  const family: OpenApiVersion = version === '0' ? '3.0' : '3.1';
  if (!againstMetaSchema) return family;
  const metaValidator = metaValidatorFor(family);
  if (!metaValidator(document)) {
    const [first] = (metaValidator.errors ?? []) as {
      instancePath: string;
      message?: string;
      params?: unknown;
    }[];
    const pointer = first?.instancePath ?? '';
    const where = pointer === '' ? 'the document' : toDottedPath(pointer);
    const detail =
      first?.params && typeof first.params === 'object' ? ` ${JSON.stringify(first.params)}` : '';
    throw new SpecError(
      `not valid OpenAPI ${family} (official meta-schema): ${where} ${first?.message ?? 'is invalid'}${detail}`,
      {
        file,
        line: locate(pointer).line,
        pointer,
      },
    );
  }
  return family;
}

function checkReferences(document: unknown, file: string, locate: (p: string) => SpecLocation): void {
  const visit = (node: unknown, segments: string[]): void => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) visit(item, [...segments, String(i)]);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (isData(segments, key, value)) continue;
      if (key === '$ref' && typeof value === 'string') {
        const pointer = toPointer([...segments, key]);
        if (!value.startsWith('#')) {
          throw new SpecError(
            `$ref '${value}' points outside this document; only references inside it are followed (bundle the document first, e.g. with \`redocly bundle\`)`,
            { file, line: locate(pointer).line, pointer },
          );
        }
        const target = decodeURIComponent(value.slice(1));
        if (target !== '' && (!target.startsWith('/') || getAtPointer(document, target) === undefined)) {
          throw new SpecError(`dangling $ref '${value}': nothing at ${target || '/'} in this document`, {
            file,
            line: locate(pointer).line,
            pointer,
          });
        }
      } else {
        visit(value, [...segments, key]);
      }
    }
  };
  visit(document, []);
}

/**
 * Values that are data, never references or schemas: examples (`example`, an Example Object's `value`,
 * a 3.1 schema's `examples` list), `default`, `const`, `enum`, and extensions. A property *named* `$ref`
 * under `properties` is a schema, and is still walked.
 */
function isData(segments: readonly string[], key: string, value: unknown): boolean {
  if (segments.at(-1) === 'properties') return false;
  if (key.startsWith('x-')) return true;
  if (key === 'example' || key === 'default' || key === 'const' || key === 'enum') return true;
  if (key === 'examples' && Array.isArray(value)) return true;
  return key === 'value' && segments.at(-2) === 'examples';
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
