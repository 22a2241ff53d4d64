/**
 * The regex a pact uses for `format: date-time`. It accepts every string `isRfc3339DateTime` accepts (never
 * tighter than the spec) and refuses what RFC 3339's grammar refuses: a space for `T`, `+0100`, `+01`.
 * What a regex cannot see (Feb 30, where a leap second may fall) stays with the Ajv validator.
 * ASCII `[0-9]`, not `\d`: the verifier's Rust regex reads `\d` as any Unicode digit.
 */
export const RFC3339_DATE_TIME_PATTERN =
  '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$';
