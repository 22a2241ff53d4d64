import fc from 'fast-check';
import { generatorsFor } from '../src/generation';
import { loadSpec } from '../src/spec';
import { createValidator } from '../src/validation';

const files = process.argv.slice(2);
for (const f of files) {
  const spec = loadSpec(f);
  const g = generatorsFor(spec);
  const v = createValidator(spec);
  const errs: Record<string, number> = {};
  let bad = 0,
    ok = 0,
    slow = 0;
  for (const name of Object.keys(spec.document.components?.schemas ?? {})) {
    const t = Date.now();
    try {
      const samples = fc.sample(g.arbitrary(name), { numRuns: 10, seed: 1 });
      for (const s of samples) {
        const fs = v.validateSchema(name, s).filter((x) => x.severity === 'error');
        if (fs.length) {
          bad++;
          if (bad < 4) console.log('INVALID', name, JSON.stringify(fs[0]).slice(0, 300));
        } else ok++;
      }
    } catch (e) {
      const m = (e as Error).message.slice(0, 120);
      if (m.includes('toString')) console.log(name, (e as Error).stack?.split('\n').slice(0, 6).join('\n'));
      errs[m] = (errs[m] ?? 0) + 1;
    }
    if (Date.now() - t > 2000) {
      slow++;
      console.log('SLOW', name, Date.now() - t);
    }
  }
  console.log(
    f.split('/').pop(),
    'ok',
    ok,
    'bad',
    bad,
    'slow',
    slow,
    JSON.stringify(errs, null, 1).slice(0, 1500),
  );
}
