import { findShortSecret } from '../live';
import { UsageError } from './command';

/**
 * A secret from the environment, `undefined` when unset or empty. One too short to redact safely is a
 * usage error (exit 2) naming the variable, never its value.
 *
 * @example secretFromEnv({ SEQUENCE_CLIENT_SECRET: 'ing' }, 'SEQUENCE_CLIENT_SECRET') // throws UsageError
 */
export function secretFromEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name] || undefined;
  const short = findShortSecret({ [name]: value });
  if (short) throw new UsageError(short.message);
  return value;
}
