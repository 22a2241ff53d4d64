/** A spec that cannot be used: unreadable, not YAML, not OpenAPI 3.0, or with a dangling `$ref`. */
export class SpecError extends Error {
  override readonly name = 'SpecError';
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly pointer: string | undefined;
  /** The message without the file and line in front of it. */
  readonly detail: string;

  constructor(
    message: string,
    context: {
      file: string;
      line?: number | undefined;
      column?: number | undefined;
      pointer?: string | undefined;
      cause?: unknown;
    },
  ) {
    const where =
      context.line === undefined
        ? context.file
        : `${context.file}:${context.line}${context.column === undefined ? '' : `:${context.column}`}`;
    super(`${where}: ${message}`, context.cause === undefined ? undefined : { cause: context.cause });
    this.file = context.file;
    this.line = context.line;
    this.column = context.column;
    this.pointer = context.pointer;
    this.detail = message;
  }
}
