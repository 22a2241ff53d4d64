import type { ValidateFunction } from 'ajv';
import fc from 'fast-check';
import type { SchemaSite } from '../spec';
import { createAjv } from '../validation/createAjv';
import { formatArbitrary } from './formats';
import { cloneJson, defineJsonProperty, jsonTypeOf, toJsonText } from './json';
import {
  anyJson,
  codePointLength,
  edgeCaseNumber,
  edgeCaseString,
  extraPropertyKey,
  type ResolvedOptions,
} from './leaves';
import { type JsonType, type SchemaNode, stripAnchors } from './schemaModel';
import { shrinkingWider } from './shrinkingWider';
import { UnsupportedSchemaError } from './UnsupportedSchemaError';

/**
 * Turns `SchemaNode`s into fast-check arbitraries of valid values, one builder per set of options.
 * Arbitraries are cached per node, so a component referenced in many places is built once.
 */
export class ArbitraryBuilder {
  private readonly cache = new Map<SchemaNode, fc.Arbitrary<unknown>>();
  private readonly building = new Set<SchemaNode>();
  private freeJson: fc.Arbitrary<unknown> | undefined;
  private oneOfChecker: OneOfChecker | undefined;

  constructor(
    readonly options: ResolvedOptions,
    private readonly sites: readonly SchemaSite[],
  ) {}

  valid(node: SchemaNode): fc.Arbitrary<unknown> {
    const cached = this.cache.get(node);
    if (cached) return cached;
    if (node.recursive || this.building.has(node)) {
      // A schema inside itself: the value ends here (an optional property left out, an empty array, a branch not taken).
      return RECURSION;
    }
    this.building.add(node);
    try {
      const arbitrary = this.build(node);
      this.cache.set(node, arbitrary);
      return arbitrary;
    } finally {
      this.building.delete(node);
    }
  }

  /** Any JSON value, for schemas of `{}`. */
  anyJson(): fc.Arbitrary<unknown> {
    this.freeJson ??= anyJson(this.options);
    return this.freeJson;
  }

  private build(node: SchemaNode): fc.Arbitrary<unknown> {
    if (node.const) {
      const value = node.const.value;
      return isContainer(value) ? fc.constant(value).map(cloneJson) : fc.constant(value);
    }
    if (node.enum) {
      const allowed = node.enum.filter((v) => node.types === undefined || typeAllowed(v, node.types));
      if (allowed.length === 0) {
        throw new UnsupportedSchemaError('enum', node.path, 'no enum value has an allowed type');
      }
      const pick = fc.constantFrom(...allowed);
      return allowed.some(isContainer) ? pick.map(cloneJson) : pick;
    }
    if (node.choice) {
      const branches = node.choice.branches
        .map((branch) => this.valid(branch))
        .filter((b) => b !== RECURSION);
      if (branches.length === 0)
        throw new UnsupportedSchemaError('$ref', node.path, 'every branch is the schema itself');
      const either = branches.length === 1 ? (branches[0] as fc.Arbitrary<unknown>) : fc.oneof(...branches);
      if (node.choice.keyword === 'anyOf') return either;
      this.oneOfChecker ??= new OneOfChecker(this.sites);
      const checker = this.oneOfChecker;
      const choice = node.choice;
      return either.filter((value) => checker.matchesExactlyOne(choice.branches, value));
    }
    const types = node.types ?? inferTypes(node);
    if (types === undefined) return this.anyJson();
    const arbitraries: fc.Arbitrary<unknown>[] = [];
    const wanted = new Set(types);
    if (wanted.has('integer') && wanted.has('number')) wanted.delete('integer');
    for (const type of wanted) arbitraries.push(this.ofType(type, node));
    if (arbitraries.length === 1) return arbitraries[0] as fc.Arbitrary<unknown>;
    return fc.oneof(...arbitraries);
  }

  private ofType(type: JsonType, node: SchemaNode): fc.Arbitrary<unknown> {
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
      case 'number':
        return edgeCaseNumber(
          {
            integer: type === 'integer' || node.format === 'int32' || node.format === 'int64',
            ...node.number,
          },
          this.options,
        );
      case 'string':
        return this.string(node);
      case 'array':
        return this.array(node);
      case 'object':
        return this.object(node);
    }
  }

  private string(node: SchemaNode): fc.Arbitrary<string> {
    const { minLength, maxLength, pattern } = node.string;
    const lengthOk = (s: string) => {
      const n = codePointLength(s);
      return n >= minLength && (maxLength === undefined || n <= maxLength);
    };
    const regex = pattern === undefined ? undefined : new RegExp(pattern, 'u');
    const isStringFormat =
      node.format !== undefined && !['int32', 'int64', 'float', 'double'].includes(node.format);
    if (isStringFormat) {
      const base = formatArbitrary(node.format as string, this.options);
      const constrained = minLength > 0 || maxLength !== undefined || regex !== undefined;
      return constrained
        ? feasible(base, (s) => lengthOk(s) && (regex === undefined || regex.test(s)), node)
        : base;
    }
    if (regex && pattern !== undefined) {
      if (minLength === 0 && maxLength === undefined) return fc.stringMatching(regex);
      return (
        repeatedAtom(pattern, minLength, maxLength) ?? feasible(fc.stringMatching(regex), lengthOk, node)
      );
    }
    return edgeCaseString({ minLength, maxLength }, this.options);
  }

  private array(node: SchemaNode): fc.Arbitrary<unknown[]> {
    const { items, minItems, maxItems, uniqueItems } = node.array;
    const item = items ? this.valid(items) : this.anyJson();
    if (item === RECURSION) {
      if (minItems > 0)
        throw new UnsupportedSchemaError(
          '$ref',
          node.path,
          'an array that must hold the schema itself never ends',
        );
      return fc.constant([]);
    }
    const max = Math.max(
      minItems,
      Math.min(maxItems ?? this.options.maxArrayLength, this.options.maxArrayLength),
    );
    if (uniqueItems) {
      return fc.uniqueArray(item, { minLength: minItems, maxLength: max, selector: toJsonText });
    }
    const typicalMax = Math.min(max, minItems + 8);
    const typical = fc.array(item, { minLength: minItems, maxLength: typicalMax });
    if (!this.options.edgeCases) return typical;
    const families: fc.WeightedArbitrary<unknown[]>[] = [{ arbitrary: typical, weight: 8 }];
    if (minItems === 0) families.push({ arbitrary: fc.array(item, { maxLength: 0 }), weight: 1 });
    if (max > typicalMax) {
      const longMin = Math.max(typicalMax + 1, Math.min(max, LONG_ARRAY_LENGTH));
      // Drawn long, but shrinking may remove items below `longMin`, down to the one item a failure needs.
      const long = shrinkingWider(
        fc.array(item, { minLength: longMin, maxLength: max }),
        fc.array(item, { minLength: minItems, maxLength: max }),
      );
      families.push({ arbitrary: long, weight: 1 });
    }
    return families.length === 1 ? typical : fc.oneof({ withCrossShrink: true }, ...families);
  }

  private object(node: SchemaNode): fc.Arbitrary<Record<string, unknown>> {
    const { properties, required, additional } = node.object;
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [name, sub] of properties) {
      const value = this.valid(sub);
      if (value !== RECURSION) model[name] = value;
      else if (required.includes(name)) {
        throw new UnsupportedSchemaError(
          '$ref',
          sub.path,
          `'${name}' must hold the schema itself: such a value never ends`,
        );
      }
    }
    const extraValue =
      additional === true ? this.anyJson() : additional === false ? undefined : this.valid(additional);
    for (const name of required) {
      if (!properties.has(name)) model[name] = extraValue ?? this.anyJson();
    }
    const keys = Object.keys(model);
    const requiredSet = new Set(required);
    // Like fc.record (optional keys present 5 times in 6, shrinking towards absent), but the object is built
    // by assignment, which V8 makes far cheaper than fc.record's defineProperty per key.
    const values = keys.map((key) => {
      const value = model[key] as fc.Arbitrary<unknown>;
      return requiredSet.has(key) ? value : fc.option(value, { nil: ABSENT, freq: 6 });
    });
    const rate = this.options.extraProperties ? this.options.extraPropertyRate : 0;
    const declared = new Set(keys);
    const extras =
      extraValue === undefined
        ? fc.constant(undefined)
        : withChance(
            rate,
            // A name the spec declares would not be an addition (and would be dropped below).
            fc.uniqueArray(
              fc.tuple(
                extraPropertyKey(this.options).filter((k) => !declared.has(k)),
                extraValue,
              ),
              {
                minLength: 1,
                maxLength: 3,
                selector: (entry) => entry[0],
              },
            ),
          );
    return fc.tuple(fc.tuple(...values), extras).map(([drawn, extra]) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) {
        if (drawn[i] !== ABSENT) defineJsonProperty(out, keys[i] as string, drawn[i]);
      }
      if (extra !== undefined) {
        for (const [key, value] of extra) if (!declared.has(key)) defineJsonProperty(out, key, value);
      }
      return out;
    });
  }
}

/**
 * `some` with the given chance, else `undefined`. The weights are the chance as a reduced fraction, so that
 * 0.25 draws as the 3:1 weights before it did, and a seed keeps writing the same bytes.
 */
function withChance<T>(chance: number, some: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  const scale = 1_000_000;
  const hits = Math.round(chance * scale);
  if (hits === 0) return fc.constant(undefined);
  if (hits === scale) return some;
  const divisor = greatestCommonDivisor(hits, scale);
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.constant(undefined), weight: (scale - hits) / divisor },
    { arbitrary: some, weight: hits / divisor },
  );
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

/**
 * Strings of a pattern that is one repeated atom (`^[0-9a-f]+$`, `^\\d{4,}$`) with length bounds, built at the
 * wanted length: filtering free matches by length would almost never hit 40 characters.
 */
function repeatedAtom(
  pattern: string,
  minLength: number,
  maxLength: number | undefined,
): fc.Arbitrary<string> | undefined {
  const m = /^\^([A-Za-z0-9_-]*)(\[(?:\\.|[^\]\\])+\]|\\[dwsDWS]|\.)([+*]|\{(\d+)(,(\d*))?\})?\$$/.exec(
    pattern,
  );
  if (!m) return undefined;
  const [, prefix = '', atom, quantifier, low, comma, high] = m;
  const qMin = quantifier === '+' ? 1 : low !== undefined ? Number(low) : quantifier === '*' ? 0 : 1;
  const qMax =
    quantifier === '+' || quantifier === '*'
      ? undefined
      : low === undefined
        ? 1
        : comma === undefined
          ? qMin
          : high
            ? Number(high)
            : undefined;
  // A literal prefix (Twilio's `^AC[0-9a-fA-F]{32}$`) takes its length out of the bounds.
  const min = Math.max(minLength - prefix.length, qMin);
  const max = Math.min(
    (maxLength ?? Number.POSITIVE_INFINITY) - prefix.length,
    qMax ?? Number.POSITIVE_INFINITY,
    min + 64,
  );
  if (min > max) return undefined;
  const character = fc.stringMatching(new RegExp(`^${atom}$`, 'u'));
  return fc.array(character, { minLength: min, maxLength: max }).map((chars) => prefix + chars.join(''));
}

/** `base.filter(ok)`, refused with a clear error when a quick sample shows the filter would (almost) never pass. */
function feasible<T>(base: fc.Arbitrary<T>, ok: (value: T) => boolean, node: SchemaNode): fc.Arbitrary<T> {
  const hits = fc.sample(base, { numRuns: 200, seed: 42 }).filter(ok).length;
  if (hits === 0) {
    throw new UnsupportedSchemaError(
      'pattern',
      node.path,
      'cannot generate strings that match both its pattern and its length bounds (none of 200 tries did)',
    );
  }
  return base.filter(ok);
}

/** Stands for a schema met again inside itself; never drawn from. */
const RECURSION: fc.Arbitrary<unknown> = fc.constant(undefined);

/** Marks an optional property left out of a generated object. */
const ABSENT = Symbol('absent');

/** The shortest array of the "long arrays" family (when the bound allows it). */
export const LONG_ARRAY_LENGTH = 20;

/** Types implied by the keywords of a schema that has no `type`; `undefined` when nothing implies one. */
export function inferTypes(node: SchemaNode): JsonType[] | undefined {
  const raw = node.raw;
  const types: JsonType[] = [];
  if (['properties', 'required', 'additionalProperties'].some((k) => k in raw)) types.push('object');
  if (['items', 'minItems', 'maxItems', 'uniqueItems'].some((k) => k in raw)) types.push('array');
  if (['minLength', 'maxLength', 'pattern'].some((k) => k in raw)) types.push('string');
  if (node.format !== undefined) {
    types.push(
      ['int32', 'int64'].includes(node.format)
        ? 'integer'
        : ['float', 'double'].includes(node.format)
          ? 'number'
          : 'string',
    );
  }
  if (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'].some((k) => k in raw)) {
    types.push('number');
  }
  return types.length === 0 ? undefined : [...new Set(types)];
}

export function typeAllowed(value: unknown, types: readonly JsonType[]): boolean {
  const type = jsonTypeOf(value);
  if (types.includes(type)) return true;
  return type === 'number' && types.includes('integer') && Number.isInteger(value);
}

function isContainer(value: unknown): boolean {
  return value !== null && typeof value === 'object';
}

/** Checks `oneOf` branches with Ajv (compiled once per branch): a value must match exactly one. */
class OneOfChecker {
  private readonly ajv = createAjv({ allErrors: false });
  private readonly compiled = new Map<SchemaNode, ValidateFunction>();

  constructor(sites: readonly SchemaSite[]) {
    for (const site of sites) this.ajv.addSchema(site.schema);
  }

  matchesExactlyOne(branches: readonly SchemaNode[], value: unknown): boolean {
    let matches = 0;
    for (const branch of branches) {
      let fn = this.compiled.get(branch);
      if (!fn) {
        fn = this.ajv.compile(stripAnchors(branch.raw) as object);
        this.compiled.set(branch, fn);
      }
      if (fn(value) && ++matches > 1) return false;
    }
    return matches === 1;
  }
}
