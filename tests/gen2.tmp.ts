import fc from 'fast-check';
import { generatorsFor } from '../src/generation';
import { loadSpec } from '../src/spec';

const spec = loadSpec('/work/shared/realspecs/box-openapi.json');
const g = generatorsFor(spec);
for (const name of Object.keys(spec.document.components?.schemas ?? {})) {
  try {
    fc.sample(g.arbitrary(name), { numRuns: 10, seed: 1 });
  } catch (e) {
    if ((e as Error).message.includes('toString')) {
      console.log(name, (e as Error).stack?.split('\n').slice(0, 8).join('\n'));
    }
  }
}
