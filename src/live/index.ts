/** The live gate: HTTP checks of a running provider against the spec. Printing is the CLI's job. */
export { type Clock, systemClock } from './Clock';
export { type CurlAuth, curlCommand } from './curl';
export type { LiveExchange, LiveFinding, LiveOutcome, LiveReport, ProbeKind } from './LiveReport';
export { LiveRequestError, type LiveRequestErrorKind } from './LiveRequestError';
export { UNKNOWN_VERSION, WRONG_CREDENTIALS } from './probes';
export { RequestScheduler, type SchedulerLimits } from './RequestScheduler';
export { RECORDED_HEADERS, toRecording, writeRecordings } from './recording';
export type { Credentials, Redactor } from './redact';
export {
  createRedactor,
  findShortSecret,
  MIN_REDACTED_ID,
  MIN_SECRET_LENGTH,
  REDACTED,
  secretsRedactor,
} from './redact';
export type { RetryPolicy } from './retry';
export { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter, RETRYABLE_STATUSES } from './retry';
export type { LiveOptions } from './runLive';
export { LIVE_DEFAULTS, runLive } from './runLive';
export { SecretTooShortError } from './SecretTooShortError';
export { DEFAULT_SERVER, resolveServer, ServerChoiceError } from './servers';
export type { Transport, WireRequest, WireResponse } from './transport';
export { isLoopback, LOOPBACK_ONLY_ENV, nodeTransport } from './transport';
