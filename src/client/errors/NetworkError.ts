import { ActivityLogClientError } from './ActivityLogClientError';

/** The request never got an HTTP answer (connection refused, DNS failure, reset). */
export class NetworkError extends ActivityLogClientError {
  override readonly name = 'NetworkError';
}
