import fc from 'fast-check';
import { escapeSegment } from '../spec/pointer';
import type { ArbitraryBuilder } from './arbitraries';
import { INVALID_DATE_TIME_FORMS, INVALID_FORMAT_FORMS, parseDateTime } from './formats';
import { cloneJson, defineJsonProperty, jsonEquals, jsonTypeOf, preview, toJsonTextPrefix } from './json';
import type { JsonType, SchemaNode } from './schemaModel';
import { UnsupportedSchemaError } from './UnsupportedSchemaError';

/** The kinds of single violation the invalid generators apply. */
export const VIOLATION_KINDS = ['required', 'type', 'null', 'format', 'enum', 'scalar'] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

/** What was broken, where, and which schema keyword now fails. */
export interface Violation {
  /**
   * `required`: a required property removed · `type`: a scalar of the wrong type · `null`: `null` where not
   * nullable · `format`: a format broken · `enum`: a value outside the enum (or other than the `const`) ·
   * `scalar`: an object or array replaced by a scalar.
   */
  readonly kind: ViolationKind;
  /** JSON pointer of the broken value in the instance (for `required`, of the removed property). */
  readonly pointer: string;
  /** The schema keyword the value now fails: `required`, `type`, `format`, `enum` or `const`. */
  readonly keyword: string;
  /** One sentence: `/activityLogItems/2/verb: required property removed`. */
  readonly message: string;
  /** Spec pointer of the failing keyword: `/components/schemas/ActivityLogItemResponse/required`. */
  readonly schemaPath: string;
}

/** A value with exactly one violation applied, and its label. */
export interface InvalidSample<T = unknown> {
  readonly value: T;
  readonly violation: Violation;
}

interface Site {
  readonly kind: ViolationKind;
  readonly segments: readonly string[];
  readonly node: SchemaNode;
  readonly value: unknown;
}

/**
 * Valid values of `node` with one violation applied. The violation is chosen by numbers drawn beside the
 * value, and derived again from the (possibly shrunk) value each time: a shrunk sample is still invalid in
 * exactly the way its label says.
 */
export function invalidArbitrary(builder: ArbitraryBuilder, node: SchemaNode): fc.Arbitrary<InvalidSample> {
  if (!canAlwaysViolate(node)) {
    throw new UnsupportedSchemaError(
      'type',
      node.path,
      'the schema accepts values of every type and has no enum, const or format: nothing to violate',
    );
  }
  const pick = fc.noBias(fc.nat());
  return fc
    .tuple(builder.valid(node), pick, pick, pick)
    .map(([value, kindPick, sitePick, variantPick]) => violate(node, value, kindPick, sitePick, variantPick))
    .filter((sample): sample is InvalidSample => sample !== undefined);
}

/** Applies the violation the three picks select; `undefined` when the value offers none (never at a typed root). */
export function violate(
  root: SchemaNode,
  value: unknown,
  kindPick: number,
  sitePick: number,
  variantPick: number,
): InvalidSample | undefined {
  const byKind = new Map<ViolationKind, Site[]>();
  collectSites(value, root, [], (site) => {
    const list = byKind.get(site.kind);
    if (list) list.push(site);
    else byKind.set(site.kind, [site]);
  });
  const kinds = VIOLATION_KINDS.filter((kind) => byKind.has(kind));
  if (kinds.length === 0) return undefined;
  const kind = kinds[kindPick % kinds.length] as ViolationKind;
  const sites = byKind.get(kind) as Site[];
  const site = sites[sitePick % sites.length] as Site;
  return apply(value, site, variantPick);
}

function collectSites(value: unknown, node: SchemaNode, segments: string[], add: (site: Site) => void): void {
  if (node.choice) {
    // Which branch a value came from is not recorded: break it only in ways every branch refuses.
    const union = new Set<JsonType>();
    for (const branch of node.choice.branches) {
      if (branch.types === undefined) return;
      for (const t of branch.types) union.add(t);
    }
    addTypeSites(value, node, [...union], segments, add);
    return;
  }
  if (node.types !== undefined) addTypeSites(value, node, node.types, segments, add);
  if (node.format !== undefined && typeof value === 'string' && formatForms(node.format) > 0) {
    add({ kind: 'format', segments, node, value });
  }
  if ((node.enum || node.const) && outsideEnum(node, value, 0) !== undefined) {
    add({ kind: 'enum', segments, node, value });
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    const { properties, required, additional } = node.object;
    for (const name of required) {
      if (Object.hasOwn(object, name)) add({ kind: 'required', segments: [...segments, name], node, value });
    }
    for (const key of Object.keys(object)) {
      const child = properties.get(key) ?? (typeof additional === 'object' ? additional : undefined);
      if (child) collectSites(object[key], child, [...segments, key], add);
    }
  } else if (Array.isArray(value) && node.array.items) {
    const items = node.array.items;
    for (const [i, item] of value.entries()) collectSites(item, items, [...segments, String(i)], add);
  }
}

function addTypeSites(
  value: unknown,
  node: SchemaNode,
  types: readonly JsonType[],
  segments: string[],
  add: (site: Site) => void,
): void {
  if (value !== null && !types.includes('null')) add({ kind: 'null', segments, node, value });
  const replacements = wrongTypeReplacements(value, types);
  if (replacements.length === 0) return;
  const container = value !== null && typeof value === 'object';
  add({ kind: container ? 'scalar' : 'type', segments, node, value });
}

/** Values of a type the schema does not allow, made from the value they replace. */
function wrongTypeReplacements(value: unknown, types: readonly JsonType[]): unknown[] {
  const allows = (t: JsonType) => types.includes(t) || (t === 'integer' && types.includes('number'));
  const out: unknown[] = [];
  const type = jsonTypeOf(value);
  if (!allows('string') && type !== 'string') {
    out.push(type === 'object' || type === 'array' ? toJsonTextPrefix(value, 80) : String(value));
  }
  if (!allows('number') && !allows('integer') && type !== 'number') {
    if (type === 'string') {
      const n = Number(value);
      out.push((value as string).trim() !== '' && Number.isFinite(n) ? n : (value as string).length);
    } else if (type === 'boolean') out.push(value ? 1 : 0);
    else if (type === 'array') out.push((value as unknown[]).length);
    else if (type === 'object') out.push(Object.keys(value as object).length);
    else out.push(0);
  } else if (allows('integer') && !allows('number') && (type !== 'number' || Number.isInteger(value))) {
    out.push(typeof value === 'number' && !Number.isInteger(value + 0.5) ? value + 0.5 : 0.5);
  }
  if (!allows('boolean') && type !== 'boolean') {
    out.push(type === 'string' ? value !== '' : type === 'number' ? value !== 0 : true);
  }
  if (type !== 'object' && type !== 'array') {
    // Scalars may also become containers (a wrong type all the same).
    if (!allows('array')) out.push([value]);
    if (!allows('object')) out.push({ value });
  }
  return out;
}

function formatForms(format: string): number {
  return format === 'date-time'
    ? INVALID_DATE_TIME_FORMS.length
    : (INVALID_FORMAT_FORMS[format]?.length ?? 0);
}

/** A value of the same type outside the enum (or other than the const); `undefined` when there is none. */
function outsideEnum(node: SchemaNode, value: unknown, variant: number): unknown {
  const allowed = node.const ? [node.const.value] : (node.enum ?? []);
  const candidates: unknown[] = [];
  if (typeof value === 'string') {
    candidates.push(
      value.toLowerCase(),
      value.toUpperCase(),
      ` ${value}`,
      `${value}_UNDOCUMENTED`,
      'UNDOCUMENTED',
    );
  } else if (typeof value === 'number') {
    const numbers = allowed.filter((v): v is number => typeof v === 'number');
    candidates.push(Math.max(value, ...numbers) + 1, Math.min(value, ...numbers) - 1);
  } else if (typeof value === 'boolean') {
    candidates.push(!value);
  }
  const outside = candidates.filter((c) => !allowed.some((a) => jsonEquals(a, c)));
  return outside.length === 0 ? undefined : outside[variant % outside.length];
}

function apply(root: unknown, site: Site, variant: number): InvalidSample {
  const pointer = site.segments.map((s) => `/${escapeSegment(s)}`).join('');
  const where = pointer === '' ? '(root)' : pointer;
  let replacement: unknown;
  let keyword: string;
  let schemaPath: string;
  let message: string;
  switch (site.kind) {
    case 'required': {
      keyword = 'required';
      schemaPath = `${site.node.path}/required`;
      message = `${where}: required property removed`;
      break;
    }
    case 'null':
      replacement = null;
      keyword = 'type';
      schemaPath = `${site.node.path}/type`;
      message = `${where}: null where the schema does not allow null`;
      break;
    case 'type':
    case 'scalar': {
      const types = site.node.choice
        ? site.node.choice.branches.flatMap((b) => b.types ?? [])
        : (site.node.types ?? []);
      const options = wrongTypeReplacements(site.value, types);
      replacement = options[variant % options.length];
      keyword = 'type';
      schemaPath = site.node.choice
        ? `${site.node.path}/${site.node.choice.keyword}`
        : `${site.node.path}/type`;
      message = `${where}: ${article(site.value)} replaced by ${article(replacement)} (${preview(replacement, 60)})`;
      break;
    }
    case 'format': {
      const format = site.node.format as string;
      keyword = 'format';
      schemaPath = `${site.node.path}/format`;
      if (format === 'date-time') {
        const parts = parseDateTime(site.value as string);
        const form = INVALID_DATE_TIME_FORMS[
          variant % INVALID_DATE_TIME_FORMS.length
        ] as (typeof INVALID_DATE_TIME_FORMS)[number];
        replacement = parts ? form.apply(parts) : `${site.value as string}!`;
        message = `${where}: date-time broken, ${form.description} (${JSON.stringify(replacement)})`;
      } else {
        const forms = INVALID_FORMAT_FORMS[format] ?? [];
        const form = forms[variant % forms.length] as (valid: string) => string;
        replacement = form(site.value as string);
        message = `${where}: ${format} broken (${JSON.stringify(replacement)})`;
      }
      break;
    }
    case 'enum': {
      replacement = outsideEnum(site.node, site.value, variant);
      keyword = site.node.const ? 'const' : 'enum';
      schemaPath = `${site.node.path}/${keyword}`;
      message = `${where}: value outside the ${keyword === 'const' ? 'const' : 'enum'} (${preview(replacement, 60)})`;
      break;
    }
  }
  const value =
    site.kind === 'required' ? remove(root, site.segments) : replace(root, site.segments, replacement);
  return { value, violation: { kind: site.kind, pointer, keyword, message, schemaPath } };
}

/** A copy of `root` with the value at `segments` replaced; nothing of the original is shared or changed. */
function replace(root: unknown, segments: readonly string[], replacement: unknown): unknown {
  if (segments.length === 0) return cloneJson(replacement);
  const copy = cloneJson(root);
  const parent = walk(copy, segments.slice(0, -1));
  defineJsonProperty(
    parent as Record<string, unknown>,
    segments[segments.length - 1] as string,
    cloneJson(replacement),
  );
  return copy;
}

function remove(root: unknown, segments: readonly string[]): unknown {
  const copy = cloneJson(root);
  const parent = walk(copy, segments.slice(0, -1)) as Record<string, unknown>;
  delete parent[segments[segments.length - 1] as string];
  return copy;
}

function walk(root: unknown, segments: readonly string[]): unknown {
  let current = root;
  for (const segment of segments) current = (current as Record<string, unknown>)[segment];
  return current;
}

function article(value: unknown): string {
  const type = jsonTypeOf(value);
  if (type === 'null') return 'null';
  if (type === 'number' && !Number.isInteger(value)) return 'a non-integer number';
  return `${type === 'object' || type === 'array' ? 'an' : 'a'} ${type}`;
}

/** True when every value of the root schema offers at least one violation. */
function canAlwaysViolate(node: SchemaNode): boolean {
  if (node.choice) return node.choice.branches.every((b) => b.types !== undefined);
  if (node.enum || node.const) return true;
  if (node.types === undefined) return false;
  return node.types.length < 6 || !node.types.includes('null');
}
