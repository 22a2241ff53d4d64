/**
 * The mock provider: every operation of a document served with generated valid bodies, the spec's auth
 * and parameter rules, and faults on request. Printing is the CLI's job; the log is a callback.
 */
export type { AuthRequirement, CredentialRule } from './auth';
export type { Mock, MockOptions } from './createMock';
export { createMock } from './createMock';
export type { Fault } from './faults';
export { DEFAULT_FAULTS, describeFault, FaultSyntaxError, PREFER_TOKENS, parseFault } from './faults';
export type { RequestLogEntry } from './requestLog';
export { formatRequestLine } from './requestLog';
// The seeded draw behind --fault-rate: which well-formed request gets which fault.
export { drawFault } from './seeded';
export type { RunningMock } from './startMock';
export { MOCK_DEFAULTS, startMock } from './startMock';
