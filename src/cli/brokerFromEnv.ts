import { BrokerConfigError } from '../pact/BrokerConfigError';
import { type BrokerConfig, brokerConfigFromEnv } from '../pact/pactBrokerCli';
import { UsageError } from './command';

/** The broker settings from the environment; a missing one is a usage error (exit 2) naming the variable. */
export function brokerFromEnv(command: string, env: NodeJS.ProcessEnv): BrokerConfig {
  try {
    return brokerConfigFromEnv(env);
  } catch (error) {
    if (error instanceof BrokerConfigError)
      throw new UsageError(`${command} needs a broker: ${error.message}`);
    throw error;
  }
}
