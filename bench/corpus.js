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

/** mulberry32: small, fast, deterministic; 32 random bits a call. */
function prng32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * @param {{ document: any }} spec the loaded spec (`loadSpec()`)
 * @param {readonly { id: string, pointer: string, schema: any }[]} sites `createValidator(spec).converted.sites`
 * @param {{ seed?: number, maxItems?: number }} options `maxItems`: items per response, 0..maxItems
 */
function createGenerator(spec, sites, options = {}) {
  const seed = options.seed ?? 20240730;
  const maxItems = options.maxItems ?? MAX_ITEMS;
  const example = spec.document.components.schemas.ActivityLogResponse.example;
  if (!example || typeof example !== 'object') throw new Error('the spec has no ActivityLogResponse example');
  const byId = new Map(sites.map((site) => [site.id, site.schema]));
  const rootSite = sites.find((site) => site.pointer === ROOT_POINTER);
  if (!rootSite) throw new Error(`no converted schema at ${ROOT_POINTER}`);

  const bits = prng32(seed);
  const random = () => bits() / 4294967296;
  const int = (min, max) => min + Math.floor(random() * (max - min + 1));
  const pick = (list) => list[Math.floor(random() * list.length)];
  const pad = (n, width = 2) => String(n).padStart(width, '0');
  const hex8 = () => {
    const u = bits();
    return HEX_BYTE[u >>> 24] + HEX_BYTE[(u >>> 16) & 255] + HEX_BYTE[(u >>> 8) & 255] + HEX_BYTE[u & 255];
  };
  const hex = (length) => {
    let out = '';
    while (out.length < length) out += hex8();
    return out.slice(0, length);
  };
  const uuid = () => {
    const a = hex8();
    const b = hex8();
    return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${hex(4)}-${hex(12)}`;
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

  /** A generator of strings like the example's `value`, by what the schema and the property name say. */
  const compileString = (value, schema, key) => {
    if (schema.format === 'date-time') return dateTime;
    if (/id$/i.test(key) && /^[0-9a-f-]{32,36}$/i.test(value)) {
      if (value.includes('-')) return uuid;
      return () => hex(value.length);
    }
    if (value.includes('@')) {
      const domain = value.split('@')[1];
      return () => `${pick(WORDS)}.${int(1, 999)}@${domain}`;
    }
    return () => (random() < 0.5 ? value : `${value} ${pick(WORDS)}`);
  };

  /**
   * Compiles the example value `sample` under `schema` into a generator of varied values of its shape.
   * A generator given a `record` notes the places a mutation can go: `slots` (a property of an object,
   * with its schema) and `objects` (objects whose schema lists properties).
   */
  const compile = (sample, schemaIn, key) => {
    const schema = resolve(schemaIn);
    if (Array.isArray(sample)) {
      if (sample.length > 0 && sample[0] !== null && typeof sample[0] === 'object') {
        const itemSchema = resolve(schema.items);
        const items = sample.map((item) => compile(item, itemSchema, key));
        return (record) => {
          const count = int(0, maxItems);
          const out = [];
          for (let i = 0; i < count; i++) out.push(items[i % items.length](record));
          return out;
        };
      }
      // An example array with nothing to copy (metadata: []): assorted JSON, as `items: {}` allows.
      return () => {
        const count = random() < 0.4 ? 0 : int(1, 4);
        const out = [];
        for (let i = 0; i < count; i++) out.push(metadataEntry());
        return out;
      };
    }
    if (sample !== null && typeof sample === 'object') {
      const required = new Set(schema.required ?? []);
      const properties = Object.entries(sample).map(([name, value]) => {
        const propertySchema = resolve(schema.properties?.[name]);
        return {
          name,
          required: required.has(name),
          schema: propertySchema,
          generate: compile(value, propertySchema, name),
        };
      });
      return (record) => {
        const out = {};
        for (const property of properties) {
          if (!property.required && random() < OPTIONAL_ABSENT) continue;
          out[property.name] = property.generate(record);
          if (record) record.slots.push({ object: out, key: property.name, ...property });
        }
        if (record && schema.properties) record.objects.push({ object: out, schema });
        return out;
      };
    }
    if (typeof sample === 'string') return compileString(sample, schema, key);
    return () => sample;
  };
  const generateBody = compile(example, rootSite.schema, '');

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
    const roll = random();
    if (roll >= INVALID_SHARE + EXTRA_SHARE)
      return { text: JSON.stringify(generateBody(null)), kind: 'plain' };
    const record = { slots: [], objects: [] };
    const body = generateBody(record);
    if (roll < INVALID_SHARE) {
      // One in twenty invalid lines is not even an object.
      if (random() < 0.05) {
        return {
          text: JSON.stringify(pick([[], 'activity', null, 42])),
          kind: 'invalid',
          mutation: 'notAnObject',
        };
      }
      const mutation = pick(mutationNames);
      mutations[mutation](record);
      return { text: JSON.stringify(body), kind: 'invalid', mutation };
    }
    const target = pick(record.objects);
    let name = `${pick(WORDS)}Ref`;
    while (name in target.schema.properties) name = `${name}X`;
    target.object[name] = random() < 0.5 ? `${pick(WORDS)}-${int(0, 999)}` : { source: pick(WORDS) };
    return { text: JSON.stringify(body), kind: 'extra' };
  };

  return { next };
}

/** `count` lines from a fresh generator, with their expected verdicts and sizes. */
function buildCorpus(spec, sites, count, options) {
  const generator = createGenerator(spec, sites, options);
  const lines = new Array(count);
  const expectedValid = new Array(count);
  const lineKinds = new Array(count);
  const kinds = { plain: 0, extra: 0, invalid: 0 };
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const line = generator.next();
    lines[i] = line.text;
    expectedValid[i] = line.kind !== 'invalid';
    lineKinds[i] = line.kind;
    kinds[line.kind]++;
    bytes += Buffer.byteLength(line.text, 'utf8') + 1;
  }
  return { lines, expectedValid, lineKinds, kinds, bytes };
}

module.exports = { buildCorpus, createGenerator };
