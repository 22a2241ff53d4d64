import { escapeSegment } from '../spec';
import type { ChangeSeverity, DocumentChange } from './DocumentChange';
import { type DocumentSide, type SchemaView, schemaView, shapeKey } from './schemaView';

/**
 * Which way acceptance must hold. `response`: every value the new schema allows must be one the old allowed
 * (an old client reads it). `request`: every value the old schema allowed must still be allowed (an old
 * client sends it).
 */
export type Direction = 'response' | 'request';

/** Where a comparison happens, and where its changes go. */
export interface ComparisonScope {
  readonly old: DocumentSide;
  readonly new: DocumentSide;
  readonly direction: Direction;
  /** Kind prefix: `response`, `response-header`, `request`, `request-parameter`. */
  readonly prefix: string;
  readonly operation: string;
  readonly where: string;
  readonly changes: DocumentChange[];
}

const BOUNDS = [
  // keyword, true when a larger value accepts more
  ['maxLength', true],
  ['maximum', true],
  ['exclusiveMaximum', true],
  ['maxItems', true],
  ['maxProperties', true],
  ['minLength', false],
  ['minimum', false],
  ['exclusiveMinimum', false],
  ['minItems', false],
  ['minProperties', false],
] as const;

/**
 * Compares two converted schemas by what they accept, recording each difference with its severity for the
 * scope's direction. `$ref`s are followed (a schema moved to a component, or a component renamed, is the
 * same schema), `allOf` is merged, `anyOf`/`oneOf` are compared branch by branch.
 */
export function compareSchemas(scope: ComparisonScope, oldSchema: unknown, newSchema: unknown): void {
  compareAt(scope, oldSchema, newSchema, '', new Set());
}

function compareAt(
  scope: ComparisonScope,
  oldSchema: unknown,
  newSchema: unknown,
  at: string,
  compared: Set<string>,
): void {
  if (shapeKey(oldSchema, scope.old) === shapeKey(newSchema, scope.new)) return;
  const o = schemaView(oldSchema, scope.old);
  const n = schemaView(newSchema, scope.new);
  // A recursive schema meets itself again, and a shared component is reached twice: each pair is judged once.
  const pair = `${o.identity ?? at}|${n.identity ?? at}`;
  if (compared.has(pair)) return;
  compared.add(pair);

  // Widening hurts readers (responses); narrowing hurts senders (requests).
  const widening: ChangeSeverity = scope.direction === 'response' ? 'breaking' : 'safe';
  const narrowing: ChangeSeverity = scope.direction === 'response' ? 'safe' : 'breaking';
  const emit: Emit = (kind, severity, message, keyword, pointer = at) => {
    const [oldKeyword, newKeyword] = Array.isArray(keyword) ? keyword : [keyword, keyword];
    scope.changes.push({
      kind: `${scope.prefix}-${kind}`,
      severity,
      operation: scope.operation,
      where: scope.where,
      pointer,
      message,
      old: o.pointer === undefined ? undefined : scope.old.spec.locate(o.locate(oldKeyword)),
      new: n.pointer === undefined ? undefined : scope.new.spec.locate(n.locate(newKeyword)),
    });
  };
  const j: Judging = { scope, o, n, oldSchema, newSchema, at, compared, emit, widening, narrowing };

  // Values of unrelated types: the rest of what the schemas say cannot be compared.
  if (compareTypes(j) === 'unrelated') return;
  compareUnjudged(j);
  if (o.choices !== undefined || n.choices !== undefined) {
    compareChoices(j);
    return;
  }
  compareEnums(j);
  compareFormats(j);
  compareBounds(j);
  comparePattern(j);
  compareProperties(j);
  compareAdditional(j);
  compareItems(j);
}

/** The keyword a change is about, the same on both sides or `[old, new]` (a renamed property). */
type Keyword = string | undefined | readonly [string, string];
type Emit = (
  kind: string,
  severity: ChangeSeverity,
  message: string,
  keyword: Keyword,
  pointer?: string,
) => void;

/** One pair of schemas under comparison: both views, where they are, and how a difference is recorded. */
interface Judging {
  readonly scope: ComparisonScope;
  readonly o: SchemaView;
  readonly n: SchemaView;
  readonly oldSchema: unknown;
  readonly newSchema: unknown;
  /** JSON pointer into the value (`*` for any item or key). */
  readonly at: string;
  readonly compared: Set<string>;
  readonly emit: Emit;
  /** The severity of letting more values through, and of letting fewer. */
  readonly widening: ChangeSeverity;
  readonly narrowing: ChangeSeverity;
}

/** `integer` is a `number`: a schema of numbers accepts integers. */
function accepts(types: ReadonlySet<string> | undefined, type: string): boolean {
  return types === undefined || types.has(type) || (type === 'integer' && types.has('number'));
}

function typeList(types: ReadonlySet<string> | undefined): string {
  return types === undefined ? 'any' : types.size === 0 ? 'nothing' : [...types].join('|');
}

/**
 * The types a view allows; for a choice beside a plain schema, those of its branches together (so that
 * `object` → `anyOf[$ref, string]` reads `object → object|string`, not `object → any`).
 */
function typesOf(view: SchemaView, other: SchemaView, side: DocumentSide): ReadonlySet<string> | undefined {
  if (view.types !== undefined || view.choices === undefined || other.choices !== undefined)
    return view.types;
  const all = new Set<string>();
  for (const branch of view.choices) {
    const types = schemaView(branch, side).types;
    if (types === undefined) return undefined;
    for (const t of types) all.add(t);
  }
  if (view.nullBranch) all.add('null');
  return all;
}

function compareTypes(j: Judging): 'unrelated' | undefined {
  const { scope, emit, widening, narrowing } = j;
  const o = { ...j.o, types: typesOf(j.o, j.n, scope.old) };
  const n = { ...j.n, types: typesOf(j.n, j.o, scope.new) };
  if (o.types === undefined && n.types === undefined && o.nullBranch !== n.nullBranch) {
    const kind = n.nullBranch ? 'became-nullable' : 'became-not-nullable';
    emit(
      kind,
      n.nullBranch ? widening : narrowing,
      n.nullBranch ? 'null now allowed' : 'null no longer allowed',
      o.choices ? 'anyOf' : undefined,
    );
    return undefined;
  }
  const everything = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];
  const added = everything.filter((t) => accepts(n.types, t) && !accepts(o.types, t));
  const removed = everything.filter((t) => accepts(o.types, t) && !accepts(n.types, t));
  if (added.length === 0 && removed.length === 0) return undefined;
  const change = `type ${typeList(o.types)} → ${typeList(n.types)}`;
  if (removed.length === 0) {
    // Only wider: say how, in oasdiff's words.
    const kind =
      added.length === 1 && added[0] === 'null'
        ? 'became-nullable'
        : added.length === 1 && added[0] === 'number' && accepts(o.types, 'integer')
          ? 'type-generalized'
          : 'type-changed';
    emit(kind, widening, change, 'type');
  } else if (added.length === 0) {
    const kind = removed.length === 1 && removed[0] === 'null' ? 'became-not-nullable' : 'type-specialized';
    emit(kind, narrowing, change, 'type');
  } else {
    emit('type-changed', 'breaking', change, 'type');
    const shared = everything.filter((t) => t !== 'null' && accepts(n.types, t) && accepts(o.types, t));
    if (shared.length === 0) return 'unrelated';
  }
  return undefined;
}

function compareEnums(j: Judging): void {
  const { scope, o, n, emit, widening, narrowing } = j;
  const show = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');
  if (o.enum === undefined && n.enum === undefined) return;
  if (o.enum === undefined || n.enum === undefined) {
    const widened = n.enum === undefined;
    emit(
      widened ? 'enum-removed' : 'enum-added',
      widened ? widening : narrowing,
      widened ? `any value now, not only ${show(o.enum ?? [])}` : `only ${show(n.enum ?? [])} now`,
      'enum',
    );
    return;
  }
  const key = (v: unknown) => JSON.stringify(v);
  const before = new Set(o.enum.map(key));
  const after = new Set(n.enum.map(key));
  const added = n.enum.filter((v) => !before.has(key(v)));
  const removed = o.enum.filter((v) => !after.has(key(v)));
  // A new value in a response breaks exhaustive switches: a warning, as the issue and oasdiff both grade it.
  if (added.length > 0)
    emit(
      'enum-value-added',
      scope.direction === 'response' ? 'warning' : 'safe',
      `new value ${show(added)}`,
      'enum',
    );
  // A value gone from a response cannot be refused or misread; its code paths go dead: a warning.
  if (removed.length > 0)
    emit(
      'enum-value-removed',
      scope.direction === 'response' ? 'warning' : narrowing,
      `value ${show(removed)} no longer allowed`,
      'enum',
    );
}

function compareFormats(j: Judging): void {
  const { o, n, emit, widening, narrowing } = j;
  if (o.format === n.format) return;
  if (o.format !== undefined && n.format !== undefined) {
    // date-time → date: strings each side refuses.
    emit('format-changed', 'breaking', `format ${o.format} → ${n.format}`, 'format');
  } else if (n.format === undefined) {
    emit('format-removed', widening, `format ${o.format} removed`, 'format');
  } else {
    emit('format-added', narrowing, `format ${n.format} added`, 'format');
  }
}

function compareChoices(j: Judging): void {
  const { scope, o, n, oldSchema, newSchema, at, compared, emit, widening, narrowing } = j;
  // A schema without a choice is a choice of one: itself.
  const oldBranches = [...(o.choices ?? [oldSchema])];
  const newBranches = [...(n.choices ?? [newSchema])];
  // Same-shaped branches match wherever they are; the rest pair up in order; what is left was added or removed.
  for (let i = newBranches.length - 1; i >= 0; i--) {
    const key = shapeKey(newBranches[i], scope.new);
    const match = oldBranches.findIndex((b) => shapeKey(b, scope.old) === key);
    if (match !== -1) {
      oldBranches.splice(match, 1);
      newBranches.splice(i, 1);
    }
  }
  const paired = Math.min(oldBranches.length, newBranches.length);
  for (let i = 0; i < paired; i++) compareAt(scope, oldBranches[i], newBranches[i], at, compared);
  const added = newBranches.length - paired;
  const removed = oldBranches.length - paired;
  if (added > 0) emit('choice-added', widening, `${added} more schema(s) to choose from`, n.choiceKeyword);
  if (removed > 0)
    emit('choice-removed', narrowing, `${removed} fewer schema(s) to choose from`, o.choiceKeyword);
}

function compareProperties(j: Judging): void {
  const { scope, o, n, at, compared, emit, widening, narrowing } = j;
  const response = scope.direction === 'response';
  const removed = [...o.properties.keys()].filter((name) => !n.properties.has(name));
  const added = [...n.properties.keys()].filter((name) => !o.properties.has(name));
  const child = (name: string) => `${at}/${escapeSegment(name)}`;
  for (const name of removed) {
    const key = shapeKey(o.properties.get(name), scope.old);
    const renamedTo = added.find((a) => shapeKey(n.properties.get(a), scope.new) === key);
    if (renamedTo !== undefined) {
      added.splice(added.indexOf(renamedTo), 1);
      // An old client reads (or sends) the old name: the value is lost to it either way.
      emit(
        'property-renamed',
        'breaking',
        `'${name}' is now '${renamedTo}' (same schema)`,
        [`properties/${name}`, `properties/${renamedTo}`],
        child(name),
      );
      continue;
    }
    if (response) {
      const required = o.required.has(name);
      emit(
        required ? 'required-property-removed' : 'optional-property-removed',
        required ? 'breaking' : 'warning',
        `${required ? 'required' : 'optional'} property '${name}' removed`,
        // The new document has no such property: it names the object that no longer has it.
        [`properties/${name}`, 'properties'],
        child(name),
      );
    } else {
      emit(
        'property-removed',
        n.additional === false ? 'breaking' : 'warning',
        `property '${name}' is no longer read${n.additional === false ? ', and now refused' : ''}`,
        [`properties/${name}`, 'properties'],
        child(name),
      );
    }
  }
  for (const name of added) {
    const required = n.required.has(name);
    if (response) {
      const closed = o.additional === false;
      emit(
        required ? 'required-property-added' : 'optional-property-added',
        closed ? 'breaking' : 'safe',
        `${required ? 'required' : 'optional'} property '${name}' added${closed ? ' to an object that allowed no other property' : ''}`,
        ['properties', `properties/${name}`],
        child(name),
      );
    } else {
      emit(
        required ? 'new-required-property' : 'new-optional-property',
        required ? 'breaking' : 'safe',
        `${required ? 'required' : 'optional'} property '${name}' added`,
        ['properties', `properties/${name}`],
        child(name),
      );
    }
  }
  for (const [name, before] of o.properties) {
    const after = n.properties.get(name);
    if (after === undefined) continue;
    const wasRequired = o.required.has(name);
    const isRequired = n.required.has(name);
    if (wasRequired && !isRequired)
      emit('property-became-optional', widening, `'${name}' is no longer required`, 'required', child(name));
    if (!wasRequired && isRequired)
      emit('property-became-required', narrowing, `'${name}' is now required`, 'required', child(name));
    compareAt(scope, before, after, child(name), compared);
  }
}

function compareAdditional(j: Judging): void {
  const { scope, o, n, at, compared, emit, widening, narrowing } = j;
  // How open an object is to undescribed properties: none, those of a schema, any.
  const openness = (value: unknown) => (value === false ? 0 : value === undefined || value === true ? 2 : 1);
  const before = openness(o.additional);
  const after = openness(n.additional);
  if (before === 1 && after === 1) {
    compareAt(scope, o.additional, n.additional, `${at}/*`, compared);
    return;
  }
  if (before === after) return;
  const loosened = after > before;
  emit(
    loosened ? 'additional-properties-loosened' : 'additional-properties-tightened',
    loosened ? widening : narrowing,
    `additionalProperties ${describeOpenness(before)} → ${describeOpenness(after)}`,
    'additionalProperties',
  );
}

function describeOpenness(level: number): string {
  return level === 0 ? 'false' : level === 1 ? 'a schema' : 'any';
}

function compareBounds(j: Judging): void {
  const { o, n, emit, widening, narrowing } = j;
  for (const [keyword, largerAcceptsMore] of BOUNDS) {
    const before = o.bounds.get(keyword);
    const after = n.bounds.get(keyword);
    if (before === after) continue;
    const widened =
      after === undefined || (before !== undefined && (largerAcceptsMore ? after > before : after < before));
    emit(
      widened ? 'constraint-loosened' : 'constraint-tightened',
      widened ? widening : narrowing,
      `${keyword} ${before ?? 'unset'} → ${after ?? 'unset'}`,
      keyword,
    );
  }
}

function comparePattern(j: Judging): void {
  const { o, n, emit, widening, narrowing } = j;
  if (o.pattern !== n.pattern) {
    const widened = n.pattern === undefined;
    const narrowed = o.pattern === undefined;
    // A changed pattern accepts some new strings and refuses some old ones: both sides can break.
    emit(
      widened ? 'pattern-removed' : narrowed ? 'pattern-added' : 'pattern-changed',
      widened ? widening : narrowed ? narrowing : 'breaking',
      `pattern ${o.pattern ?? 'unset'} → ${n.pattern ?? 'unset'}`,
      'pattern',
    );
  }
}

function compareItems(j: Judging): void {
  const { scope, o, n, at, compared, emit, widening, narrowing } = j;
  if (o.items !== undefined && n.items !== undefined) {
    compareAt(scope, o.items, n.items, `${at}/*`, compared);
  } else if (o.items !== undefined || n.items !== undefined) {
    const widened = n.items === undefined;
    emit(
      widened ? 'items-loosened' : 'items-tightened',
      widened ? widening : narrowing,
      widened ? 'items are no longer described' : 'items are now described',
      'items',
    );
  }
}

/**
 * What no judge reads (`multipleOf`, `uniqueItems`, `not`, `prefixItems`, `if`/`then`/`else`, …) and differs:
 * one warning naming the keywords, so that a change is never silent because it was not understood.
 */
function compareUnjudged(j: Judging): void {
  const { scope, o, n, emit } = j;
  const keywords = [...new Set([...o.unjudged.keys(), ...n.unjudged.keys()])].sort();
  // Each side's values as one schema, so that subschemas compare by shape, `$ref`s followed.
  const shape = (view: SchemaView, keyword: string, side: DocumentSide) =>
    shapeKey({ allOf: (view.unjudged.get(keyword) ?? []).map((v) => ({ [keyword]: v })) }, side);
  const changed = keywords.filter((k) => shape(o, k, scope.old) !== shape(n, k, scope.new));
  if (changed.length === 0) return;
  const show = (view: SchemaView, keyword: string) => {
    const values = view.unjudged.get(keyword);
    if (values === undefined) return 'unset';
    const text = values.map((v) => JSON.stringify(v)).join(' and ');
    return text.length > 40 ? 'a schema' : text;
  };
  emit(
    'schema-changed',
    'warning',
    `${changed.map((k) => `${k} ${show(o, k)} → ${show(n, k)}`).join(', ')}: not judged here, check by hand`,
    changed[0],
  );
}
