export type { ConvertedSpec, SchemaSite, SiteKind } from './convertSpec';
export { convertSpec, SITE_ID_PREFIX } from './convertSpec';
export type { LoadOptions } from './loadSpec';
export { DEFAULT_SPEC_FILE, loadSpec, parseSpec } from './loadSpec';
export type { DocumentedResponse, HttpMethod, Operation } from './operations';
export {
  createOperationMatcher,
  defaultOperation,
  deref,
  documentedResponses,
  findDefaultOperation,
  findOperation,
  findResponse,
  listOperations,
  mediaTypes,
  operationParameterPointers,
  operationParameters,
  pathParameterValues,
} from './operations';
export { escapeSegment, fromPointer, getAtPointer, toDottedPath, toPointer } from './pointer';
export { SpecError } from './SpecError';
export type { SchemaVisit } from './schemaWalk';
export { COMPOSITION_KEYWORDS, forEachSchema, mapSchema } from './schemaWalk';
export type { SecuritySchemeObject } from './securitySchemes';
export { apiKeyNames, securitySchemes } from './securitySchemes';
export type { OpenApiVersion, SchemaNotice } from './toJsonSchema';
export { CHECKED_FORMATS } from './toJsonSchema';
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
