import { ActivityLogClientError } from './ActivityLogClientError';

/** The provider answered 500 Internal Server Error (documented in the spec). */
export class ServerError extends ActivityLogClientError {
  override readonly name = 'ServerError';
}
