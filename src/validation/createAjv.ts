import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import { exactFormats } from './formats';

/**
 * An Ajv instance in strict mode with every ajv-formats format (the OpenAPI ones included:
 * int32, int64, float, double, byte, binary, password) and our exact `date-time`.
 */
export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, ...options });
  addFormats(ajv);
  for (const [name, format] of Object.entries(exactFormats)) ajv.addFormat(name, format);
  return ajv;
}
