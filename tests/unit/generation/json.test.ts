import fc from 'fast-check';
import { activityLog } from '../../../src/generation';
import { preview, previewText, toJsonText, toJsonTextPrefix } from '../../../src/generation/json';
import { seeded, withSeed } from '../../support/seed';

describe(withSeed('toJsonTextPrefix'), () => {
  it('is the start of toJsonText, written no further than asked', () => {
    const values = fc.oneof(fc.jsonValue(), activityLog() as fc.Arbitrary<unknown>);
    fc.assert(
      fc.property(
        values,
        fc.nat(300),
        (value, limit) => toJsonTextPrefix(value, limit) === toJsonText(value).slice(0, limit),
      ),
      seeded(100),
    );
  });
});

describe('preview and previewText', () => {
  const invisible = [
    '\u00a0',
    '\u00ad',
    '\u200b',
    '\u2007',
    '\u202e',
    '\u2066',
    '\u3000',
    '\ufeff',
    '\u{e0041}',
  ];

  it('show invisible, reordering and unusual space characters escaped, and leave the rest alone', () => {
    const text = `a${invisible.join('')}é😀`;
    expect(preview(text)).toBe('"a\\u00a0\\u00ad\\u200b\\u2007\\u202e\\u2066\\u3000\\ufeff\\u{e0041}é😀"');
    expect(previewText(text)).toBe('a\\u00a0\\u00ad\\u200b\\u2007\\u202e\\u2066\\u3000\\ufeff\\u{e0041}é😀');
  });

  it('show JSON text on one line: controls escaped, quotes as they are', () => {
    expect(previewText('{\n\t"a": "\u0000"\r\n}')).toBe('{\\n\\t"a": "\\u0000"\\r\\n}');
    expect(previewText('x'.repeat(10), 5)).toBe('xxxx…');
  });
});
