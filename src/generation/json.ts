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

const INVISIBLE = /[\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** A short, single-line rendering of a value for messages. */
export function preview(value: unknown, limit = 200): string {
  if (value === undefined) return 'undefined';
  let text: string;
  try {
    text = typeof value === 'function' ? `[function ${value.name || 'anonymous'}]` : toJsonText(value);
  } catch {
    text = String(value);
  }
  // Invisible and reordering characters are shown escaped, so a message says what is really there.
  text = text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}
