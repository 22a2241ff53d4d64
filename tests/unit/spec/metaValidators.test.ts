import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { DEFAULT_SPEC_FILE } from '../../../src/spec';
import {
  compileMetaValidator,
  type MetaValidator,
  metaValidatorCode,
} from '../../../src/spec/metaValidators';
import type { OpenApiVersion } from '../../../src/spec/toJsonSchema';

// `npm run build` writes the meta-schema validators as code (dist/spec/metaValidator.*.generated.js), so
// that a start does not compile them; that code must judge every document exactly as the compiled ones do.
const SPECS = path.resolve(__dirname, '../../support/specs');
const documents = [
  DEFAULT_SPEC_FILE,
  path.join(SPECS, 'pets.yaml'),
  path.join(SPECS, 'every-keyword.yaml'),
  ...readdirSync(path.join(SPECS, 'real'))
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .map((name) => path.join(SPECS, 'real', name)),
];

/** The module text evaluated as CommonJS, its `require` ours (so that it finds Ajv's runtime). */
function load(code: string): MetaValidator {
  const module = { exports: {} as unknown };
  new Function('module', 'exports', 'require', code)(module, module.exports, require);
  return module.exports as MetaValidator;
}

const asCode = new Map<OpenApiVersion, MetaValidator>();
const compiled = new Map<OpenApiVersion, MetaValidator>();
function verdicts(version: OpenApiVersion, document: unknown) {
  const judges = [compiled, asCode].map((cache, i) => {
    let judge = cache.get(version);
    if (!judge) {
      judge = i === 0 ? compileMetaValidator(version) : load(metaValidatorCode(version));
      cache.set(version, judge);
    }
    return judge;
  });
  return judges.map((judge) => {
    const valid = judge(document);
    const [first] = (judge.errors ?? []) as { instancePath: string; keyword: string; message?: string }[];
    return valid
      ? { valid }
      : { valid, at: first?.instancePath, keyword: first?.keyword, message: first?.message };
  });
}

/** Ways to break a document the meta-schema sees. */
const BREAKS: Record<string, (doc: Record<string, unknown>) => void> = {
  'info without version': (doc) => {
    delete (doc['info'] as Record<string, unknown>)['version'];
  },
  'paths not an object': (doc) => {
    doc['paths'] = 5;
  },
  'an unknown top-level field': (doc) => {
    doc['servrs'] = [];
  },
};

describe.each(documents.map((file) => [path.basename(file), file]))(
  'the meta-schema check of %s',
  (_, file) => {
    const text = readFileSync(file, 'utf8');
    const parse = () =>
      (file.endsWith('.json') ? JSON.parse(text) : yaml.load(text)) as Record<string, unknown>;
    const version: OpenApiVersion = String(parse()['openapi']).startsWith('3.1') ? '3.1' : '3.0';

    it('as code, accepts it as the compiled validator does', () => {
      const [fromCompiled, fromCode] = verdicts(version, parse());
      expect(fromCompiled).toEqual({ valid: true });
      expect(fromCode).toEqual(fromCompiled);
    });

    it.each(Object.keys(BREAKS))('as code, refuses it with %s, with the same first error', (name) => {
      const document = parse();
      BREAKS[name]?.(document);
      const [fromCompiled, fromCode] = verdicts(version, document);
      expect(fromCompiled?.valid).toBe(false);
      expect(fromCode).toEqual(fromCompiled);
    });
  },
);
