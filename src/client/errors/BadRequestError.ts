import { ActivityLogClientError } from './ActivityLogClientError';

/** The provider answered 400 Bad Request (documented in the spec). */
export class BadRequestError extends ActivityLogClientError {
  override readonly name = 'BadRequestError';
}
