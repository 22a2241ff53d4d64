import { fullFormats } from 'ajv-formats/dist/formats';
import fc from 'fast-check';
import { type GenerationOptions, resolveOptions } from './leaves';

// ---------------------------------------------------------------------------------------------- date-time

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 31);
}

/** The parts of an RFC 3339 date-time, as generated (and as the invalid forms take them apart). */
export interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Fraction digits without the dot; `''` for none. */
  fraction: string;
  /** `T` or `t`. */
  separator: string;
  /** `Z`, `z` or `±hh:mm`. */
  offset: string;
}

export function formatDateTime(p: DateTimeParts): string {
  const fraction = p.fraction === '' ? '' : `.${p.fraction}`;
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}${p.separator}${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${fraction}${p.offset}`;
}

const DATE_TIME_PARTS =
  /^(\d{4})-(\d{2})-(\d{2})([Tt])(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$/;

export function parseDateTime(value: string): DateTimeParts | undefined {
  const m = DATE_TIME_PARTS.exec(value);
  if (!m) return undefined;
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    separator: m[4] ?? 'T',
    hour: Number(m[5]),
    minute: Number(m[6]),
    second: Number(m[7]),
    fraction: m[8] ?? '',
    offset: m[9] ?? 'Z',
  };
}

/** Minutes east of UTC for an offset (`Z` → 0, `-05:30` → -330). */
function offsetMinutes(offset: string): number {
  if (offset === 'Z' || offset === 'z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

/**
 * RFC 3339 date-times that `isRfc3339DateTime` accepts. With edge cases: offsets other than `Z`
 * (`-00:00`, `+14:00`, half hours), 1 to 9 fraction digits, lowercase `t` and `z`, the leap second
 * `23:59:60` UTC (written in whatever offset), and the years 0000 and 9999.
 */
export function rfc3339DateTime(options: GenerationOptions = {}): fc.Arbitrary<string> {
  const { edgeCases } = resolveOptions(options);
  const year = edgeCases
    ? fc.oneof(
        { withCrossShrink: true },
        { arbitrary: fc.integer({ min: 1970, max: 2100 }), weight: 6 },
        { arbitrary: fc.constantFrom(0, 9999), weight: 2 },
        { arbitrary: fc.integer({ min: 0, max: 9999 }), weight: 1 },
      )
    : fc.integer({ min: 1970, max: 2100 });
  const fraction = edgeCases
    ? fc.oneof(
        { withCrossShrink: true },
        { arbitrary: fc.constant(''), weight: 4 },
        {
          arbitrary: fc
            .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 999_999_999 }))
            .map(([digits, value]) => pad(value, 9).slice(0, digits)),
          weight: 5,
        },
      )
    : fc.oneof(
        fc.constant(''),
        fc.integer({ min: 0, max: 999 }).map((n) => pad(n, 3)),
      );
  const numericOffset = fc
    .tuple(
      fc.constantFrom('+', '-'),
      fc.integer({ min: 0, max: 23 }),
      edgeCases
        ? fc.oneof(fc.constantFrom(0, 30, 45), fc.integer({ min: 0, max: 59 }))
        : fc.constantFrom(0, 30),
    )
    .map(([sign, h, m]) => `${sign}${pad(h)}:${pad(m)}`);
  const offset = edgeCases
    ? fc.oneof(
        { withCrossShrink: true },
        { arbitrary: fc.constant('Z'), weight: 4 },
        { arbitrary: fc.constant('z'), weight: 1 },
        { arbitrary: fc.constantFrom('+00:00', '-00:00', '+14:00', '-12:00', '+05:30', '+05:45'), weight: 2 },
        { arbitrary: numericOffset, weight: 3 },
      )
    : fc.oneof({ arbitrary: fc.constant('Z'), weight: 2 }, { arbitrary: numericOffset, weight: 1 });
  const separator = edgeCases
    ? fc.oneof(
        { withCrossShrink: true },
        { arbitrary: fc.constant('T'), weight: 6 },
        { arbitrary: fc.constant('t'), weight: 1 },
      )
    : fc.constant('T');
  const leapSecond = edgeCases ? fc.integer({ min: 0, max: 14 }).map((n) => n === 14) : fc.constant(false);
  return fc
    .tuple(
      year,
      // Month, day and time of day from one number (one draw instead of five): 0 is January 1st, 00:00:00.
      fc.integer({ min: 0, max: 12 * 31 * 86_400 - 1 }),
      fraction,
      separator,
      offset,
      leapSecond,
    )
    .map(([y, clock, frac, sep, off, leap]) => {
      const month = Math.floor(clock / (31 * 86_400)) + 1;
      const seconds = clock % 86_400;
      const parts: DateTimeParts = {
        year: y,
        month,
        day: Math.min((Math.floor(clock / 86_400) % 31) + 1, daysIn(y, month)),
        hour: Math.floor(seconds / 3600),
        minute: Math.floor(seconds / 60) % 60,
        second: seconds % 60,
        fraction: frac,
        separator: sep,
        offset: off,
      };
      if (leap) {
        // 23:59:60 UTC, written in the local time of the offset (the date may roll; any real day will do).
        const local = (((23 * 60 + 59 + offsetMinutes(off)) % 1440) + 1440) % 1440;
        parts.hour = Math.floor(local / 60);
        parts.minute = local % 60;
        parts.second = 60;
      }
      return formatDateTime(parts);
    });
}

/**
 * Ways to break a date-time that the suite's validator rejects, each made from a valid value so that the
 * rest of it stays realistic. Several are ones `new Date()` happily accepts.
 */
export const INVALID_DATE_TIME_FORMS: readonly {
  readonly name: string;
  readonly description: string;
  readonly apply: (p: DateTimeParts) => string;
}[] = [
  {
    name: 'no-offset',
    description: 'no UTC offset',
    apply: (p) => formatDateTime({ ...p, offset: '' }),
  },
  {
    name: 'space-separator',
    description: 'a space instead of T',
    apply: (p) => formatDateTime({ ...p, separator: ' ' }),
  },
  {
    name: 'offset-without-colon',
    description: 'offset without its colon',
    apply: (p) => formatDateTime({ ...p, offset: numericOffset(p.offset).replace(':', '') }),
  },
  {
    name: 'offset-hours-only',
    description: 'offset of hours only',
    apply: (p) => formatDateTime({ ...p, offset: numericOffset(p.offset).slice(0, 3) }),
  },
  {
    name: 'date-only',
    description: 'a date without its time',
    apply: (p) => `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`,
  },
  {
    name: 'no-seconds',
    description: 'time without seconds',
    apply: (p) => formatDateTime({ ...p, fraction: '', offset: '' }).slice(0, -3) + p.offset,
  },
  {
    name: 'empty-fraction',
    description: 'a decimal point without digits',
    apply: (p) => formatDateTime({ ...p, fraction: '', offset: `.${p.offset}` }),
  },
  {
    name: 'day-out-of-range',
    description: 'a day the month does not have',
    apply: (p) => formatDateTime({ ...p, day: daysIn(p.year, p.month) + 1 }),
  },
  {
    name: 'month-13',
    description: 'month 13',
    apply: (p) => formatDateTime({ ...p, month: 13 }),
  },
  {
    name: 'hour-24',
    description: 'hour 24',
    apply: (p) => formatDateTime({ ...p, hour: 24, minute: 0, second: 0 }),
  },
  {
    name: 'misplaced-leap-second',
    description: 'a leap second outside 23:59 UTC',
    apply: (p) => {
      const utc = p.hour * 60 + p.minute - offsetMinutes(p.offset);
      const atEndOfUtcDay = ((utc % 1440) + 1440) % 1440 === 23 * 60 + 59;
      return formatDateTime({ ...p, minute: atEndOfUtcDay ? (p.minute + 1) % 60 : p.minute, second: 60 });
    },
  },
  {
    name: 'two-digit-year',
    description: 'a two-digit year',
    apply: (p) => formatDateTime(p).slice(2),
  },
  {
    name: 'surrounding-space',
    description: 'surrounded by whitespace',
    apply: (p) => ` ${formatDateTime(p)} `,
  },
  {
    name: 'epoch-seconds',
    description: 'seconds since the epoch instead of a date-time',
    apply: (p) =>
      String(Math.floor(Date.UTC(2000 + (p.year % 100), p.month - 1, Math.min(p.day, 28)) / 1000)),
  },
];

function numericOffset(offset: string): string {
  return offset === 'Z' || offset === 'z' ? '+00:00' : offset;
}

// ---------------------------------------------------------------------------------------------- other formats

// The validator's own checks (ajv-formats, full mode): generated values are filtered through them.
const EMAIL = fullFormats.email as RegExp;
const isUri = fullFormats.uri as (value: string) => boolean;
const URL_FORMAT = fullFormats.url as RegExp;

/** Valid values for a string format, as the suite's validator (ajv-formats, full mode) checks them. */
export function formatArbitrary(format: string, options: GenerationOptions = {}): fc.Arbitrary<string> {
  switch (format) {
    case 'date-time':
      return rfc3339DateTime(options);
    case 'date':
      return fc
        .tuple(
          fc.integer({ min: 0, max: 9999 }),
          fc.integer({ min: 1, max: 12 }),
          fc.integer({ min: 1, max: 31 }),
        )
        .map(([y, m, d]) => `${pad(y, 4)}-${pad(m)}-${pad(Math.min(d, daysIn(y, m)))}`);
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress().filter((s) => EMAIL.test(s));
    case 'uri':
      return fc.webUrl({ withQueryParameters: true, withFragments: true }).filter((s) => isUri(s));
    case 'byte':
      return fc.base64String();
    case 'url':
      return fc.webUrl().filter((s) => URL_FORMAT.test(s));
    case 'uri-reference':
      return fc.oneof(
        fc.webUrl().filter((s) => isUri(s)),
        fc.constantFrom('/a/b', '../c', '#frag', 'd?e=f'),
      );
    case 'uri-template':
      return fc.constantFrom('https://example.com/{id}', '/users{?q,page}', 'plain');
    case 'hostname':
      return fc.domain();
    case 'ipv4':
      return fc.ipV4();
    case 'ipv6':
      return fc.ipV6();
    case 'time':
    case 'iso-time':
      return fc
        .tuple(
          fc.integer({ min: 0, max: 23 }),
          fc.integer({ min: 0, max: 59 }),
          fc.integer({ min: 0, max: 59 }),
        )
        .map(([h, m, sec]) => `${pad(h)}:${pad(m)}:${pad(sec)}Z`);
    case 'iso-date-time':
      return rfc3339DateTime(options);
    case 'duration':
      return fc.constantFrom('P1D', 'PT1H', 'P1Y2M3DT4H5M6S', 'PT0.5S', 'P4W');
    case 'regex':
      return fc.constantFrom('^a+$', '[0-9]{3}', '.*');
    case 'json-pointer':
      return fc.constantFrom('', '/a', '/a/0', '/a~1b/c~0d');
    case 'json-pointer-uri-fragment':
      return fc.constantFrom('#', '#/a', '#/a/0');
    case 'relative-json-pointer':
      return fc.constantFrom('0', '1/a', '2#');
    default:
      // password, binary, and any format the validator does not check: any string
      return fc.string();
  }
}

/** Ways to break each string format, applied to a valid value; every result fails the format. */
export const INVALID_FORMAT_FORMS: Readonly<Record<string, readonly ((valid: string) => string)[]>> = {
  date: [
    (v) => `${v.slice(0, 8)}32`,
    (v) => v.replace(/-/g, ''),
    (v) => `${v}T00:00:00Z`,
    (v) => `${v.slice(0, 5)}13${v.slice(7)}`,
  ],
  uuid: [(v) => v.replace(/-/g, ''), (v) => `${v.slice(0, -1)}g`, (v) => `{${v}}`],
  email: [(v) => v.replace('@', ''), (v) => `${v.split('@')[0] ?? 'someone'}@`, (v) => ` ${v}`],
  uri: [(v) => v.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''), (v) => `${v} with spaces`, () => '/relative/path'],
  byte: [(v) => `${v}*`, (v) => `${v}===`],
};
