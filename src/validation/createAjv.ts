import type { Options } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { exactFormats } from './formats';
import { useJsonEqualInAjv } from './jsonEqual';

/**
 * An Ajv instance for the JSON Schema 2020-12 the schema model converts every document to, with every
 * ajv-formats format (the OpenAPI ones included: int32, int64, float, double, byte, binary, password), our
 * exact `date-time`, and OpenAPI's `discriminator`. Strict about its own schemas, except where strictness
 * would refuse valid ones (a `format` on an object, `required` beside `allOf`).
 */
export function createAjv(options: Options = {}): Ajv2020 {
  useJsonEqualInAjv();
  const ajv = new Ajv2020({
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allowUnionTypes: true,
    discriminator: true,
    // Ajv's code optimiser saves nothing at run time once V8 has compiled the code (npm run bench shows no
    // difference), and its garbage took a 1.7 MB document's check from 240 to 400 MB and 4 to 6.5 s.
    code: { optimize: false },
    ...options,
  });
  addFormats(ajv);
  for (const [name, format] of Object.entries(exactFormats)) ajv.addFormat(name, format);
  return ajv;
}
