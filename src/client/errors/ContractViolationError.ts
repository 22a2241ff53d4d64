import type { Finding } from '../../validation';
import { ActivityLogClientError, type RequestContext } from './ActivityLogClientError';

/** A 200 whose body is not JSON or fails the spec's schema; `findings` say where, as the validators report it. */
export class ContractViolationError extends ActivityLogClientError {
  override readonly name = 'ContractViolationError';
  readonly findings: readonly Finding[];

  constructor(message: string, context: RequestContext & { readonly findings: readonly Finding[] }) {
    super(message, context);
    this.findings = context.findings;
  }
}
