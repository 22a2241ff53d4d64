import path from 'node:path';
import { DEFAULT_SPEC_FILE, type LoadOptions, loadSpec } from '../spec';
import { createValidator, type SpecValidator } from './SpecValidator';

const cache = new Map<string, SpecValidator>();

/**
 * The validator for a spec file, loaded and compiled once per process.
 *
 * @example getValidator().validateResponse({ method: 'GET', path: '/activity-logs/1', status: 200, body })
 */
export function getValidator(specFile: string = DEFAULT_SPEC_FILE, options: LoadOptions = {}): SpecValidator {
  const key = path.resolve(specFile);
  let validator = cache.get(key);
  if (!validator) {
    validator = createValidator(loadSpec(specFile, options));
    cache.set(key, validator);
  }
  return validator;
}
