/**
 * activity-log-contract: the library's public API. Everything a user imports comes from here;
 * the CLI (`src/cli`) is left out on purpose: it is a program, not an API.
 */

export type { MatcherOptions } from './jest/matchers';
export { activityLogMatchers } from './jest/matchers';
export type { ResponseLike } from './jest/toHttpResponse';
export type {
  Clock,
  Credentials,
  LiveExchange,
  LiveFinding,
  LiveOptions,
  LiveOutcome,
  LiveReport,
  Transport,
} from './live';
export { curlCommand, resolveServer, runLive, writeRecordings } from './live';
export type { Outcome, ReportEntry, ReportSection, Summary } from './report';
export { renderEntry, renderJson, renderJunit, renderSummary } from './report';
export type { ConvertedSpec, OpenApiDocument, Operation, SchemaObject, Spec, SpecLocation } from './spec';
export {
  convertSpec,
  DEFAULT_SPEC_FILE,
  defaultOperation,
  findOperation,
  findResponse,
  listOperations,
  loadSpec,
  parseSpec,
  SpecError,
} from './spec';
export type {
  Finding,
  HttpResponse,
  InputItem,
  Recording,
  Rule,
  Severity,
  SpecValidator,
  ValidateOptions,
  ValidationResult,
} from './validation';
export {
  createAjv,
  createValidator,
  getValidator,
  isRfc3339DateTime,
  listExamples,
  parseRecording,
  readRecordings,
} from './validation';
