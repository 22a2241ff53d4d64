/**
 * activity-log-contract: the library's public API. Everything a user imports comes from here;
 * the CLI (`src/cli`) is left out on purpose: it is a program, not an API.
 */

export type {
  ActivityLog,
  ActivityLogActor,
  ActivityLogClient,
  ActivityLogClientOptions,
  ActivityLogItem,
  ActivityLogObject,
  ActivityLogTarget,
} from './client';
export {
  ActivityLogClientError,
  BadRequestError,
  ContractViolationError,
  createActivityLogClient,
  NetworkError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
  UnexpectedStatusError,
} from './client';
export type {
  ChangeSeverity,
  DiffReport,
  DocumentChange,
  EvidenceItem,
  EvidenceKind,
  EvidenceSection,
  EvidenceSources,
} from './diff';
export { breaksConsumers, diffDocuments, diffSpecs, renderDiffHuman, renderDiffMarkdown } from './diff';
export type {
  ActivityLogOptions,
  Addition,
  CorpusOptions,
  ExtendedSample,
  FuzzParserOptions,
  FuzzReport,
  GenerationOptions,
  InvalidSample,
  JsonEdgeCase,
  JsonTextSample,
  ParserFailure,
  ParserModule,
  ParserOutcome,
  ParserProperty,
  SpecGenerators,
  Violation,
  ViolationKind,
} from './generation';
export {
  activityLog,
  activityLogJsonText,
  activityLogWithAdditions,
  assertParser,
  componentArbitraries,
  corpusLines,
  fuzzParser,
  generateCorpus,
  generatorsFor,
  invalidActivityLog,
  ParserContractError,
  UnsupportedSchemaError,
} from './generation';
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
export { curlCommand, resolveServer, runLive, SecretTooShortError, writeRecordings } from './live';
// The pact checks that need no native Pact core; matchers, interactions and verification load it, so they
// live in the `activity-log-contract/pact` entry point.
export type { Fault, Mock, MockOptions, RunningMock } from './mock';
export { createMock, DEFAULT_FAULTS, PREFER_TOKENS, parseFault, startMock } from './mock';
export type { PactCheckResult, PactInteractionCheck } from './pact/checkPactAgainstSpec';
export { checkPactAgainstSpec } from './pact/checkPactAgainstSpec';
export { PactFileError } from './pact/PactFileError';
export { brokerConfigFromEnv, canIDeploy, publishPacts } from './pact/pactBrokerCli';
export { PACT_CONSUMER, PACT_PROVIDER, PROVIDER_STATES } from './pact/providerStates';
export type { PactDocument } from './pact/readPact';
export { readPactFile } from './pact/readPact';
export type { ProxyExchange, ProxyOptions, RunningProxy } from './proxy';
export { startProxy } from './proxy';
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
