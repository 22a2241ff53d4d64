import { generateCorpus, toJsonText } from '../../../src/generation';

describe('generateCorpus', () => {
  it('gives a prefix of the longer corpus for the same seed, across batches', () => {
    const short = generateCorpus({ kind: 'valid', count: 10, seed: 5 });
    const long = generateCorpus({ kind: 'valid', count: 600, seed: 5 });
    expect(long).toHaveLength(600);
    expect(long.slice(0, 10)).toEqual(short);
    expect(new Set(long).size).toBeGreaterThan(590);
  });

  it('refuses a count or seed that is not a whole number', () => {
    expect(() => generateCorpus({ kind: 'valid', count: -1, seed: 1 })).toThrow(
      'count must be a whole number',
    );
    expect(() => generateCorpus({ kind: 'valid', count: 1, seed: 0.5 })).toThrow('seed must be an integer');
  });
});

describe('toJsonText', () => {
  it('writes JSON.stringify text, except that negative zero stays -0', () => {
    const value = { a: [-0, 0, 1e308, -1e-7], b: { '': null, __proto__x: 'y' }, c: 'line\nbreak' };
    expect(toJsonText(value)).toBe(
      '{"a":[-0,0,1e+308,-1e-7],"b":{"":null,"__proto__x":"y"},"c":"line\\nbreak"}',
    );
    expect(Object.is(JSON.parse(toJsonText(-0)), -0)).toBe(true);
    const own = JSON.parse('{"__proto__":1}');
    expect(toJsonText(own)).toBe('{"__proto__":1}');
  });
});
