export { DEFAULT_SPEC_FILE, loadSpec, parseSpec } from './loadSpec';
export type { DocumentedResponse, HttpMethod, Operation } from './operations';
export {
  createOperationMatcher,
  defaultOperation,
  deref,
  findOperation,
  findResponse,
  listOperations,
  operationParameters,
} from './operations';
export { escapeSegment, fromPointer, getAtPointer, toDottedPath, toPointer } from './pointer';
export { SpecError } from './SpecError';
export type { SchemaVisit } from './schemaWalk';
export { COMPOSITION_KEYWORDS, forEachSchema, mapSchema } from './schemaWalk';
export type { ConvertedSpec, SchemaSite } from './toJsonSchema';
export { convertSpec, SITE_ID_PREFIX } from './toJsonSchema';
export type {
  MediaTypeObject,
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  ResponseObject,
  SchemaObject,
  ServerObject,
  Spec,
  SpecLocation,
} from './types';
