/**
 * The child process `verifyProvider` runs the Pact Verifier in: the native core prints its report straight
 * to this process's stdout, which the parent reads and redacts. Gets the options over IPC, answers once.
 * @internal
 */
import { Verifier } from '@pact-foundation/pact';
import {
  parseVerifierFailures,
  type VerifierAnswer,
  type VerifyProviderOptions,
  verifierOptions,
} from './verifyProvider';

async function verify(options: VerifyProviderOptions): Promise<VerifierAnswer> {
  try {
    await new Verifier(verifierOptions(options)).verifyProvider();
    return { result: { passed: true, failures: [] } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failures = parseVerifierFailures(message);
    return failures === undefined ? { error: message } : { result: { passed: false, failures } };
  }
}

process.once('message', (options) => {
  verify(options as VerifyProviderOptions).then((answer) => {
    // The native core may keep handles open; the answer is all the parent waits for.
    process.send?.(answer, () => process.exit(0));
  });
});
