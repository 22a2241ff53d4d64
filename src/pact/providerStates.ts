/**
 * The provider states the consumer pact names and the verifier's state handlers answer. One constant, so
 * the two sides cannot drift: rename a state here and both follow.
 */
export const PROVIDER_STATES = {
  fullActivityLog: 'an activity log with every documented field exists',
  requiredOnlyActivityLog: 'an activity log with only its required fields exists',
  invalidCredentials: 'the request carries no valid credentials',
} as const;

export type ProviderState = (typeof PROVIDER_STATES)[keyof typeof PROVIDER_STATES];

/**
 * The provider-state parameter that carries the activity log's id: the request path is
 * `fromProviderState('/activity-logs/${activityLogId}', …)`, so a verifier substitutes a real id.
 */
export const ACTIVITY_LOG_ID_PARAM = 'activityLogId';

/** The participant names; the pact file is `pacts/<consumer>-<provider>.json`. */
export const PACT_CONSUMER = 'activity-log-client';
export const PACT_PROVIDER = 'sequence-activity-log-api';
