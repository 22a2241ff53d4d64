/** What every client error carries: the request that failed and, when there was one, the status. */
export interface RequestContext {
  readonly method: string;
  readonly url: string;
  readonly status?: number;
  readonly cause?: unknown;
}

/** Base class of the client's errors; `instanceof` a subclass tells what went wrong. */
export class ActivityLogClientError extends Error {
  override readonly name: string = 'ActivityLogClientError';
  readonly method: string;
  readonly url: string;
  readonly status: number | undefined;

  constructor(message: string, context: RequestContext) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.method = context.method;
    this.url = context.url;
    this.status = context.status;
  }
}
