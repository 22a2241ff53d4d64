export type { ActivityLogInteraction } from './activityLogInteractions';
export {
  activityLogInteractions,
  PACT_EXAMPLE_CREDENTIALS,
  PACT_INVALID_CREDENTIALS,
} from './activityLogInteractions';
export { BrokerConfigError } from './BrokerConfigError';
export type { FieldSelection } from './bodyMatcher';
export { bodyMatcher } from './bodyMatcher';
export type { PactCheckResult, PactInteractionCheck } from './checkPactAgainstSpec';
export { checkPactAgainstSpec } from './checkPactAgainstSpec';
export { RFC3339_DATE_TIME_PATTERN } from './dateTimePattern';
export { PactFileError } from './PactFileError';
export type { BrokerConfig, CanIDeployOptions, PactCliRun, PublishPactsOptions } from './pactBrokerCli';
export { BROKER_ENV, brokerConfigFromEnv, canIDeploy, pactCliBinary, publishPacts } from './pactBrokerCli';
export { comparablePact, DEFAULT_PACT_DIR, pactFileName, stalePactReason } from './pactFile';
export type { ProviderState } from './providerStates';
export { ACTIVITY_LOG_ID_PARAM, PACT_CONSUMER, PACT_PROVIDER, PROVIDER_STATES } from './providerStates';
export type { PactDocument, PactHttpInteraction } from './readPact';
export { normalizePact, readPactFile } from './readPact';
export { registerInteraction } from './registerInteraction';
export type {
  VerificationFailure,
  VerificationPublishing,
  VerificationResult,
  VerifierOutput,
  VerifyProviderOptions,
} from './verifyProvider';
export { parseVerifierFailures, verifierOptions, verifyProvider } from './verifyProvider';
export type { BrokerRetry } from './waitForBroker';
