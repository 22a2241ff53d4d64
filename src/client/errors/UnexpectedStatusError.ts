import { ActivityLogClientError } from './ActivityLogClientError';

/** The provider answered with a status the spec does not document for this operation (e.g. 404, 503). */
export class UnexpectedStatusError extends ActivityLogClientError {
  override readonly name = 'UnexpectedStatusError';
}
