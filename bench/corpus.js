'use strict';

/**
 * A deterministic NDJSON corpus of varied Activity Log responses, derived from the spec's own example of
 * `ActivityLogResponse` and the converted schemas (which fields are required, which are arrays, which are
 * date-times): nothing of the payload is retyped here.
 *
 * Each line is one of:
 * - plain: optional fields present or absent, 0..20 items, assorted metadata, varied ids and timestamps;
 * - extra: as plain, plus one undocumented property somewhere (valid; a warning for us);
 * - invalid (~5%): one mutation that the schema refuses (a required field missing, a wrong type, a
 *   non-array where an array belongs, an impossible date-time, a body that is not an object).
 */

const ROOT_POINTER = '/components/schemas/ActivityLogResponse';
const INVALID_SHARE = 0.05;
const EXTRA_SHARE = 0.1;
const OPTIONAL_ABSENT = 0.3;
const MAX_ITEMS = 20;
const BAD_DATE_TIMES = [
  '2024-13-01T10:00:00Z',
  '2024-02-30T10:00:00Z',
  '2024-01-01T25:00:00Z',
  'yesterday',
  '',
];
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];

/** mulberry32: small, fast, deterministic. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @param {{ document: any }} spec the loaded spec (`loadSpec()`)
 * @param {readonly { id: string, pointer: string, schema: any }[]} sites `createValidator(spec).converted.sites`
 * @param {number} seed
 */
function createGenerator(spec, sites, seed = 20240730) {
  const example = spec.document.components.schemas.ActivityLogResponse.example;
  if (!example || typeof example !== 'object') throw new Error('the spec has no ActivityLogResponse example');
  const byId = new Map(sites.map((site) => [site.id, site.schema]));
  const rootSite = sites.find((site) => site.pointer === ROOT_POINTER);
  if (!rootSite) throw new Error(`no converted schema at ${ROOT_POINTER}`);

  const random = prng(seed);
  const int = (min, max) => min + Math.floor(random() * (max - min + 1));
  const pick = (list) => list[Math.floor(random() * list.length)];
  const pad = (n, width = 2) => String(n).padStart(width, '0');
  const hex = (length) => {
    let out = '';
    for (let i = 0; i < length; i++) out += '0123456789abcdef'[int(0, 15)];
    return out;
  };
  const resolve = (schema) => {
    let node = schema;
    for (let hops = 0; node && typeof node.$ref === 'string' && hops < 16; hops++) node = byId.get(node.$ref);
    return node ?? {};
  };

  const dateTime = () => {
    const fraction = random() < 0.3 ? `.${pad(int(0, 999), 3)}` : '';
    const offset =
      random() < 0.6 ? 'Z' : `${random() < 0.5 ? '+' : '-'}${pad(int(0, 14))}:${pick(['00', '30', '45'])}`;
    return `${int(2020, 2026)}-${pad(int(1, 12))}-${pad(int(1, 28))}T${pad(int(0, 23))}:${pad(int(0, 59))}:${pad(int(0, 59))}${fraction}${offset}`;
  };

  const metadataEntry = () => {
    switch (int(0, 5)) {
      case 0:
        return { key: pick(WORDS), value: `${pick(WORDS)}-${int(0, 9999)}` };
      case 1:
        return { field: pick(WORDS), from: int(0, 1000), to: int(0, 1000), changed: random() < 0.5 };
      case 2:
        return `${pick(WORDS)} ${pick(WORDS)}`;
      case 3:
        return int(-1000, 1000) / 8;
      case 4:
        return null;
      default:
        return { nested: { list: [pick(WORDS), int(0, 9)], when: dateTime() }, tags: [pick(WORDS)] };
    }
  };

  /** Varies a string the example holds, by what the schema and the property name say it is. */
  const stringLike = (value, schema, key) => {
    if (schema.format === 'date-time') return dateTime();
    if (/id$/i.test(key) && /^[0-9a-f-]{32,36}$/i.test(value))
      return value.includes('-')
        ? `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`
        : hex(value.length);
    if (value.includes('@')) return `${pick(WORDS)}.${int(1, 999)}@${value.split('@')[1]}`;
    return random() < 0.5 ? value : `${value} ${pick(WORDS)}`;
  };

  /**
   * Builds a value shaped like `sample` under `schema`, recording the places a mutation can go:
   * `slots` (a property of an object, with its schema) and `objects` (objects that list their properties).
   */
  const build = (sample, schemaIn, key, record) => {
    const schema = resolve(schemaIn);
    if (Array.isArray(sample)) {
      const itemSchema = resolve(schema.items);
      if (sample.length > 0 && sample[0] !== null && typeof sample[0] === 'object') {
        const count = int(0, MAX_ITEMS);
        const out = [];
        for (let i = 0; i < count; i++) out.push(build(sample[i % sample.length], itemSchema, key, record));
        return out;
      }
      // An example array with nothing to copy (metadata: []): assorted JSON, as `items: {}` allows.
      const count = random() < 0.4 ? 0 : int(1, 4);
      const out = [];
      for (let i = 0; i < count; i++) out.push(metadataEntry());
      return out;
    }
    if (sample !== null && typeof sample === 'object') {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const out = {};
      for (const [name, value] of Object.entries(sample)) {
        const isRequired = required.has(name);
        if (!isRequired && random() < OPTIONAL_ABSENT) continue;
        const propertySchema = resolve(properties[name]);
        out[name] = build(value, propertySchema, name, record);
        record.slots.push({ object: out, key: name, schema: propertySchema, required: isRequired });
      }
      if (schema.properties) record.objects.push({ object: out, schema });
      return out;
    }
    if (typeof sample === 'string') return stringLike(sample, schema, key);
    return sample;
  };

  const mutations = {
    missingRequired(record) {
      const slot = pick(record.slots.filter((s) => s.required));
      delete slot.object[slot.key];
    },
    wrongType(record) {
      const slot = pick(record.slots.filter((s) => s.schema.type === 'string'));
      slot.object[slot.key] = pick([int(0, 99999), true, null, { value: slot.object[slot.key] }]);
    },
    notAnArray(record) {
      const slot = pick(record.slots.filter((s) => s.schema.type === 'array'));
      slot.object[slot.key] = pick([{}, 'none', 0]);
    },
    badDateTime(record) {
      const slot = pick(record.slots.filter((s) => s.schema.format === 'date-time'));
      slot.object[slot.key] = pick(BAD_DATE_TIMES);
    },
  };
  const mutationNames = Object.keys(mutations);

  /** The next line: `{ text, kind: 'plain' | 'extra' | 'invalid', mutation? }`. */
  const next = () => {
    const record = { slots: [], objects: [] };
    let body = build(example, rootSite.schema, '', record);
    const roll = random();
    if (roll < INVALID_SHARE) {
      // One in twenty invalid lines is not even an object.
      if (random() < 0.05) {
        body = pick([[], 'activity', null, 42]);
        return { text: JSON.stringify(body), kind: 'invalid', mutation: 'notAnObject' };
      }
      const mutation = pick(mutationNames);
      mutations[mutation](record);
      return { text: JSON.stringify(body), kind: 'invalid', mutation };
    }
    if (roll < INVALID_SHARE + EXTRA_SHARE) {
      const target = pick(record.objects);
      let name = `${pick(WORDS)}Ref`;
      while (name in target.schema.properties) name = `${name}X`;
      target.object[name] = random() < 0.5 ? `${pick(WORDS)}-${int(0, 999)}` : { source: pick(WORDS) };
      return { text: JSON.stringify(body), kind: 'extra' };
    }
    return { text: JSON.stringify(body), kind: 'plain' };
  };

  return { next };
}

/** `count` lines from a fresh generator, with their expected verdicts and sizes. */
function buildCorpus(spec, sites, count, seed) {
  const generator = createGenerator(spec, sites, seed);
  const lines = new Array(count);
  const expectedValid = new Array(count);
  const kinds = { plain: 0, extra: 0, invalid: 0 };
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const line = generator.next();
    lines[i] = line.text;
    expectedValid[i] = line.kind !== 'invalid';
    kinds[line.kind]++;
    bytes += Buffer.byteLength(line.text, 'utf8') + 1;
  }
  return { lines, expectedValid, kinds, bytes };
}

module.exports = { buildCorpus, createGenerator };
