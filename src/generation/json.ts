/** JSON-value helpers shared by the generators, the harness and the corpus writer. */

import { escapeSegment } from '../spec/pointer';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The JSON type of a value, as JSON Schema names them (`integer` is reported as `number`). */
export function jsonTypeOf(value: unknown): 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'boolean' || type === 'number' || type === 'string') return type;
  return 'object';
}

/**
 * Sets an own, enumerable data property the way `JSON.parse` does: a key such as `__proto__` becomes a
 * plain property instead of changing the object's prototype.
 */
export function defineJsonProperty(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** A deep copy made only of plain objects and arrays (`Object.prototype` prototypes, as `JSON.parse` makes). */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => cloneJson(item)) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    defineJsonProperty(out, key, cloneJson((value as Record<string, unknown>)[key]));
  }
  return out as T;
}

/**
 * Equality in JSON's data model: objects compare by their own keys whatever the order, arrays by position,
 * numbers with `===` (so `-0` equals `0`, which JSON text cannot tell apart either).
 */
export function jsonEquals(a: unknown, b: unknown): boolean {
  return firstDifference(a, b) === undefined;
}

/** The JSON pointer of the first place where `actual` differs from `expected`, or `undefined` when equal. */
export function firstDifference(expected: unknown, actual: unknown, pointer = ''): string | undefined {
  if (expected === actual) return undefined;
  if (expected === null || actual === null || typeof expected !== 'object' || typeof actual !== 'object') {
    return pointer;
  }
  if (Array.isArray(expected) !== Array.isArray(actual)) return pointer;
  if (Array.isArray(expected)) {
    const other = actual as unknown[];
    const length = Math.max(expected.length, other.length);
    for (let i = 0; i < length; i++) {
      if (i >= expected.length || i >= other.length) return `${pointer}/${i}`;
      const found = firstDifference(expected[i], other[i], `${pointer}/${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const left = expected as Record<string, unknown>;
  const right = actual as Record<string, unknown>;
  for (const key of Object.keys(left)) {
    const at = `${pointer}/${escapeSegment(key)}`;
    if (!Object.hasOwn(right, key)) return at;
    const found = firstDifference(left[key], right[key], at);
    if (found !== undefined) return found;
  }
  for (const key of Object.keys(right)) {
    if (!Object.hasOwn(left, key)) return `${pointer}/${escapeSegment(key)}`;
  }
  return undefined;
}

/**
 * `JSON.stringify` without indentation, except that negative zero is written `-0` (valid JSON, which
 * `JSON.stringify` would turn into `0`), so a corpus keeps the edge case for other languages.
 */
export function toJsonText(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : JSON.stringify(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => toJsonText(item)).join(',')}]`;
  const parts: string[] = [];
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${toJsonText(item)}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * `toJsonText(value).slice(0, limit)`, written only as far as needed: a label of a big container costs no more
 * than a small one's.
 */
export function toJsonTextPrefix(value: unknown, limit: number): string {
  let out = '';
  const write = (v: unknown): boolean => {
    if (out.length >= limit) return false;
    if (v === null || typeof v !== 'object') {
      out += toJsonText(v);
      return true;
    }
    const array = Array.isArray(v);
    out += array ? '[' : '{';
    let first = true;
    for (const key of Object.keys(v)) {
      const item = (v as Record<string, unknown>)[key];
      if (!array && item === undefined) continue;
      if (!first) out += ',';
      first = false;
      if (!array) out += `${JSON.stringify(key)}:`;
      if (!write(item)) return false;
    }
    out += array ? ']' : '}';
    return true;
  };
  write(value);
  return out.slice(0, limit);
}

/** Controls, format characters, unusual spaces and bidirectional marks: what a reader cannot see or tell apart. */
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x7f, 0xa0],
  [0xad, 0xad],
  [0x34f, 0x34f],
  [0x61c, 0x61c],
  [0x115f, 0x1160],
  [0x1680, 0x1680],
  [0x180e, 0x180e],
  [0x2000, 0x200f],
  [0x2028, 0x202f],
  [0x205f, 0x206f],
  [0x3000, 0x3000],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xfff9, 0xfffb],
  [0xe0000, 0xe007f],
];

/** A short, single-line rendering of a value for messages. */
export function preview(value: unknown, limit = 200): string {
  if (value === undefined) return 'undefined';
  let text: string;
  try {
    text = typeof value === 'function' ? `[function ${value.name || 'anonymous'}]` : toJsonText(value);
  } catch {
    text = String(value);
  }
  return shorten(escapeInvisible(text), limit);
}

/** Text as it is, on one line: controls and invisible characters escaped, the rest left alone. */
export function previewText(text: string, limit = 200): string {
  return shorten(escapeInvisible(text, true), limit);
}

// Invisible and reordering characters are shown escaped, so a message says what is really there.
function escapeInvisible(text: string, controls = false): string {
  return text.replace(/[^\x20-\x7e]/gu, (c) => {
    const code = c.codePointAt(0) as number;
    if (code < 0x20) return controls ? JSON.stringify(c).slice(1, -1) : c;
    if (!INVISIBLE_RANGES.some(([low, high]) => code >= low && code <= high)) return c;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

function shorten(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}
