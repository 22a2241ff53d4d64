import { ActivityLogClientError } from './ActivityLogClientError';

/** The provider answered 401 Unauthorized: the client id or secret was refused (documented in the spec). */
export class UnauthorizedError extends ActivityLogClientError {
  override readonly name = 'UnauthorizedError';
}
