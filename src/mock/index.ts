/**
 * The mock provider: every operation of a document served with generated valid bodies, the spec's auth
 * and parameter rules, and faults on request. Printing is the CLI's job; the log is a callback.
 */
export type { AuthRequirement, CredentialRule } from './auth';
export type { Mock, MockOptions } from './createMock';
export { createMock } from './createMock';
export type { Fault } from './faults';
export { DEFAULT_FAULTS, describeFault, FaultSyntaxError, PREFER_TOKENS, parseFault } from './faults';
// Shared with the validating proxy: one log line per request, and serving until stopped.
export type { RequestLogEntry } from './requestLog';
export { formatRequestLine, pathForLog } from './requestLog';
export { drawFault, seededHash } from './seeded';
export type { ListenAddress, SignalSource } from './serveUntilStopped';
export {
  closeServer,
  ListenError,
  listen,
  serveUntilStopped,
  stopOnProcessSignals,
} from './serveUntilStopped';
export type { RunningMock } from './startMock';
export { MOCK_DEFAULTS, startMock } from './startMock';
