/** Misuse of the mock (a `Prefer` it cannot honour): answered 400 with the reason, never a crash. @internal */
export class Refusal extends Error {
  override readonly name = 'Refusal';
}
