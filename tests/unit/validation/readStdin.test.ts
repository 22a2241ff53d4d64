import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { type InputItem, readRecordings } from '../../../src/validation';
import { BlockPool, type ParsedItem, splitLines } from '../../../src/validation/readRecordings';
import { mixedNdjson } from '../../support/mixedNdjson';
import { scratchDir } from '../../support/scratch';

const dir = scratchDir('stdin');

/** What `validate -` reads from these chunks of standard input: each item's source and kind. */
async function read(chunks: readonly (string | Buffer)[], lines: 'parsed' | 'raw' = 'parsed') {
  const items: InputItem[] = [];
  for await (const item of readRecordings(['-'], { cwd: dir, stdin: Readable.from(chunks), lines }))
    items.push(item);
  return items;
}
const shown = (items: readonly InputItem[]) =>
  items.map(
    (item) => `${item.source} ${item.kind === 'unreadable' ? `unreadable: ${item.message}` : item.kind}`,
  );

describe('standard input', () => {
  it('is NDJSON when its first line that is not blank is a whole value: lines numbered as written', async () => {
    const text = '\n  \r\n{"a":1}\r\n\n{"a":2}\nnot json\n{"a":3}';
    expect(shown(await read([text]))).toEqual([
      'stdin:3 value',
      'stdin:5 value',
      'stdin:6 unreadable: invalid JSON: invalid symbol at line 1, column 1',
      'stdin:7 value',
    ]);
  });

  it('gives the same lines however the pipe cuts its chunks, even inside a character', async () => {
    const text = '{"name":"Zoë ✓"}\n\n{"name":"😀"}\n';
    const whole = await read([text]);
    const bytes = Buffer.from(text, 'utf8');
    const oneByteChunks = [...bytes].map((byte) => Buffer.from([byte]));
    expect(await read(oneByteChunks)).toEqual(whole);
    expect(whole.map((item) => (item.kind === 'value' ? item.value : item))).toEqual([
      { name: 'Zoë ✓' },
      { name: '😀' },
    ]);
  });

  it('is one document when its first line that is not blank is not a whole value', async () => {
    const items = await read(['\n', '{\n  "a": [1,\n', '2]\n}\n']);
    expect(items).toEqual([{ kind: 'value', source: 'stdin', value: { a: [1, 2] } }]);
    expect(shown(await read(['{\n  "a": \n']))).toEqual([
      'stdin unreadable: invalid JSON: value expected at line 3, column 1',
    ]);
  });

  it('says so when it holds nothing but blank lines', async () => {
    for (const chunks of [[], [''], ['\n \n\r\n']])
      expect(shown(await read(chunks))).toEqual(['stdin unreadable: empty input: no recordings in it']);
  });

  it('reads megabytes in blocks of whole lines, as a file is read, with the same line numbers', async () => {
    const text = mixedNdjson(3000);
    const file = path.join(dir, 'mixed.ndjson');
    writeFileSync(file, text);
    const fromFile: ParsedItem[] = [];
    for await (const item of readRecordings([file], { cwd: dir, stdin: Readable.from([]) }))
      fromFile.push(item);
    // As a pipe delivers it: chunks of 64 kB.
    const bytes = Buffer.from(text, 'utf8');
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 65_536) chunks.push(bytes.subarray(at, at + 65_536));
    const raw = await read(chunks, 'raw');
    expect(raw.length).toBeGreaterThan(1);
    expect(raw.every((item) => item.kind === 'lines')).toBe(true);
    const fromStdin = raw.flatMap((item) => (item.kind === 'lines' ? splitLines(item) : [item]));
    const renamed = fromFile.map((item) => ({ ...item, source: item.source.replace(file, 'stdin') }));
    expect(fromStdin).toEqual(renamed);
    expect(await read(chunks)).toEqual(renamed);
  });

  it('reads a line longer than a block whole, and a last line without a newline', async () => {
    const long = JSON.stringify({ note: 'x'.repeat(1_500_000) });
    const text = `{"a":1}\n${long}\n{"a":2}\n${long}`;
    const bytes = Buffer.from(text, 'utf8');
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 65_536) chunks.push(bytes.subarray(at, at + 65_536));
    const items = await read(chunks);
    expect(shown(items)).toEqual(['stdin:1 value', 'stdin:2 value', 'stdin:3 value', 'stdin:4 value']);
    expect(items[3]).toEqual({ kind: 'value', source: 'stdin:4', value: JSON.parse(long) });
  });

  it('reads into memory given back', async () => {
    const bytes = Buffer.from(mixedNdjson(3000), 'utf8');
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 65_536) chunks.push(bytes.subarray(at, at + 65_536));
    const blocks = new BlockPool(4);
    for await (const item of readRecordings(['-'], {
      cwd: dir,
      stdin: Readable.from(chunks),
      lines: 'raw',
      blocks,
    }))
      if (item.kind === 'lines') blocks.give(item.bytes);
    expect(blocks.reused).toBeGreaterThan(0);
  });
});
