import type { SpecLocation } from '../spec';

/** The named checks; the live gate reports the same names. */
export type Rule =
  | 'operation_documented'
  | 'status_code_documented'
  | 'content_type_conformance'
  | 'response_schema_conformance'
  // Live-only checks (src/live): they need a running provider, not just a response.
  | 'auth_enforced'
  | 'version_header'
  | 'not_a_server_error'
  | 'response_time'
  | 'provider_reachable'
  /** A pact's request (path parameters, headers, query, body) against the operation's parameters. */
  | 'request_conformance';

export type Severity = 'error' | 'warning';

/** One thing wrong with a response: what rule, where in the instance, which keyword, which line of the spec. */
export interface Finding {
  readonly rule: Rule;
  readonly severity: Severity;
  /** JSON pointer into the response body (`''` for the whole body or for non-body checks). */
  readonly pointer: string;
  /** The schema keyword that failed (`required`, `type`, `format`, …) or the check's own name. */
  readonly keyword: string;
  readonly message: string;
  readonly spec: SpecLocation | undefined;
}

/** What `validateResponse` returns: never thrown, always data. */
export interface ValidationResult {
  /** True when no finding is an error (warnings allowed). */
  readonly valid: boolean;
  /** The operation the response was matched to, as `GET /activity-logs/{id}`. */
  readonly operation: string | undefined;
  readonly status: number;
  readonly findings: readonly Finding[];
}
