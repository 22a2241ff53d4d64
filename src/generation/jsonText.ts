import fc from 'fast-check';
import { escapeSegment } from '../spec/pointer';
import type { ArbitraryBuilder } from './arbitraries';
import { cloneJson } from './json';
import type { SchemaNode } from './schemaModel';

/** Valid but unusual ways to write JSON text, each a way a careless reader chokes or loses data. */
export const JSON_EDGE_CASES = [
  'big-number',
  'negative-zero',
  'escaped-unicode',
  'surrogate-pair',
  'deep-nesting',
  'shuffled-keys',
  'whitespace',
] as const;
export type JsonEdgeCaseKind = (typeof JSON_EDGE_CASES)[number];

/** One edge case a JSON text holds, and where (for those put into free-form JSON). */
export interface JsonEdgeCase {
  /**
   * `big-number`: an integer beyond 2^53 written with all its digits · `negative-zero`: `-0`, `-0.0`, `-0e0` ·
   * `escaped-unicode`: strings written with `\u` escapes and `\/` · `surrogate-pair`: a character beyond
   * U+FFFF written as an escaped surrogate pair · `deep-nesting`: free-form JSON nested tens to hundreds deep ·
   * `shuffled-keys`: keys in another order than the spec lists them · `whitespace`: whitespace between tokens.
   */
  readonly kind: JsonEdgeCaseKind;
  /** JSON pointer of the value put into free-form JSON; `undefined` for a way of writing the whole text. */
  readonly pointer: string | undefined;
  /** One sentence: `/activityLogItems/0/metadata/1: an integer beyond 2^53 written with all its digits (…)`. */
  readonly message: string;
}

/** A valid value written as unusual JSON text, the value as `JSON.parse` reads that text, and what is unusual. */
export interface JsonTextSample {
  readonly text: string;
  readonly value: unknown;
  readonly edgeCases: readonly JsonEdgeCase[];
}

/** Integers beyond 2^53; the first cannot be held by a double (it reads as 9007199254740992). */
const BIG_INTEGERS = [
  '9007199254740993',
  '9007199254740994',
  '18446744073709551616',
  '-9223372036854775808',
  '1000000000000000000000',
  '123456789012345678901234567890',
] as const;
const NEGATIVE_ZEROS = ['-0', '-0.0', '-0e0', '-0E+00'] as const;
const SURROGATE_PAIRS = ['"\\ud83d\\ude00"', '"a\\uD834\\uDD1Eb"', '"\\udbff\\udffd"'] as const;
const WHITESPACE = ['', ' ', '\n', '\t', '\r\n', '  ', ' \n\t'] as const;

/** JSON text to put into a value as it is, so that digits and escapes survive until the text is written. */
class RawJson {
  constructor(readonly text: string) {}
}

/**
 * Valid values of `node` written as JSON text with none to all of the `JSON_EDGE_CASES`, labelled. Values for
 * `big-number`, `negative-zero`, `surrogate-pair` and `deep-nesting` are appended to an array the schema leaves
 * free-form (any JSON, such as `metadata`); without one in the value, they are left out, and unlabelled.
 */
export function jsonTextArbitrary(builder: ArbitraryBuilder, node: SchemaNode): fc.Arbitrary<JsonTextSample> {
  const pick = fc.tuple(fc.nat(JSON_EDGE_CASES.length - 1), fc.noBias(fc.nat()), fc.nat(1023));
  return fc
    .tuple(
      builder.valid(node),
      fc.uniqueArray(pick, { maxLength: JSON_EDGE_CASES.length, selector: (p) => p[0] }),
    )
    .map(([valid, picks]) => write(valid, node, picks));
}

function write(valid: unknown, node: SchemaNode, picks: readonly [number, number, number][]): JsonTextSample {
  const value = cloneJson(valid);
  const edgeCases: JsonEdgeCase[] = [];
  const layout: { escapes?: boolean; shuffle?: () => number; whitespace?: () => number } = {};
  for (const [kindPick, sitePick, variant] of [...picks].sort((a, b) => a[0] - b[0])) {
    const kind = JSON_EDGE_CASES[kindPick] as JsonEdgeCaseKind;
    switch (kind) {
      case 'escaped-unicode':
        layout.escapes = true;
        edgeCases.push({
          kind,
          pointer: undefined,
          message: 'strings written with \\u escapes (every non-ASCII character, some letters) and \\/',
        });
        continue;
      case 'shuffled-keys':
        layout.shuffle = random(variant);
        edgeCases.push({
          kind,
          pointer: undefined,
          message: 'keys in another order than the spec lists them',
        });
        continue;
      case 'whitespace':
        layout.whitespace = random(variant);
        edgeCases.push({
          kind,
          pointer: undefined,
          message: 'whitespace (spaces, tabs, CR, LF) before and after tokens',
        });
        continue;
    }
    const arrays: string[][] = [];
    collectFreeArrays(value, node, [], arrays);
    const segments = arrays[sitePick % arrays.length];
    if (!segments) continue;
    const array = walk(value, segments) as unknown[];
    const pointer = [...segments, String(array.length)].map((s) => `/${escapeSegment(s)}`).join('');
    let raw: string;
    let message: string;
    if (kind === 'big-number') {
      raw = BIG_INTEGERS[variant % BIG_INTEGERS.length] as string;
      const read = JSON.parse(raw) as number;
      const exact = BigInt(raw) === BigInt(read);
      message = `${pointer}: an integer beyond 2^53 written with all its digits (${raw}${exact ? ', which a double holds exactly' : `, which a double reads as ${BigInt(read)}`})`;
    } else if (kind === 'negative-zero') {
      raw = NEGATIVE_ZEROS[variant % NEGATIVE_ZEROS.length] as string;
      message = `${pointer}: negative zero written ${raw}`;
    } else if (kind === 'surrogate-pair') {
      raw = SURROGATE_PAIRS[variant % SURROGATE_PAIRS.length] as string;
      message = `${pointer}: a character beyond U+FFFF written as an escaped surrogate pair (${raw})`;
    } else {
      const depth = 33 + variant;
      raw = nested(depth);
      message = `${pointer}: free-form JSON nested ${depth} deep`;
    }
    array.push(new RawJson(raw));
    edgeCases.push({ kind, pointer, message });
  }
  const text = toText(value, layout);
  return { text, value: JSON.parse(text), edgeCases };
}

/** Arrays whose items may be any JSON: there, any value can be added and the log stays valid. */
function collectFreeArrays(
  value: unknown,
  node: SchemaNode | undefined,
  segments: string[],
  out: string[][],
) {
  const free = node === undefined || isFree(node);
  if (node?.choice) return;
  if (Array.isArray(value)) {
    const items = node?.array.items;
    const itemsFree = free || items === undefined || isFree(items);
    if (itemsFree && (free || node?.array.maxItems === undefined)) out.push(segments);
    for (const [i, item] of value.entries()) {
      collectFreeArrays(item, free ? undefined : items, [...segments, String(i)], out);
    }
  } else if (value !== null && typeof value === 'object' && !(value instanceof RawJson)) {
    for (const [key, item] of Object.entries(value)) {
      const child = free
        ? undefined
        : (node?.object.properties.get(key) ??
          (typeof node?.object.additional === 'object' ? node.object.additional : undefined));
      if (free || child) collectFreeArrays(item, child, [...segments, key], out);
    }
  }
}

function isFree(node: SchemaNode): boolean {
  return (
    node.types === undefined &&
    !node.choice &&
    !node.enum &&
    !node.const &&
    node.format === undefined &&
    Object.keys(node.raw).every((key) => !['properties', 'items', 'required', 'not'].includes(key))
  );
}

function nested(depth: number): string {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    open += i % 2 === 0 ? '[' : '{"n":';
    close = (i % 2 === 0 ? ']' : '}') + close;
  }
  return `${open}0${close}`;
}

function toText(
  value: unknown,
  layout: { escapes?: boolean; shuffle?: () => number; whitespace?: () => number },
): string {
  const space = layout.whitespace
    ? () => WHITESPACE[Math.floor((layout.whitespace as () => number)() * WHITESPACE.length)] as string
    : () => '';
  const string = (s: string) => (layout.escapes ? escaped(s) : JSON.stringify(s));
  const visit = (v: unknown): string => {
    if (v instanceof RawJson) return v.text;
    if (typeof v === 'number') return Object.is(v, -0) ? '-0' : JSON.stringify(v);
    if (typeof v === 'string') return string(v);
    if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
    if (Array.isArray(v)) {
      return `[${v.map((item) => space() + visit(item) + space()).join(',')}]`;
    }
    const keys = Object.keys(v);
    if (layout.shuffle) {
      const next = layout.shuffle;
      for (let i = keys.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [keys[i], keys[j]] = [keys[j] as string, keys[i] as string];
      }
    }
    const parts = keys.map(
      (key) =>
        `${space()}${string(key)}${space()}:${space()}${visit((v as Record<string, unknown>)[key])}${space()}`,
    );
    return `{${parts.join(',')}}`;
  };
  return space() + visit(value) + space();
}

/** A JSON string with every non-ASCII UTF-16 unit, its first letter and each `/` escaped. */
function escaped(s: string): string {
  // Escapes in JSON.stringify's output are `\n`, `\"`, `\\`, `\uXXXX`: none holds a `/` or a non-ASCII unit.
  return JSON.stringify(s)
    .replace(/[^\x20-\x7e]|\//g, (c) =>
      c === '/' ? '\\/' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    )
    .replace(/^"([^A-Za-z\\]*)([A-Za-z])/, (_, before: string, letter: string) => {
      return `"${before}\\u${letter.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    });
}

/** A small seeded generator (mulberry32): the same picks lay the text out the same way. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function walk(root: unknown, segments: readonly string[]): unknown {
  let current = root;
  for (const segment of segments) current = (current as Record<string, unknown>)[segment];
  return current;
}
