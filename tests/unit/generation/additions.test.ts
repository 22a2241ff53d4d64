import fc from 'fast-check';
import {
  ADDITION_KINDS,
  activityLogWithAdditions,
  type ExtendedSample,
  generatorsFor,
} from '../../../src/generation';
import { documentedPart } from '../../../src/generation/additions';
import { codePointLength, DEFAULT_GENERATION_OPTIONS } from '../../../src/generation/leaves';
import { getAtPointer } from '../../../src/spec/pointer';
import { activityLogCheck, expectAllValid } from '../../support/generatedValues';
import { seeded, withSeed } from '../../support/seed';

const check = activityLogCheck();
const generators = generatorsFor();
const root = generators.node(generators.responseSchema(200));
const { maxArrayLength, maxStringLength } = DEFAULT_GENERATION_OPTIONS;

/** Why a sample's labels do not say what was added, or `undefined` when each does. */
function mislabelled(sample: ExtendedSample): string | undefined {
  for (const addition of sample.additions) {
    const found = getAtPointer(sample.value, addition.pointer);
    const length = Number(/ to (\d+) /.exec(addition.message)?.[1]);
    if (addition.kind === 'longer-array') {
      if (!Array.isArray(found) || found.length !== length || length <= maxArrayLength)
        return `${addition.message}, but ${addition.pointer} holds ${Array.isArray(found) ? found.length : 'no'} items`;
    } else if (addition.kind === 'longer-string') {
      if (typeof found !== 'string' || codePointLength(found) !== length || length <= maxStringLength)
        return `${addition.message}, but ${addition.pointer} is not a string that long`;
    } else {
      const parent = addition.pointer.slice(0, addition.pointer.lastIndexOf('/'));
      const stripped = getAtPointer(documentedPart(sample.value, root), parent) as Record<string, unknown>;
      const key = addition.pointer.slice(addition.pointer.lastIndexOf('/') + 1);
      if (found === undefined || Object.hasOwn(stripped, key))
        return `${addition.message}, but ${addition.pointer} is missing or documented`;
    }
  }
  return undefined;
}

describe(withSeed('activityLogWithAdditions()'), () => {
  const samples = fc.sample(activityLogWithAdditions(), seeded(300));

  it('makes valid activity logs: a provider may make every addition without a new API version', () => {
    expectAllValid(
      activityLogWithAdditions().map((sample) => sample.value),
      check,
      100,
    );
  });

  it('labels each addition with its kind, its pointer and the lengths it grew between', () => {
    const problems = samples.map(mislabelled).filter((p) => p !== undefined);
    expect(problems).toEqual([]);
    for (const sample of samples) expect(sample.additions.length).toBeGreaterThan(0);
  });

  it('adds every kind, undocumented properties at every depth, past the bounds of the valid generators', () => {
    const additions = samples.flatMap((sample) => sample.additions);
    expect(new Set(additions.map((a) => a.kind))).toEqual(new Set(ADDITION_KINDS));
    const depths = additions
      .filter((a) => a.kind === 'undocumented-property')
      .map((a) => a.pointer.replace(/\/\d+\//g, '/*/').replace(/\/[^/]+$/, ''));
    expect(new Set(depths)).toEqual(
      new Set([
        '',
        '/activityLogItems/*',
        '/activityLogItems/*/activityLogActor',
        '/activityLogItems/*/activityLogObject',
        '/activityLogItems/*/activityLogTarget',
      ]),
    );
  });

  it('keeps its labels true while shrinking', () => {
    const problems: string[] = [];
    for (let seed = 1; seed <= 5; seed++) {
      fc.check(
        fc.property(activityLogWithAdditions(), (sample) => {
          const problem = mislabelled(sample);
          if (problem) problems.push(problem);
          return false;
        }),
        { seed, numRuns: 1 },
      );
    }
    expect(problems).toEqual([]);
  });
});

describe('documentedPart', () => {
  it('drops the properties the spec does not list, at every depth, and leaves free-form metadata alone', () => {
    const item = {
      id: 'i',
      activityLogId: 'l',
      verb: 'CREATED',
      name: 'n',
      summary: 's',
      metadata: [{ anything: { goes: true } }],
      activityLogActor: { id: 'a', entityType: 'USER', region: 'eu' },
      activityLogObject: { id: 'o', entityType: 'INVOICE' },
      tags: ['x'],
    };
    const log = { id: 'x', activityLogItems: [item], newField: 1 };
    expect(documentedPart(log, root)).toEqual({
      id: 'x',
      activityLogItems: [
        {
          id: 'i',
          activityLogId: 'l',
          verb: 'CREATED',
          name: 'n',
          summary: 's',
          metadata: [{ anything: { goes: true } }],
          activityLogActor: { id: 'a', entityType: 'USER' },
          activityLogObject: { id: 'o', entityType: 'INVOICE' },
        },
      ],
    });
  });
});
