import type { FormatDefinition } from 'ajv';

// RFC 3339 §5.6: full-date "T" full-time, offset "Z" or ±hh:mm. ABNF literals are case-insensitive (t, z allowed).
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True when `value` is an RFC 3339 `date-time`, exactly: unlike ajv-formats it refuses a space (or any
 * whitespace) instead of `T`, an offset without its colon (`+0100`) and an offset of hours only (`+01`).
 * §5.7's restrictions apply too: real calendar days, and a leap second only at 23:59 UTC.
 *
 * @example isRfc3339DateTime('2024-01-01T10:00:00Z') // true
 */
export function isRfc3339DateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const offsetSign = m[7] === '-' ? -1 : 1;
  const offsetHour = Number(m[8] ?? 0);
  const offsetMinute = Number(m[9] ?? 0);
  if (month < 1 || month > 12 || day < 1) return false;
  const leapYear = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leapYear ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0))) return false;
  if (hour > 23 || minute > 59 || second > 60 || offsetHour > 23 || offsetMinute > 59) return false;
  if (second < 60) return true;
  // A leap second is only ever inserted at the end of a UTC day.
  const utcMinutes =
    (((hour * 60 + minute - offsetSign * (offsetHour * 60 + offsetMinute)) % 1440) + 1440) % 1440;
  return utcMinutes === 23 * 60 + 59;
}

/** Replaces ajv-formats' `date-time`, which is looser than RFC 3339. */
export const dateTimeFormat: FormatDefinition<string> = { type: 'string', validate: isRfc3339DateTime };
