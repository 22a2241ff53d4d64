import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const jsf = await import('json-schema-faker');
const { loadSpec, convertSpec } = require('../dist/spec');
const conv = convertSpec(loadSpec());
const root = conv.siteAt('/components/schemas/ActivityLogResponse');
const byId = new Map(conv.sites.map((s) => [s.id, s.schema]));
// inline refs into a self-contained schema
const inline = (s) => { if (Array.isArray(s)) return s.map(inline); if (!s || typeof s !== 'object') return s; if (typeof s.$ref === 'string') return inline(byId.get(s.$ref)); const o = {}; for (const [k, v] of Object.entries(s)) if (k !== '$id') o[k] = inline(v); return o; };
const schema = inline(root.schema);
const gen = jsf.createGeneratorSync({ seed: 1 });
let out; for (let i = 0; i < 200; i++) out = gen.generate(schema);
let t = process.hrtime.bigint();
for (let i = 0; i < 2000; i++) out = gen.generate(schema);
console.log('sync ms/2000', Number(process.hrtime.bigint() - t) / 1e6);
console.log(JSON.stringify(out).slice(0, 600));
