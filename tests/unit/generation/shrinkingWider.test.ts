import fc from 'fast-check';
import { shrinkingWider } from '../../../src/generation/shrinkingWider';
import { seeded, withSeed } from '../../support/seed';

describe(withSeed('shrinkingWider'), () => {
  const long = shrinkingWider(fc.integer({ min: 1000, max: 2000 }), fc.integer({ min: 0, max: 2000 }));
  const many = shrinkingWider(
    fc.array(fc.nat(9), { minLength: 20, maxLength: 40 }),
    fc.array(fc.nat(9), { maxLength: 40 }),
  );

  it('draws only what the narrow arbitrary draws', () => {
    expect(fc.sample(long, seeded(200)).every((n) => n >= 1000)).toBe(true);
    expect(fc.sample(many, seeded(200)).every((xs) => xs.length >= 20)).toBe(true);
  });

  it('shrinks below the narrow bounds, as far as the failure allows', () => {
    const number = fc.check(
      fc.property(long, (n) => n < 7),
      seeded(10),
    );
    expect(number.counterexample).toEqual([7]);
    const items = fc.check(
      fc.property(many, (xs) => !xs.includes(3)),
      seeded(100),
    );
    expect(items.counterexample).toEqual([[3]]);
  });
});
