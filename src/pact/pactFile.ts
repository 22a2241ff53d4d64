import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { PACT_CONSUMER, PACT_PROVIDER } from './providerStates';

/** Where the consumer tests write, and CI expects, the committed pact files. */
export const DEFAULT_PACT_DIR = path.resolve(__dirname, '../../pacts');

/** `pacts/<consumer>-<provider>.json`, the name Pact itself gives the file. */
export function pactFileName(consumer: string = PACT_CONSUMER, provider: string = PACT_PROVIDER): string {
  return `${consumer}-${provider}.json`;
}

/**
 * A pact file without what varies by tool version and not by contract (the Pact library versions in
 * `metadata`), so a committed pact compares equal to a fresh one when the contract is the same.
 */
export function comparablePact(pact: unknown): unknown {
  if (typeof pact !== 'object' || pact === null) return pact;
  const { metadata, ...rest } = pact as { metadata?: Record<string, unknown> };
  const { pactRust: _rust, 'pact-js': _js, ...kept } = metadata ?? {};
  return { ...rest, metadata: kept };
}

/**
 * Why the committed pact is stale compared with a freshly written one, or `undefined` when they agree
 * (tool versions in `metadata` aside). The message says how to regenerate.
 */
export function stalePactReason(
  committedFile: string,
  freshFile: string,
  regenerate: string,
): string | undefined {
  const fresh = readJson(freshFile);
  if (fresh === undefined) return `no fresh pact was written at ${freshFile}: did the consumer tests run?`;
  const committed = readJson(committedFile);
  const name = path.basename(committedFile);
  if (committed === undefined) {
    return `pacts/${name} is missing. Generate it with \`${regenerate}\` and commit it.`;
  }
  if (isDeepStrictEqual(comparablePact(committed), comparablePact(fresh))) return undefined;
  return (
    `pacts/${name} is stale: the consumer tests now produce a different pact. ` +
    `Regenerate it with \`${regenerate}\`, review the diff and commit it.`
  );
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
