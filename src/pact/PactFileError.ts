/** A file that is not a pact this suite can read (not JSON, no interactions); the CLI exits 2 on it. */
export class PactFileError extends Error {
  override readonly name = 'PactFileError';
  readonly file: string;

  constructor(message: string, file: string, cause?: unknown) {
    super(`${file}: ${message}`, cause === undefined ? undefined : { cause });
    this.file = file;
  }
}
