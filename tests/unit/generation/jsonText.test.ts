import fc from 'fast-check';
import {
  activityLogJsonText,
  JSON_EDGE_CASES,
  type JsonEdgeCase,
  type JsonTextSample,
} from '../../../src/generation';
import { getAtPointer } from '../../../src/spec/pointer';
import { activityLogCheck, expectAllValid } from '../../support/generatedValues';
import { seeded, withSeed } from '../../support/seed';

const check = activityLogCheck();

const depthOf = (value: unknown): number =>
  value === null || typeof value !== 'object' ? 0 : 1 + Math.max(0, ...Object.values(value).map(depthOf));

/** Whether the text and the value hold the edge case as its label says. */
function holds(edge: JsonEdgeCase, { text, value }: JsonTextSample): boolean {
  const found = edge.pointer === undefined ? undefined : getAtPointer(value, edge.pointer);
  // What the label says after the pointer (whose keys may hold anything, brackets and words included).
  const label = edge.message.slice((edge.pointer ?? '').length);
  const written = /\(([^),]*)/.exec(label)?.[1] ?? '?';
  switch (edge.kind) {
    case 'big-number':
      return typeof found === 'number' && !Number.isSafeInteger(found) && text.includes(written);
    case 'negative-zero':
      return Object.is(found, -0) && text.includes(label.split(' written ')[1] ?? '?');
    case 'surrogate-pair':
      return (
        typeof found === 'string' && /[\ud800-\udbff][\udc00-\udfff]/.test(found) && text.includes(written)
      );
    case 'deep-nesting':
      return depthOf(found) === Number(/nested (\d+) deep/.exec(label)?.[1]);
    case 'escaped-unicode':
      return /\\u[0-9a-fA-F]{4}/.test(text);
    case 'whitespace':
      return /[\t\n\r ]/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
    case 'shuffled-keys':
      return true;
  }
}

/** Why a sample's text does not hold what its labels say, or `undefined` when it does. */
function mislabelled(sample: JsonTextSample): string | undefined {
  if (JSON.stringify(JSON.parse(sample.text)) !== JSON.stringify(sample.value))
    return 'value is not what JSON.parse reads';
  const wrong = sample.edgeCases.find((edge) => !holds(edge, sample));
  return wrong ? `${wrong.message}, but the text does not hold it` : undefined;
}

describe(withSeed('activityLogJsonText()'), () => {
  const samples = fc.sample(activityLogJsonText(), seeded(300));

  it('writes valid activity logs, as JSON.parse reads the text', () => {
    expectAllValid(
      activityLogJsonText().map((sample) => sample.value),
      check,
      100,
    );
  });

  it('writes each edge case where its label says, and labels only what the text holds', () => {
    expect(samples.map(mislabelled).filter((p) => p !== undefined)).toEqual([]);
    const kinds = new Set(samples.flatMap((sample) => sample.edgeCases.map((edge) => edge.kind)));
    expect(kinds).toEqual(new Set(JSON_EDGE_CASES));
    // Some texts are plain, so that a parser failing on ordinary JSON shrinks to a text without edge cases.
    expect(samples.some((sample) => sample.edgeCases.length === 0)).toBe(true);
  });

  it('writes keys in another order than the spec lists them when shuffled', () => {
    const shuffled = samples.filter((s) => s.edgeCases.some((edge) => edge.kind === 'shuffled-keys'));
    const reordered = shuffled.filter((s) => !/^\s*\{\s*"id"/.test(s.text));
    expect(reordered.length).toBeGreaterThan(shuffled.length / 2);
  });

  it('keeps its labels true while shrinking', () => {
    const problems: string[] = [];
    for (let seed = 1; seed <= 5; seed++) {
      fc.check(
        fc.property(activityLogJsonText(), (sample) => {
          const problem = mislabelled(sample);
          if (problem) problems.push(problem);
          return sample.edgeCases.length === 0;
        }),
        { seed, numRuns: 1 },
      );
    }
    expect(problems).toEqual([]);
  });
});
