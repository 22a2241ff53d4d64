import type { SpecLocation } from '../spec';

/** What a change means for a consumer written for the old document. */
export type ChangeSeverity = 'breaking' | 'warning' | 'safe';

/**
 * One difference between two versions of an OpenAPI document, judged from the consumer's side: a response
 * the new document allows that an old client can reject or misread, or a request the old document allowed
 * that the new one refuses.
 */
export interface DocumentChange {
  /** What changed, in oasdiff's vocabulary where it has a word: `response-required-property-removed`. */
  readonly kind: string;
  readonly severity: ChangeSeverity;
  /** `GET /activity-logs/{id}`. */
  readonly operation: string;
  /** Which part of the operation: `200 application/json`, `header parameter sequence-version`, `security`. */
  readonly where: string;
  /** JSON pointer into the body, parameter or header value (`*` for any item or key); `''` for the whole. */
  readonly pointer: string;
  readonly message: string;
  /** Where the old document says it (`undefined` when it says nothing there). */
  readonly old: SpecLocation | undefined;
  /** Where the new document says it. */
  readonly new: SpecLocation | undefined;
}
