import type { components, operations } from './generated/activityLogApi';

// Aliases over the types openapi-typescript generates from the spec (`npm run client:types`); none are hand-written.

/** The 200 body of `GET /activity-logs/{id}`. */
export type ActivityLog =
  operations['getActivityLogsById']['responses']['200']['content']['application/json'];
export type ActivityLogItem = components['schemas']['ActivityLogItemResponse'];
export type ActivityLogActor = components['schemas']['ActivityLogActorResponse'];
export type ActivityLogObject = components['schemas']['ActivityLogObjectResponse'];
export type ActivityLogTarget = components['schemas']['ActivityLogTargetResponse'];
/** The headers the spec documents for the operation. */
export type ActivityLogRequestHeaders = operations['getActivityLogsById']['parameters']['header'];
/** The API version the client pins, typed from the spec's `sequence-version` enum. */
export type SequenceVersion = NonNullable<ActivityLogRequestHeaders['sequence-version']>;
