import type { Finding, Recording } from '../validation';

/** The requests the gate sends: the read of each id, and three probes made with the first id. */
export type ProbeKind = 'read' | 'no_credentials' | 'wrong_credentials' | 'unknown_version';

/** A finding of the live gate: which request produced it, and how to send that request again. */
export interface LiveFinding extends Finding {
  /** `GET /activity-logs/abc (no credentials)` */
  readonly request: string;
  /** A `curl` command with the credentials as `$SEQUENCE_CLIENT_ID:$SEQUENCE_CLIENT_SECRET`. */
  readonly reproduction: string;
}

/** One request and what became of it, after retries. */
export interface LiveExchange {
  readonly kind: ProbeKind;
  readonly request: string;
  readonly id: string;
  readonly attempts: number;
  /** The last attempt's duration; `undefined` when it never completed. */
  readonly elapsedMs: number | undefined;
  readonly status: number | undefined;
  /** No answer, or still a transient failure (429/502/503/504) when the retries ran out. */
  readonly unreachable: boolean;
  /** The redacted envelope `--record` writes; `undefined` when there was no response. */
  readonly recording: Recording | undefined;
  readonly reproduction: string;
}

/**
 * - `passed`: no error finding (exit 0)
 * - `violation`: the provider broke the contract (exit 1)
 * - `credentials_rejected`: the configured credentials were refused with 401 (exit 2)
 * - `unreachable`: no answer, or transient failures outlasted the retries (exit 3)
 */
export type LiveOutcome = 'passed' | 'violation' | 'credentials_rejected' | 'unreachable';

/** What one run of the live gate found. Data only: the CLI renders it and picks the exit code. */
export interface LiveReport {
  readonly server: string;
  readonly operation: string;
  readonly outcome: LiveOutcome;
  readonly exchanges: readonly LiveExchange[];
  readonly findings: readonly LiveFinding[];
}
