/**
 * A secret too short to redact safely: replacing it would garble ordinary words ("ing" in "missing"),
 * leaving it would print it. Names the secret (an environment variable, an option), never its value.
 */
export class SecretTooShortError extends Error {
  override readonly name = 'SecretTooShortError';
  /** What the user knows the secret by, e.g. `SEQUENCE_CLIENT_SECRET`. */
  readonly secretName: string;

  constructor(secretName: string, minLength: number) {
    super(
      `${secretName} is shorter than ${minLength} characters, too short to keep out of output safely: set the real credential`,
    );
    this.secretName = secretName;
  }
}
