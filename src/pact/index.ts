export type { ActivityLogInteraction } from './activityLogInteractions';
export {
  activityLogInteractions,
  PACT_EXAMPLE_CREDENTIALS,
  PACT_INVALID_CREDENTIALS,
} from './activityLogInteractions';
export type { FieldSelection } from './bodyMatcher';
export { bodyMatcher } from './bodyMatcher';
export { RFC3339_DATE_TIME_PATTERN } from './dateTimePattern';
export { comparablePact, DEFAULT_PACT_DIR, pactFileName, stalePactReason } from './pactFile';
export type { ProviderState } from './providerStates';
export { ACTIVITY_LOG_ID_PARAM, PACT_CONSUMER, PACT_PROVIDER, PROVIDER_STATES } from './providerStates';
export { registerInteraction } from './registerInteraction';
