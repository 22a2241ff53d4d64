/** The broker is not configured (a missing env var, a malformed URL); the CLI exits 2 on it. */
export class BrokerConfigError extends Error {
  override readonly name = 'BrokerConfigError';
}
