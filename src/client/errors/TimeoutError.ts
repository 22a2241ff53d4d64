import { ActivityLogClientError } from './ActivityLogClientError';

/** No complete response arrived within the configured timeout. */
export class TimeoutError extends ActivityLogClientError {
  override readonly name = 'TimeoutError';
}
