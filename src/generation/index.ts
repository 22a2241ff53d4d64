/**
 * Generators derived from the spec: fast-check arbitraries of valid and (labelled) invalid activity logs,
 * a harness that fuzzes a downstream parser with them, and NDJSON corpora for other languages.
 */
export type { ActivityLog, ActivityLogItem } from '../client/types';
export type { ActivityLogOptions } from './activityLog';
export {
  activityLog,
  activityLogJsonText,
  activityLogWithAdditions,
  componentArbitraries,
  invalidActivityLog,
} from './activityLog';
export type { Addition, AdditionKind, ExtendedSample } from './additions';
export { ADDITION_KINDS } from './additions';
export { LONG_ARRAY_LENGTH } from './arbitraries';
export type { CorpusOptions } from './corpus';
export { corpusLines, generateCorpus } from './corpus';
export type { DateTimeParts } from './formats';
export { INVALID_DATE_TIME_FORMS, rfc3339DateTime } from './formats';
export type {
  FuzzParserOptions,
  FuzzReport,
  ParserFailure,
  ParserOutcome,
  ParserProperty,
} from './fuzzParser';
export { assertParser, describeOutcome, fuzzParser } from './fuzzParser';
export type { ParserModule } from './isolatedParser';
export { cloneJson, jsonEquals, toJsonText } from './json';
export type { JsonEdgeCase, JsonEdgeCaseKind, JsonTextSample } from './jsonText';
export { JSON_EDGE_CASES } from './jsonText';
export type { GenerationOptions } from './leaves';
export {
  ASTRAL_CHARACTERS,
  anyJson,
  CONTROL_CHARACTERS,
  DEFAULT_GENERATION_OPTIONS,
  EDGE_NUMBERS,
  edgeCaseNumber,
  edgeCaseString,
  extraPropertyKey,
  LONG_STRING_LENGTH,
  RTL_CHARACTERS,
} from './leaves';
export type { InvalidSample, Violation, ViolationKind } from './mutations';
export { VIOLATION_KINDS } from './mutations';
export { ParserContractError } from './ParserContractError';
export type { JsonType, SchemaNode } from './schemaModel';
export type { SpecGenerators } from './specGenerators';
export { generatorsFor } from './specGenerators';
export { UnsupportedSchemaError } from './UnsupportedSchemaError';
