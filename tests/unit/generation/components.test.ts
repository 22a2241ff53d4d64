import { componentArbitraries, generatorsFor } from '../../../src/generation';
import { loadSpec } from '../../../src/spec';
import { createValidator } from '../../../src/validation';
import {
  expectAllInvalidAsLabelled,
  expectAllValid,
  expectShrinksStayInvalid,
} from '../../support/generatedValues';

const validator = createValidator(loadSpec());
const names = Object.keys(validator.spec.document.components?.schemas ?? {});

describe('component arbitraries of the activity-log spec', () => {
  it('has one arbitrary per component schema, by name', () => {
    expect(Object.keys(componentArbitraries()).sort()).toEqual([...names].sort());
    expect(names.length).toBeGreaterThanOrEqual(5);
  });

  for (const name of names) {
    const check = (value: unknown) => validator.validateSchema(name, value);

    it(`generates ${name} values the validator accepts`, () => {
      expectAllValid(generatorsFor().arbitrary(name), check, 100);
    });

    it(`generates ${name} values invalid as labelled, also once shrunk`, () => {
      expectAllInvalidAsLabelled(generatorsFor().invalid(name), check, 100);
      expectShrinksStayInvalid(generatorsFor().invalid(name), check, 5);
    });
  }
});
