import fc from 'fast-check';
import { shrinkingWider } from './shrinkingWider';

/**
 * Leaf arbitraries: strings, numbers, date-times and free-form JSON, with the edge cases that break careless
 * parsers coming up often on purpose (and turned off with `edgeCases: false`).
 */

/** What the user can bound or switch off. Every field is optional; see `DEFAULT_GENERATION_OPTIONS`. */
export interface GenerationOptions {
  /** Bias towards edge cases (odd date-times, empty/long/unusual strings, extreme numbers). Default true. */
  readonly edgeCases?: boolean;
  /** Sometimes add properties the spec does not list, where the schema allows them. Default true. */
  readonly extraProperties?: boolean;
  /**
   * How often: the chance, from 0 to 1, that an object the schema leaves open gets one to three properties
   * the spec does not list. Default 0.25 (about 4 activity logs in 5 then carry some); 0 is the same as
   * `extraProperties: false`.
   */
  readonly extraPropertyRate?: number;
  /** The most items an array gets (unless `maxItems` is lower). Default 40. */
  readonly maxArrayLength?: number;
  /** The longest string, in code points (unless `maxLength` is lower). Default 2048. */
  readonly maxStringLength?: number;
  /** How deep free-form JSON (a schema of `{}`) nests. Default 3. */
  readonly maxJsonDepth?: number;
}

export type ResolvedOptions = Required<GenerationOptions>;

export const DEFAULT_GENERATION_OPTIONS: ResolvedOptions = {
  edgeCases: true,
  extraProperties: true,
  extraPropertyRate: 0.25,
  maxArrayLength: 40,
  maxStringLength: 2048,
  maxJsonDepth: 3,
};

export function resolveOptions(options: GenerationOptions = {}): ResolvedOptions {
  const resolved = { ...DEFAULT_GENERATION_OPTIONS };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) (resolved as Record<string, unknown>)[key] = value;
  }
  for (const key of ['maxArrayLength', 'maxStringLength', 'maxJsonDepth'] as const) {
    const value = resolved[key];
    if (!Number.isInteger(value) || value < 0)
      throw new RangeError(`${key} must be a whole number ≥ 0, got ${value}`);
  }
  const rate = resolved.extraPropertyRate;
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))
    throw new RangeError(`extraPropertyRate must be a number from 0 to 1, got ${rate}`);
  return resolved;
}

// ---------------------------------------------------------------------------------------------- strings

/** Characters outside the Basic Multilingual Plane: surrogate pairs in UTF-16, 4 bytes in UTF-8. */
export const ASTRAL_CHARACTERS = ['😀', '🎉', '𝄞', '𠜎', '🏳', '👩', '\u{10FFFD}', '\u{1F9D1}'] as const;
/** Right-to-left letters and the bidirectional controls that reorder text. */
export const RTL_CHARACTERS = [
  'א',
  'ש',
  'ا',
  'ل',
  'ܐ',
  '\u200F',
  '\u202B',
  '\u202E',
  '\u2067',
  '\u061C',
] as const;
/** C0/C1 controls, DEL, line and paragraph separators, zero-width and byte-order marks. */
export const CONTROL_CHARACTERS = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\u000B',
  '\f',
  '\r',
  '\u001B',
  '\u001F',
  '\u007F',
  '\u0085',
  '\u2028',
  '\u2029',
  '\u200B',
  '\uFEFF',
] as const;
/** Characters that need escaping somewhere (JSON, HTML, SQL, CSV, shells) and combining marks. */
const AWKWARD_CHARACTERS = [
  '"',
  '\\',
  "'",
  '<',
  '>',
  '&',
  ',',
  ';',
  '$',
  '%',
  '\u0301',
  '\u0308',
  ' ',
] as const;

/**
 * Strings are made from tables of code points (one table entry, one code point: what `minLength`/`maxLength`
 * count), picked by index: an array of small integers is far cheaper to generate than a string built from
 * an arbitrary per character, and index 0 (`a`) is where shrinking ends up.
 */
const ASCII_TABLE = [
  ...'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
];

/** Code points spread over a range by a fixed sequence, so the tables are the same on every run. */
function spread(count: number, min: number, max: number, skip?: (c: number) => boolean): string[] {
  const out: string[] = [];
  for (let i = 0, x = 0x2545f491; out.length < count; i++) {
    x = (Math.imul(x ^ (x >>> 13), 0x5bd1e995) + i) >>> 0;
    const c = min + (x % (max - min + 1));
    if (!skip?.(c)) out.push(String.fromCodePoint(c));
  }
  return out;
}
const repeat = <T>(items: readonly T[], times: number): T[] =>
  Array.from({ length: times }, () => items).flat();

/** About a third ASCII, a sixth each astral, right-to-left and control, the rest awkward and other BMP. */
const SPECIAL_TABLE = [
  ...ASCII_TABLE,
  ...ASTRAL_CHARACTERS,
  ...spread(40, 0x10000, 0x10ffff),
  ...repeat(RTL_CHARACTERS, 5),
  ...repeat(CONTROL_CHARACTERS, 3),
  ...repeat(AWKWARD_CHARACTERS, 2),
  ...spread(24, 0xa0, 0xfffd, (c) => c >= 0xd800 && c <= 0xdfff),
];

function tableString(table: readonly string[], minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.array(fc.integer({ min: 0, max: table.length - 1 }), { minLength, maxLength }).map((indexes) => {
    let out = '';
    for (const i of indexes) out += table[i];
    return out;
  });
}

/** The shortest string of the "very long" family. */
export const LONG_STRING_LENGTH = 1024;

/** Code points in a string (what JSON Schema's length keywords count). */
export function codePointLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/**
 * Strings of `minLength`..`maxLength` code points. With edge cases: often empty, sometimes very long
 * (≥ 1,024 code points, within the bound), often made of astral-plane, right-to-left and control characters.
 */
export function edgeCaseString(
  constraints: { minLength?: number; maxLength?: number | undefined } = {},
  options: GenerationOptions = {},
): fc.Arbitrary<string> {
  const { edgeCases, maxStringLength } = resolveOptions(options);
  const min = constraints.minLength ?? 0;
  const max = Math.max(
    min,
    Math.min(constraints.maxLength ?? maxStringLength, Math.max(maxStringLength, min)),
  );
  const typicalMax = Math.min(max, min + 24);
  if (max === 0) return fc.constant('');
  if (!edgeCases) return tableString(ASCII_TABLE, min, typicalMax);
  const families: fc.WeightedArbitrary<string>[] = [
    { arbitrary: tableString(ASCII_TABLE, min, typicalMax), weight: 5 },
    { arbitrary: tableString(SPECIAL_TABLE, Math.max(min, 1), typicalMax), weight: 4 },
  ];
  if (min === 0) families.push({ arbitrary: fc.constant(''), weight: 2 });
  const longMin = Math.max(min, Math.min(LONG_STRING_LENGTH, max));
  if (max > typicalMax) families.push({ arbitrary: longString(longMin, max, min), weight: 1 });
  return fc.oneof({ withCrossShrink: true }, ...families);
}

/** A long string built by repeating a short random chunk: cheap to make however long it is. */
function longString(min: number, max: number, floor: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.array(fc.integer({ min: 0, max: SPECIAL_TABLE.length - 1 }), { minLength: 1, maxLength: 8 }),
      // Drawn long, but shrinking may go below `min`: a failure needing one odd character ends up that short.
      shrinkingWider(fc.integer({ min, max }), fc.integer({ min: floor, max })),
    )
    .map(([indexes, length]) => {
      const chunk = indexes.map((i) => SPECIAL_TABLE[i] as string);
      const whole = Math.floor(length / chunk.length);
      return chunk.join('').repeat(whole) + chunk.slice(0, length - whole * chunk.length).join('');
    });
}

/**
 * Ordinary property names, made once: every new key string costs V8 an interning, so drawing names from a
 * fixed pool (by index; index 0 is `a`) keeps free-form objects cheap without making them monotonous.
 */
const KEY_POOL: readonly string[] = (() => {
  const first = 'abcdefghijklmnopqrstuvwxyz';
  const rest = `${first}ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_`;
  const names = new Set<string>(['a', 'b', 'c', 'id', 'name', 'type', 'value', 'count', 'note', 'data']);
  for (let i = 0, x = 0x9e3779b9; names.size < 512; i++) {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + i) >>> 0;
    let name = first[x % 26] as string;
    for (let n = (x >>> 5) % 16, y = x; n > 0; n--) {
      y = Math.imul(y ^ (y >>> 13), 0x5bd1e995) >>> 0;
      name += rest[y % rest.length];
    }
    names.add(name);
  }
  return [...names];
})();

/** Keys for properties the spec does not list: usually ordinary names, sometimes awkward ones. */
export function extraPropertyKey(options: GenerationOptions = {}): fc.Arbitrary<string> {
  const plain = fc.integer({ min: 0, max: KEY_POOL.length - 1 }).map((i) => KEY_POOL[i] as string);
  if (!resolveOptions(options).edgeCases) return plain;
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: plain, weight: 12 },
    {
      arbitrary: fc.constantFrom(
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        '',
        ' ',
        'ключ',
        '😀',
      ),
      weight: 3,
    },
    { arbitrary: edgeCaseString({ maxLength: 40 }, options), weight: 1 },
  );
}

// ---------------------------------------------------------------------------------------------- numbers

/** Numbers that trip parsers: negative zero, the extremes of a double, the edges of safe integers. */
export const EDGE_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.1,
  0.30000000000000004,
  1e-7,
  5e-324,
  -5e-324,
  1e21,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  2 ** 53,
  -(2 ** 53),
  2 ** 31,
  -(2 ** 31) - 1,
] as const;

export interface NumberConstraints {
  readonly integer: boolean;
  readonly minimum?: number | undefined;
  readonly maximum?: number | undefined;
  readonly exclusiveMinimum?: boolean;
  readonly exclusiveMaximum?: boolean;
  readonly multipleOf?: number | undefined;
}

/** Numbers (or integers) within bounds and steps, biased towards `EDGE_NUMBERS` and the bounds themselves. */
export function edgeCaseNumber(c: NumberConstraints, options: GenerationOptions = {}): fc.Arbitrary<number> {
  const { edgeCases } = resolveOptions(options);
  const lowOk = (n: number) =>
    c.minimum === undefined || (c.exclusiveMinimum ? n > c.minimum : n >= c.minimum);
  const highOk = (n: number) =>
    c.maximum === undefined || (c.exclusiveMaximum ? n < c.maximum : n <= c.maximum);
  const stepOk = (n: number) => c.multipleOf === undefined || Number.isInteger(n / c.multipleOf);
  const fits = (n: number) => lowOk(n) && highOk(n) && stepOk(n) && (!c.integer || Number.isInteger(n));

  let base: fc.Arbitrary<number>;
  if (c.multipleOf !== undefined) {
    const step = c.multipleOf;
    const lowest = c.minimum === undefined ? -1e6 : Math.ceil(c.minimum / step);
    const highest = c.maximum === undefined ? 1e6 : Math.floor(c.maximum / step);
    const min = Math.max(-Number.MAX_SAFE_INTEGER, lowest);
    const max = Math.min(Number.MAX_SAFE_INTEGER, highest);
    if (min > max) throw new RangeError(`no multiple of ${step} within the bounds`);
    base = fc
      .integer({ min, max })
      .map((k) => k * step)
      .filter(fits);
  } else if (c.integer) {
    const min =
      c.minimum === undefined
        ? undefined
        : Math.max(Number.MIN_SAFE_INTEGER, integerAbove(c.minimum, c.exclusiveMinimum));
    const max =
      c.maximum === undefined
        ? undefined
        : Math.min(Number.MAX_SAFE_INTEGER, integerBelow(c.maximum, c.exclusiveMaximum));
    if (min !== undefined && max !== undefined && min > max)
      throw new RangeError('no integer within the bounds');
    base = fc.integer({ ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) });
  } else {
    base = fc.double({
      noNaN: true,
      noDefaultInfinity: true,
      ...(c.minimum === undefined ? {} : { min: c.minimum, minExcluded: c.exclusiveMinimum === true }),
      ...(c.maximum === undefined ? {} : { max: c.maximum, maxExcluded: c.exclusiveMaximum === true }),
    });
  }
  if (!edgeCases) return base;
  const edges = [...EDGE_NUMBERS, c.minimum, c.maximum].filter(
    (n): n is number => n !== undefined && fits(n),
  );
  if (edges.length === 0) return base;
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: base, weight: 4 },
    { arbitrary: fc.constantFrom(...edges), weight: 1 },
  );
}

function integerAbove(bound: number, exclusive = false): number {
  return exclusive && Number.isInteger(bound) ? bound + 1 : Math.ceil(bound);
}
function integerBelow(bound: number, exclusive = false): number {
  return exclusive && Number.isInteger(bound) ? bound - 1 : Math.floor(bound);
}

// ---------------------------------------------------------------------------------------------- free JSON

/**
 * Any JSON value, as a schema of `{}` allows: nested arrays and objects (plain objects, fresh each time),
 * edge numbers such as `1e308` and `-0`, and the edge-case strings.
 */
export function anyJson(options: GenerationOptions = {}): fc.Arbitrary<unknown> {
  const resolved = resolveOptions(options);
  // One flat choice of scalars: nested choices cost time on every value, and metadata holds many.
  const stringMax = Math.min(16, resolved.maxStringLength);
  const scalars: fc.WeightedArbitrary<unknown>[] = [
    { arbitrary: fc.constant(null), weight: 1 },
    { arbitrary: fc.boolean(), weight: 1 },
    { arbitrary: fc.integer(), weight: 1 },
    { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 1 },
    { arbitrary: tableString(ASCII_TABLE, 0, stringMax), weight: 2 },
  ];
  if (resolved.edgeCases) {
    scalars.push({ arbitrary: fc.constantFrom(...EDGE_NUMBERS), weight: 1 });
    if (stringMax > 0) scalars.push({ arbitrary: tableString(SPECIAL_TABLE, 1, stringMax), weight: 1 });
  }
  const scalar = fc.oneof(...scalars);
  if (resolved.maxJsonDepth === 0) return scalar;
  const depthIdentifier = fc.createDepthIdentifier();
  const { value } = fc.letrec<{ value: unknown; array: unknown[]; object: Record<string, unknown> }>(
    (tie) => ({
      value: fc.oneof(
        { maxDepth: resolved.maxJsonDepth, depthIdentifier, depthSize: 'small' },
        { arbitrary: scalar, weight: 3 },
        { arbitrary: tie('array'), weight: 1 },
        { arbitrary: tie('object'), weight: 1 },
      ),
      array: fc.array(tie('value'), { maxLength: Math.min(5, resolved.maxArrayLength), depthIdentifier }),
      object: fc
        .uniqueArray(fc.tuple(extraPropertyKey(resolved), tie('value')), {
          maxLength: 5,
          selector: (entry) => entry[0],
          depthIdentifier,
        })
        // Object.fromEntries defines properties as JSON.parse does: `__proto__` stays an own property.
        .map((entries) => Object.fromEntries(entries)),
    }),
  );
  return value;
}
