import fc from 'fast-check';
import { escapeSegment } from '../spec/pointer';
import type { ArbitraryBuilder } from './arbitraries';
import { cloneJson, defineJsonProperty, preview } from './json';
import { codePointLength } from './leaves';
import type { SchemaNode } from './schemaModel';

/** What a provider may add without a new API version, in the order they are applied. */
export const ADDITION_KINDS = ['longer-array', 'longer-string', 'undocumented-property'] as const;
export type AdditionKind = (typeof ADDITION_KINDS)[number];

/** One addition made to a valid value, and where. */
export interface Addition {
  /**
   * `longer-array`: an array grown past anything the generators make (copies of its own items) ·
   * `longer-string`: a string grown likewise · `undocumented-property`: a property the spec does not list,
   * where the schema allows it.
   */
  readonly kind: AdditionKind;
  /** JSON pointer of the grown array or string, or of the new property. */
  readonly pointer: string;
  /** One sentence: `/activityLogItems: array grown from 2 to 41 items (copies of its own)`. */
  readonly message: string;
}

/** A valid value with the additions made to it. */
export interface ExtendedSample<T = unknown> {
  readonly value: T;
  readonly additions: readonly Addition[];
}

/** Names a provider might give a new property; the first is where shrinking ends up. */
const NEW_PROPERTY_NAMES = ['newField', 'updatedAt', 'tags', 'links', 'status', 'region', 'x-trace', '_meta'];
/** Values of a new property: scalars, an empty and a nested container. */
const NEW_PROPERTY_VALUES: readonly unknown[] = [
  'added',
  0,
  true,
  null,
  [],
  {},
  ['added'],
  { nested: { deeper: 'added' } },
];
/** How far past the generators' own bounds a grown array or string may go. */
const ARRAY_GROWTH = 216;
const STRING_GROWTH = 63_488;

interface Site {
  readonly kind: AdditionKind;
  readonly segments: readonly string[];
  readonly length: number;
}

/**
 * Valid values of `node` (made without undocumented properties) with one to three labelled additions, each
 * past `bounds` (the most the valid generators make). The additions are chosen by numbers drawn beside the
 * value and made again after each shrink, so a shrunk sample carries exactly the additions its labels list,
 * each as small as still breaks the parser.
 */
export function additionsArbitrary(
  builder: ArbitraryBuilder,
  node: SchemaNode,
  bounds: { readonly maxArrayLength: number; readonly maxStringLength: number } = builder.options,
): fc.Arbitrary<ExtendedSample> {
  const { maxArrayLength, maxStringLength } = bounds;
  const pick = fc.tuple(
    fc.nat(ADDITION_KINDS.length - 1),
    fc.noBias(fc.nat()),
    fc.oneof(fc.nat(63), fc.nat(STRING_GROWTH - 1)),
  );
  return fc
    .tuple(builder.valid(node), fc.array(pick, { minLength: 1, maxLength: 3 }))
    .map(([valid, picks]) => {
      let value = cloneJson(valid);
      const additions: Addition[] = [];
      const firstLength = new Map<string, number>();
      // Growth first: an array grown after a property was added would copy the property, unlabelled.
      const ordered = [...picks].sort((a, b) => a[0] - b[0]);
      for (const [kindPick, sitePick, size] of ordered) {
        const kind = ADDITION_KINDS[kindPick] as AdditionKind;
        const sites: Site[] = [];
        collectSites(value, node, [], (site) => {
          if (site.kind === kind) sites.push(site);
        });
        const site = sites[sitePick % sites.length];
        if (!site) continue;
        // Grown twice, an array or string is labelled once, from its first length to its last.
        const pointer = toPointer(site.segments);
        const before = additions.findIndex((a) => a.kind === kind && a.pointer === pointer);
        const made = add(value, site, size, { maxArrayLength, maxStringLength }, firstLength.get(pointer));
        if (!firstLength.has(pointer)) firstLength.set(pointer, site.length);
        value = made.value;
        if (before >= 0) additions[before] = made.addition;
        else additions.push(made.addition);
      }
      return { value, additions };
    })
    .filter((sample) => sample.additions.length > 0);
}

function collectSites(value: unknown, node: SchemaNode, segments: string[], add: (site: Site) => void): void {
  // Which branch of a choice a value came from is not recorded: nothing is added beneath one.
  if (node.choice || node.enum || node.const) return;
  if (typeof value === 'string') {
    const { maxLength, pattern } = node.string;
    if (node.format === undefined && pattern === undefined && maxLength === undefined && node.types) {
      add({ kind: 'longer-string', segments, length: codePointLength(value) });
    }
  } else if (Array.isArray(value)) {
    const { items, maxItems, uniqueItems } = node.array;
    if (value.length > 0 && !uniqueItems && maxItems === undefined && node.types) {
      add({ kind: 'longer-array', segments, length: value.length });
    }
    if (items)
      for (const [i, item] of value.entries()) collectSites(item, items, [...segments, String(i)], add);
  } else if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const { properties, additional } = node.object;
    if (additional === true && properties.size > 0) {
      add({ kind: 'undocumented-property', segments, length: Object.keys(object).length });
    }
    for (const key of Object.keys(object)) {
      const child = properties.get(key) ?? (typeof additional === 'object' ? additional : undefined);
      if (child) collectSites(object[key], child, [...segments, key], add);
    }
  }
}

function add(
  root: unknown,
  site: Site,
  size: number,
  bounds: { maxArrayLength: number; maxStringLength: number },
  firstLength = site.length,
): { value: unknown; addition: Addition } {
  const value = cloneJson(root);
  const parentSegments = site.segments.slice(0, -1);
  const last = site.segments[site.segments.length - 1];
  const where = (pointer: string) => (pointer === '' ? '(root)' : pointer);
  const target = walk(value, site.segments);
  const put = (replacement: unknown) => {
    if (last === undefined) return replacement;
    defineJsonProperty(walk(value, parentSegments) as Record<string, unknown>, last, replacement);
    return value;
  };
  switch (site.kind) {
    case 'longer-array': {
      const items = target as unknown[];
      // Longer than the generators ever make, by as little as shrinking can find.
      const length = Math.max(
        items.length + 1,
        bounds.maxArrayLength + 1 + Math.floor((size * ARRAY_GROWTH) / STRING_GROWTH),
      );
      const grown = Array.from({ length }, (_, i) => cloneJson(items[i % items.length]));
      const pointer = toPointer(site.segments);
      return {
        value: put(grown),
        addition: {
          kind: site.kind,
          pointer,
          message: `${where(pointer)}: array grown from ${firstLength} to ${length} items (copies of its own)`,
        },
      };
    }
    case 'longer-string': {
      const characters = [...(target as string)];
      const length = Math.max(characters.length + 1, bounds.maxStringLength + 1 + size);
      const source = characters.length > 0 ? characters : ['a'];
      let grown = source.join('').repeat(Math.floor(length / source.length));
      grown += source.slice(0, length - Math.floor(length / source.length) * source.length).join('');
      const pointer = toPointer(site.segments);
      return {
        value: put(grown),
        addition: {
          kind: site.kind,
          pointer,
          message: `${where(pointer)}: string grown from ${firstLength} to ${length} characters`,
        },
      };
    }
    case 'undocumented-property': {
      const object = target as Record<string, unknown>;
      const base = NEW_PROPERTY_NAMES[size % NEW_PROPERTY_NAMES.length] as string;
      let key = base;
      for (let n = 2; Object.hasOwn(object, key); n++) key = `${base}${n}`;
      const added = cloneJson(
        NEW_PROPERTY_VALUES[Math.floor(size / NEW_PROPERTY_NAMES.length) % NEW_PROPERTY_VALUES.length],
      );
      defineJsonProperty(object, key, added);
      const pointer = toPointer([...site.segments, key]);
      return {
        value,
        addition: {
          kind: site.kind,
          pointer,
          message: `${pointer}: a property the spec does not list (${preview(added, 60)})`,
        },
      };
    }
  }
}

/**
 * `value` without the properties the schema does not list (where it allows them), so that a parser which
 * drops them and one which keeps them compare alike. Values that are not plain JSON are left as they are.
 */
export function documentedPart(value: unknown, node: SchemaNode): unknown {
  if (node.choice || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items = node.array.items;
    return items ? value.map((item) => documentedPart(item, items)) : value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null)
    return value;
  const { properties, additional } = node.object;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const child = properties.get(key) ?? (typeof additional === 'object' ? additional : undefined);
    if (child) defineJsonProperty(out, key, documentedPart(item, child));
    else if (additional !== true || properties.size === 0) defineJsonProperty(out, key, item);
  }
  return out;
}

function toPointer(segments: readonly string[]): string {
  return segments.map((s) => `/${escapeSegment(s)}`).join('');
}

function walk(root: unknown, segments: readonly string[]): unknown {
  let current = root;
  for (const segment of segments) current = (current as Record<string, unknown>)[segment];
  return current;
}
