export type { ActivityLogClient, ActivityLogClientOptions } from './createActivityLogClient';
export { createActivityLogClient, DEFAULT_TIMEOUT_MS, SEQUENCE_VERSION } from './createActivityLogClient';
export type { RequestContext } from './errors/ActivityLogClientError';
export { ActivityLogClientError } from './errors/ActivityLogClientError';
export { BadRequestError } from './errors/BadRequestError';
export { ContractViolationError } from './errors/ContractViolationError';
export { NetworkError } from './errors/NetworkError';
export { ServerError } from './errors/ServerError';
export { TimeoutError } from './errors/TimeoutError';
export { UnauthorizedError } from './errors/UnauthorizedError';
export { UnexpectedStatusError } from './errors/UnexpectedStatusError';
export type {
  ActivityLog,
  ActivityLogActor,
  ActivityLogItem,
  ActivityLogObject,
  ActivityLogRequestHeaders,
  ActivityLogTarget,
  SequenceVersion,
} from './types';
