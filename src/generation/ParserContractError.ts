import type { FuzzReport } from './fuzzParser';

/** Thrown by `assertParser` when a parser breaks a property; carries the report. */
export class ParserContractError extends Error {
  override readonly name = 'ParserContractError';
  constructor(readonly report: FuzzReport) {
    super(report.message);
  }
}
