import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import yaml from 'js-yaml';
import { type DiffReport, diffSpecs } from '../../../src/diff';
import { parseSpec } from '../../../src/spec';
import { createValidator, listExamples, validateExample } from '../../../src/validation';

// A real document against copies that say the same: a component renamed or a key reordered is no change,
// and an example that was already invalid is not "now failing" because it moved (the review found this on
// Box's document; Redocly's museum, made to hold two more such examples, shows it in a fraction of the time).
const MUSEUM = path.resolve(__dirname, '../../support/specs/real/redocly-museum-3.1.yaml');

// biome-ignore lint/suspicious/noExplicitAny: a document rewritten as plain data
type Doc = any;

/** The museum with a schema example and a response example that contradict their schemas. */
function museum(): Doc {
  const doc = yaml.load(readFileSync(MUSEUM, 'utf8'), { schema: yaml.JSON_SCHEMA }) as Doc;
  doc.components.schemas.TicketType.example = 'concert';
  doc.components.examples.GetMuseumHoursResponseExample.value = { hours: 'all day' };
  return doc;
}

function reverseKeys(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(reverseKeys);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}

/** Every schema, response and example component renamed (`Zz…`), each `$ref` to them rewritten. */
function renamed(doc: Doc): Doc {
  const kinds = ['schemas', 'responses', 'examples'] as const;
  let text = JSON.stringify(doc);
  for (const kind of kinds) {
    for (const name of Object.keys(doc.components[kind]))
      text = text.split(`"#/components/${kind}/${name}"`).join(`"#/components/${kind}/Zz${name}"`);
  }
  const out = JSON.parse(text);
  for (const kind of kinds) {
    out.components[kind] = Object.fromEntries(
      Object.entries(out.components[kind]).map(([name, value]) => [`Zz${name}`, value]),
    );
  }
  return out;
}

const load = (doc: Doc, file: string) => parseSpec(yaml.dump(doc, { noRefs: true, lineWidth: -1 }), file);
const old = createValidator(load(museum(), 'museum.yaml'));

async function diffCopy(copy: (doc: Doc) => Doc, file: string): Promise<DiffReport> {
  return diffSpecs(old, createValidator(load(copy(museum()), file)), {
    cwd: __dirname,
    stdin: Readable.from([]),
  });
}

describe('diff on a real document against copies that say the same', () => {
  it('starts from three examples that were already invalid (else this test proves nothing)', () => {
    const invalid = listExamples(old.spec).filter((e) =>
      validateExample(old, e).some((f) => f.severity === 'error'),
    );
    expect(invalid.map((e) => e.pointer)).toEqual([
      '/components/schemas/TicketType/example',
      '/components/examples/GetMuseumHoursResponseExample/value',
      // Already so in Redocly's copy.
      '/components/examples/BuyEventTicketsResponseExample/value',
    ]);
  });

  it('finds no change and no evidence changing verdict when every component is renamed', async () => {
    const report = await diffCopy(renamed, 'renamed.yaml');
    expect(report.changes).toEqual([]);
    expect(report.evidence.find((s) => s.kind === 'examples')?.changed).toEqual([]);
    expect(report.counts.nowFailing).toBe(0);
  });

  it('finds no change and no evidence changing verdict when every key is reordered', async () => {
    const report = await diffCopy(reverseKeys, 'reordered.yaml');
    expect(report.changes).toEqual([]);
    expect(report.counts.nowFailing).toBe(0);
  });

  it('still reports an example that was valid and now contradicts its schema', async () => {
    const report = await diffCopy((doc) => {
      doc.components.schemas.Email.example = 'not an email';
      return renamed(doc);
    }, 'broken.yaml');
    const examples = report.evidence.find((s) => s.kind === 'examples');
    expect(examples?.changed.map((c) => `${c.change} ${c.title}`)).toEqual([
      'now-fails new example components.schemas.ZzEmail.example against its own schema',
    ]);
  });
});
