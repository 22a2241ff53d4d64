/**
 * Generation throughput, side by side in one run: `activityLog()` (derived from the spec) against a
 * hand-written `fc.record` of the same shape built from the same leaf arbitraries (the limit: what the
 * derivation costs beyond hand-writing), and against json-schema-faker on the same (converted) schema.
 * A plain pair (edge cases and extra properties off, against `fc.string()` leaves) shows the structure's
 * cost alone.
 *
 * Run by `npm run bench`, or alone after `npm run build`: `node --expose-gc bench/generation.js`.
 *
 * Environment:
 *   BENCH_GEN_SAMPLES=2000   activity logs per contender per round
 *   BENCH_GEN_ROUNDS=7       measured rounds (the median is reported), after one warm-up round
 */

const path = require('node:path');
const { fmt, intFromEnv, median } = require('./common');

const ROOT = path.resolve(__dirname, '..');
const HAND_WRITTEN_TARGET = 1.5;

const gc = typeof global.gc === 'function' ? global.gc : () => {};

/** The same shape as the spec's ActivityLogResponse, written by hand with the generators' own leaves. */
function handWritten(fc, g, options) {
  const { edgeCases, extraProperties } = { edgeCases: true, extraProperties: true, ...options };
  const leafOptions = { edgeCases };
  const text = g.edgeCaseString({}, leafOptions);
  const json = g.anyJson(leafOptions);
  const maxArray = 40;
  const array = (item) => {
    const typical = fc.array(item, { maxLength: 8 });
    if (!edgeCases) return typical;
    return fc.oneof(
      { withCrossShrink: true },
      { arbitrary: typical, weight: 8 },
      { arbitrary: fc.array(item, { maxLength: 0 }), weight: 1 },
      { arbitrary: fc.array(item, { minLength: g.LONG_ARRAY_LENGTH, maxLength: maxArray }), weight: 1 },
    );
  };
  const open = (model, requiredKeys) => {
    const record = fc.record(model, { requiredKeys, noNullPrototype: true });
    if (!extraProperties) return record;
    const declared = new Set(Object.keys(model));
    const extras = fc.oneof(
      { withCrossShrink: true },
      { arbitrary: fc.constant(undefined), weight: 3 },
      {
        arbitrary: fc.uniqueArray(fc.tuple(g.extraPropertyKey(leafOptions), json), {
          minLength: 1,
          maxLength: 3,
          selector: (entry) => entry[0],
        }),
        weight: 1,
      },
    );
    return fc
      .tuple(record, extras)
      .map(([base, extra]) =>
        extra === undefined
          ? base
          : Object.fromEntries([...Object.entries(base), ...extra.filter(([key]) => !declared.has(key))]),
      );
  };
  const entity = (withEmail) =>
    open({ id: text, entityType: text, entityId: text, ...(withEmail ? { email: text } : {}) }, [
      'id',
      'entityType',
    ]);
  const item = open(
    {
      id: text,
      activityLogId: text,
      verb: text,
      name: text,
      summary: text,
      reason: text,
      metadata: array(json),
      activityLogActor: entity(true),
      activityLogObject: entity(false),
      activityLogTarget: entity(false),
    },
    ['activityLogActor', 'activityLogId', 'activityLogObject', 'id', 'name', 'summary', 'verb'],
  );
  return open(
    {
      id: text,
      sequenceAccountId: text,
      activityType: text,
      apiVersion: text,
      origin: text,
      traceId: text,
      createdAt: g.rfc3339DateTime(leafOptions),
      activityLogItems: array(item),
    },
    ['activityLogItems', 'activityType', 'createdAt', 'id', 'origin', 'sequenceAccountId'],
  );
}

/** A schema with its `oas:N` references inlined, for a generator that resolves references only asynchronously. */
function inlined(converted, schema) {
  const byId = new Map(converted.sites.map((site) => [site.id, site.schema]));
  const visit = (node) => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    if (typeof node.$ref === 'string') return visit(byId.get(node.$ref));
    const out = {};
    for (const [key, value] of Object.entries(node)) if (key !== '$id') out[key] = visit(value);
    return out;
  };
  return visit(schema);
}

async function generation() {
  const fc = require('fast-check');
  const g = require(`${ROOT}/dist/generation`);
  const { loadSpec, convertSpec } = require(`${ROOT}/dist/spec`);
  const { createValidator } = require(`${ROOT}/dist/validation`);
  const jsf = await import('json-schema-faker');

  const samples = intFromEnv('BENCH_GEN_SAMPLES', 2000, 1);
  const rounds = intFromEnv('BENCH_GEN_ROUNDS', 7, 1);
  const spec = loadSpec();
  const validator = createValidator(spec);
  const converted = convertSpec(spec);
  const rootSite = converted.siteAt('/components/schemas/ActivityLogResponse');
  const faker = jsf.createGeneratorSync({ seed: 20240730 });
  // Options that bring its output to our sizes: optional properties 5 times in 6, about 6 items a log.
  const sizedFaker = jsf.createGeneratorSync({ seed: 20240730, optionalsProbability: 5 / 6, maxItems: 12 });
  const jsfSchema = inlined(converted, rootSite.schema);
  const plain = { edgeCases: false, extraProperties: false };

  const fromArbitrary = (arbitrary) => (count, seed) => fc.sample(arbitrary, { numRuns: count, seed });
  const contenders = [
    { name: 'activityLog()', role: 'ours', make: fromArbitrary(g.activityLog()) },
    { name: 'hand-written fc.record', role: 'limit', make: fromArbitrary(handWritten(fc, g, {})) },
    {
      name: 'json-schema-faker',
      role: 'peer',
      make: (count) => Array.from({ length: count }, () => faker.generate(jsfSchema)),
    },
    {
      name: 'json-schema-faker, sizes as ours',
      role: 'peer-sized',
      make: (count) => Array.from({ length: count }, () => sizedFaker.generate(jsfSchema)),
    },
    { name: 'activityLog(plain)', role: 'ours-plain', make: fromArbitrary(g.activityLog(plain)) },
    { name: 'hand-written, plain', role: 'limit-plain', make: fromArbitrary(handWritten(fc, g, plain)) },
  ];

  // Correctness and shape first (also the warm-up): how many pass our validator, how big they are.
  const profile = contenders.map((c) => {
    const made = c.make(samples, 1);
    let valid = 0;
    let bytes = 0;
    let items = 0;
    for (const log of made) {
      const result = validator.validateResponse({
        method: 'GET',
        path: '/activity-logs/x',
        status: 200,
        body: log,
      });
      if (result.valid) valid++;
      bytes += JSON.stringify(log).length;
      items += Array.isArray(log?.activityLogItems) ? log.activityLogItems.length : 0;
    }
    return { valid: valid / made.length, bytes: bytes / made.length, items: items / made.length };
  });

  const rates = contenders.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const index = (round + k) % contenders.length;
      gc();
      const started = process.hrtime.bigint();
      contenders[index].make(samples, round + 2);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      rates[index].push(samples / seconds);
    }
  }
  const medians = rates.map(median);

  console.log(
    `\nGeneration: activity logs per second, median of ${rounds} rounds of ${fmt(samples)}, contenders interleaved\n`,
  );
  const headers = ['contender', 'logs/s', 'us/log', 'min..max logs/s', 'valid', 'avg bytes', 'avg items'];
  const rows = contenders.map((c, i) => [
    c.name,
    fmt(medians[i]),
    fmt(1e6 / medians[i], 1),
    `${fmt(Math.min(...rates[i]))}..${fmt(Math.max(...rates[i]))}`,
    `${fmt(profile[i].valid * 100, 1)}%`,
    fmt(profile[i].bytes),
    fmt(profile[i].items, 1),
  ]);
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log([line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n'));
  console.log(
    "\n  'valid' = share accepted by our validator; the fast-check contenders share leaves and distributions,\n" +
      '  json-schema-faker fills the same converted schema its own way (its sizes differ: see avg bytes)',
  );

  const at = (role) => medians[contenders.findIndex((c) => c.role === role)];
  const verdict = (ok) => (ok ? 'PASS' : 'MISS');
  const vsLimit = at('limit') / at('ours');
  const vsPlainLimit = at('limit-plain') / at('ours-plain');
  const vsPeer = at('ours') / at('peer');
  const vsSizedPeer = at('ours') / at('peer-sized');
  console.log('\nTargets:');
  console.log(
    `  ${verdict(vsLimit <= HAND_WRITTEN_TARGET)}  activityLog() takes ${fmt(vsLimit, 2)}x the time of the hand-written ` +
      `fc.record (target <= ${fmt(HAND_WRITTEN_TARGET, 1)}x; plain pair: ${fmt(vsPlainLimit, 2)}x)`,
  );
  console.log(
    `  ${verdict(vsPeer > 1)}  activityLog() ahead of json-schema-faker: ${fmt(vsPeer, 2)}x its throughput ` +
      '(its defaults: about a quarter of our items and 1/35 of our bytes a log)',
  );
  console.log(
    `  ${verdict(vsSizedPeer > 1)}  activityLog() ahead of json-schema-faker at our sizes: ${fmt(vsSizedPeer, 2)}x its throughput`,
  );
  return {
    medians: Object.fromEntries(contenders.map((c, i) => [c.name, medians[i]])),
    vsLimit,
    vsPeer,
    vsSizedPeer,
  };
}

module.exports = { generation };

if (require.main === module) {
  generation().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
