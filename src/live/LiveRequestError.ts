/** Why an HTTP exchange produced no usable response. */
export type LiveRequestErrorKind = 'timeout' | 'connection' | 'truncated' | 'redirect' | 'refused_host';

/** A request to the provider that failed below HTTP: no status to check, only an outage to report. */
export class LiveRequestError extends Error {
  override readonly name = 'LiveRequestError';
  readonly kind: LiveRequestErrorKind;
  readonly url: string;

  constructor(kind: LiveRequestErrorKind, message: string, context: { url: string; cause?: unknown }) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.kind = kind;
    this.url = context.url;
  }
}
