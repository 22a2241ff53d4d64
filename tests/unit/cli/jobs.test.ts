import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { judgeInOrder } from '../../../src/cli/judge/judgeInOrder';
import { expandJudged, judgeForTransfer, judgeItem } from '../../../src/cli/judge/judgeRecording';
import type { ReportEntry } from '../../../src/report';
import { DEFAULT_SPEC_FILE, parseSpec } from '../../../src/spec';
import { createValidator, type InputItem, readRecordings } from '../../../src/validation';
import { BlockPool, type ParsedItem, splitLines } from '../../../src/validation/readRecordings';
import { mixedNdjson } from '../../support/mixedNdjson';
import { runCli } from '../../support/runCli';
import { scratchDir } from '../../support/scratch';

// `validate --jobs N` spreads parsing and validation over worker threads; nothing a user reads may depend on N.
const dir = scratchDir('jobs');
async function entries(
  items: AsyncIterable<InputItem>,
  jobs: number,
  blocks?: BlockPool,
): Promise<ReportEntry[]> {
  const found: ReportEntry[] = [];
  const parallelFrom = { items: 3, bytes: 64 * 1024 };
  for await (const batch of judgeInOrder(items, {
    specFile: DEFAULT_SPEC_FILE,
    strict: false,
    jobs,
    parallelFrom,
    ...(blocks ? { blocks } : {}),
  }))
    found.push(...batch);
  return found;
}

describe('validate --jobs', () => {
  const file = path.join(dir, 'mixed.ndjson');
  writeFileSync(file, mixedNdjson(3000));
  const read = (lines: 'raw' | 'parsed') =>
    readRecordings([file, path.join(dir, 'missing.ndjson')], { cwd: dir, stdin: Readable.from([]), lines });

  it('judges in workers exactly what one thread judges, in the same order, with the same line numbers', async () => {
    const one = await entries(read('parsed'), 1);
    const two = await entries(read('raw'), 2);
    expect(one.length).toBe(2967); // 3000 lines, 34 blank ones skipped, one missing file
    expect(one.filter((e) => e.outcome === 'unreadable').map((e) => e.source)).toContain(`${file}:6`);
    expect(two).toEqual(one);
  }, 60_000);

  it('reads blocks into memory given back, from workers or this thread, and judges the same', async () => {
    const big = path.join(dir, 'big.ndjson');
    writeFileSync(big, mixedNdjson(10_000));
    // Only blocks of the usual size (1 MB) are taken again, and two batches a worker are in flight.
    expect(statSync(big).size).toBeGreaterThan(8 << 20);
    const readBig = (lines: 'raw' | 'parsed', blocks?: BlockPool) =>
      readRecordings([big], { cwd: dir, stdin: Readable.from([]), lines, ...(blocks ? { blocks } : {}) });
    const one = await entries(readBig('parsed'), 1);
    for (const jobs of [1, 2]) {
      const blocks = new BlockPool(9);
      expect(await entries(readBig('raw', blocks), jobs, blocks)).toEqual(one);
      expect(blocks.reused).toBeGreaterThan(0);
    }
  }, 60_000);

  it.each(['0', 'two', '1.5', '1000'])('refuses --jobs %s', async (jobs) => {
    const run = await runCli(['validate', 'x.ndjson', '--jobs', jobs], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--jobs must be a whole number from 1 to 256, got '${jobs}'`);
  });
});

describe('what a worker sends back', () => {
  // Two operations, so that passing lines have two titles; a broken line, a blank one, a failing one.
  const document = {
    openapi: '3.1.0',
    info: { title: 'two', version: '1' },
    paths: Object.fromEntries(
      ['/a', '/b'].map((p) => [
        p,
        {
          get: {
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/json': { schema: { type: 'object', required: ['n'] } } },
              },
            },
          },
        },
      ]),
    ),
  };
  const validator = createValidator(parseSpec(JSON.stringify(document), 'two.json'));
  const envelope = (p: string, body: unknown) =>
    JSON.stringify({ request: { method: 'GET', path: p }, response: { status: 200, body } });
  const text = [
    envelope('/a', { n: 1 }),
    envelope('/b', { n: 2 }),
    '',
    envelope('/a', { n: 3 }),
    '{"cut',
    envelope('/b', {}),
    envelope('/c', { n: 4 }),
    envelope('/b', { n: 5 }),
  ].join('\n');
  const block: InputItem = { kind: 'lines', source: 'two.ndjson', firstLine: 10, bytes: Buffer.from(text) };

  it('gives back, expanded, exactly the entries one thread makes, passing lines shortened to their numbers', () => {
    const sent = judgeForTransfer(validator, block, false);
    expect(Array.isArray(sent) ? [] : sent.entries.filter((e) => typeof e === 'number')).toEqual([10, 13]);
    expect(expandJudged(sent)).toEqual(judgeItem(validator, block, false));
    expect(expandJudged(sent).map((e) => `${e.source} ${e.outcome}`)).toEqual([
      'two.ndjson:10 passed',
      'two.ndjson:11 passed',
      'two.ndjson:13 passed',
      'two.ndjson:14 unreadable',
      'two.ndjson:15 failed',
      'two.ndjson:16 failed',
      'two.ndjson:17 passed',
    ]);
  });
});

describe('NDJSON read in blocks', () => {
  it('gives every line, whole and numbered, across block boundaries, with no newline at the end', async () => {
    // About 3 MB: blocks of 1 MB cut lines (and multi-byte characters) anywhere; one line is longer than a block.
    const lines = Array.from({ length: 400 }, (_, i) =>
      i === 5 ? '' : JSON.stringify({ i, text: `é€😀${'x'.repeat((i * 7919) % 9000)}` }),
    );
    lines[200] = JSON.stringify({ i: 200, text: 'ü'.repeat(700_000) });
    const file = path.join(dir, 'blocks.ndjson');
    writeFileSync(file, lines.join('\r\n'));
    const read: ParsedItem[] = [];
    for await (const item of readRecordings([file], { cwd: dir, stdin: Readable.from([]), lines: 'raw' }))
      if (item.kind === 'lines') read.push(...splitLines(item));
    const expected = lines.flatMap((text, i) =>
      text === '' ? [] : [{ kind: 'value', source: `${file}:${i + 1}`, value: JSON.parse(text) }],
    );
    expect(read).toEqual(expected);
  });
});
