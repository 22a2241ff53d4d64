/**
 * The contenders, each a function `(line: string) => boolean` (accepted?) that JSON.parses one NDJSON
 * line and validates it as the 200 response of GET /activity-logs/{id}.
 */

const ROOT_POINTER = '/components/schemas/ActivityLogResponse';
const OPERATION_PATH = '/activity-logs/{id}';

/** Replaces each `$ref: 'oas:N'` by the referenced converted schema: one self-contained schema. */
function inlineSites(sites, rootId) {
  const byId = new Map(sites.map((site) => [site.id, site.schema]));
  const inline = (node, depth) => {
    if (depth > 64) throw new Error('recursive $ref: cannot inline');
    if (Array.isArray(node)) return node.map((item) => inline(item, depth + 1));
    if (node === null || typeof node !== 'object') return node;
    if (typeof node.$ref === 'string') {
      const target = byId.get(node.$ref);
      if (!target) throw new Error(`unresolvable $ref ${node.$ref}`);
      return inline(target, depth + 1);
    }
    const out = {};
    for (const [key, value] of Object.entries(node)) if (key !== '$id') out[key] = inline(value, depth + 1);
    return out;
  };
  return inline(byId.get(rootId), 0);
}

/**
 * @param {string} root the project root (where `dist/` is)
 * @returns {{ name: string, role: 'floor' | 'baseline' | 'ours' | 'peer', note: string,
 *   accept: (line: string) => boolean }[]}
 */
function createContenders(root) {
  const { loadSpec } = require(`${root}/dist/spec`);
  const { createValidator, isRfc3339DateTime } = require(`${root}/dist/validation`);
  const Ajv = require('ajv').default;
  const addFormats = require('ajv-formats').default;
  const OpenAPIResponseValidator = require('openapi-response-validator').default;
  const { validator: schemasafe } = require('@exodus/schemasafe');

  const spec = loadSpec();
  const ours = createValidator(spec);
  const sites = ours.converted.sites;
  const rootSite = sites.find((site) => site.pointer === ROOT_POINTER);
  if (!rootSite) throw new Error(`no converted schema at ${ROOT_POINTER}`);

  // Raw Ajv on the converted schemas: what our path costs beyond a bare compiled validator.
  const ajv = new Ajv({ strict: false });
  addFormats(ajv);
  for (const site of sites) ajv.addSchema(site.schema);
  const raw = ajv.getSchema(rootSite.id);
  if (!raw) throw new Error(`raw Ajv has no schema ${rootSite.id}`);

  // openapi-response-validator straight from the OpenAPI document. It registers no formats of its own
  // (an unknown format passes), so it gets the same exact RFC 3339 date-time as ours.
  const operation = spec.document.paths[OPERATION_PATH].get;
  const orv = new OpenAPIResponseValidator({
    responses: operation.responses,
    components: spec.document.components,
    customFormats: { 'date-time': isRfc3339DateTime },
  });

  // schemasafe on one self-contained schema, with its own built-in date-time format.
  const safe = schemasafe(inlineSites(sites, rootSite.id), { mode: 'default', includeErrors: true });

  const headers = { 'content-type': 'application/json' };

  return [
    {
      name: 'JSON.parse (floor)',
      role: 'floor',
      note: 'parse only, accepts every line',
      accept: (line) => JSON.parse(line) !== undefined,
    },
    {
      name: 'JSON.parse + raw Ajv',
      role: 'baseline',
      note: 'new Ajv({strict:false}) + ajv-formats, converted site schemas',
      accept: (line) => raw(JSON.parse(line)),
    },
    {
      name: 'ours (validateResponse)',
      role: 'ours',
      note: 'createValidator(loadSpec()).validateResponse({method, path, status, headers, body}).valid',
      // An object literal, as a caller writes one: a spread ({...request, body}) costs about 2 µs by itself.
      accept: (line) =>
        ours.validateResponse({
          method: 'GET',
          path: '/activity-logs/x',
          status: 200,
          headers,
          body: JSON.parse(line),
        }).valid,
    },
    {
      name: 'openapi-response-validator',
      role: 'peer',
      note: 'responses + components of the document, customFormats date-time',
      accept: (line) => orv.validateResponse(200, JSON.parse(line)) === undefined,
    },
    {
      name: '@exodus/schemasafe',
      role: 'peer',
      note: "inlined converted schema, mode:'default', includeErrors:true",
      accept: (line) => safe(JSON.parse(line)),
    },
  ];
}

module.exports = { createContenders, inlineSites };
