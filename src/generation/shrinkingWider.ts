import fc from 'fast-check';

/**
 * Values drawn by `drawn`, shrunk the way `wider` shrinks them. `wider` must make every value `drawn` makes,
 * with the same kind of context (the same arbitrary with looser bounds). This lets the "very long" families
 * (strings of 1,024+ characters, arrays of 20+ items) shrink to a single character or item, instead of stopping
 * at their lower bound when the shorter families' smallest value does not fail.
 *
 * @internal
 * @example shrinkingWider(fc.array(item, { minLength: 20 }), fc.array(item)) // drawn long, shrinks to []
 */
export function shrinkingWider<T>(drawn: fc.Arbitrary<T>, wider: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return new ShrinkingWider(drawn, wider);
}

class ShrinkingWider<T> extends fc.Arbitrary<T> {
  constructor(
    private readonly drawn: fc.Arbitrary<T>,
    private readonly wider: fc.Arbitrary<T>,
  ) {
    super();
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T> {
    return this.drawn.generate(mrng, biasFactor);
  }

  canShrinkWithoutContext(value: unknown): value is T {
    return this.wider.canShrinkWithoutContext(value);
  }

  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    return this.wider.shrink(value, context);
  }
}
