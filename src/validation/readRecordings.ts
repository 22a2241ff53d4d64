import { isAscii } from 'node:buffer';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type ParseError, parse as parseTolerant, printParseErrorCode } from 'jsonc-parser';
import { isEnvelope } from './recording';

/** One recording read from an input, or why it could not be read. Reading never throws. */
export type InputItem =
  | { readonly kind: 'value'; readonly source: string; readonly value: unknown }
  | { readonly kind: 'unreadable'; readonly source: string; readonly message: string }
  /**
   * Whole NDJSON lines of a file as UTF-8 bytes, not decoded yet (with `lines: 'raw'`), the first of them
   * line `firstLine` of `source`: `splitLines` turns them into items. A worker thread can take the bytes.
   */
  | {
      readonly kind: 'lines';
      readonly source: string;
      readonly firstLine: number;
      readonly bytes: Uint8Array;
    };

/** An item read and parsed: a recording, or why it is not one. */
export type ParsedItem = Exclude<InputItem, { kind: 'lines' }>;

/** How NDJSON lines come: parsed (the default), or raw, for whoever parses them (a worker thread, say). */
interface ReadOptions {
  readonly cwd: string;
  readonly stdin: NodeJS.ReadableStream;
  readonly lines?: 'parsed' | 'raw';
  /**
   * Where blocks of raw lines come from and go back to once judged (see `BlockPool`); without it, every block
   * is new memory.
   */
  readonly blocks?: BlockPool;
}

const NDJSON = /\.(ndjson|jsonl)$/i;
const READABLE = /\.(json|ndjson|jsonl)$/i;

/**
 * Reads JSON files, NDJSON files (one recording a line, streamed: memory stays bounded by the longest
 * line), directories (their .json/.ndjson/.jsonl files, recursively, in name order) and `-` (stdin,
 * NDJSON when its first line is a whole JSON value, otherwise one JSON document).
 * `source` names the file and, for NDJSON, the line: `corpus.ndjson:17`.
 */
export function readRecordings(
  inputs: readonly string[],
  options: ReadOptions & { readonly lines?: 'parsed' },
): AsyncGenerator<ParsedItem>;
export function readRecordings(inputs: readonly string[], options: ReadOptions): AsyncGenerator<InputItem>;
export async function* readRecordings(
  inputs: readonly string[],
  options: ReadOptions,
): AsyncGenerator<InputItem> {
  const raw = options.lines === 'raw';
  const blocks = options.blocks ?? new BlockPool(0);
  for (const input of inputs) {
    if (input === '-') {
      yield* readStdin(options.stdin, raw, blocks);
      continue;
    }
    const file = path.resolve(options.cwd, input);
    let stat: Awaited<ReturnType<typeof fs.stat>>;
    try {
      stat = await fs.stat(file);
    } catch (error) {
      yield { kind: 'unreadable', source: input, message: describeFsError(error) };
      continue;
    }
    if (stat.isDirectory()) {
      const found = await listRecordingFiles(file);
      // A folder with nothing to read is a mistyped path or a recorder that wrote nothing: never a pass.
      if (found.length === 0) {
        yield {
          kind: 'unreadable',
          source: input,
          message: 'no .json, .ndjson or .jsonl files in this folder',
        };
      }
      for (const recording of found)
        yield* readFile(recording, path.join(input, path.relative(file, recording)), raw, blocks);
    } else {
      yield* readFile(file, input, raw, blocks);
    }
  }
}

async function* readFile(
  file: string,
  shown: string,
  raw: boolean,
  blocks: BlockPool,
): AsyncGenerator<InputItem> {
  if (NDJSON.test(file)) {
    for await (const item of readLineBlocks(file, shown, blocks)) {
      if (raw || item.kind !== 'lines') yield item;
      else {
        yield* splitLines(item);
        blocks.give(item.bytes);
      }
    }
    return;
  }
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    yield { kind: 'unreadable', source: shown, message: describeFsError(error) };
    return;
  }
  const item = parseDocument(text, shown);
  // A JSON file may hold a list of recording envelopes; each is a recording of its own.
  if (
    item.kind === 'value' &&
    Array.isArray(item.value) &&
    item.value.length > 0 &&
    item.value.every(isEnvelope)
  ) {
    for (const [i, value] of item.value.entries()) yield { kind: 'value', source: `${shown}[${i}]`, value };
    return;
  }
  yield item;
}

/** Bytes of whole lines a block holds, about: a line longer than this is a block of its own. */
const BLOCK_BYTES = 1 << 20;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const DELETE = 0x7f;

/**
 * Memory for blocks of lines, used again: a new megabyte for every block cost more than reading it (the
 * kernel maps and zeroes fresh pages, and unmaps them when the block is collected, on whichever thread),
 * measured at about 2 ms a block with two workers. Whoever is done with a block's bytes (parsed them, or got
 * them back from a worker) gives them back; only blocks of the usual size are kept, `capacity` at most.
 */
export class BlockPool {
  private readonly free: ArrayBuffer[] = [];
  /** How many blocks were read into memory given back. */
  reused = 0;

  constructor(private readonly capacity: number) {}

  /** Memory for a block of `bytes` bytes: a free one when it is the usual size and one is free. */
  take(bytes: number): Uint8Array<ArrayBuffer> {
    const free = bytes === BLOCK_BYTES ? this.free.pop() : undefined;
    if (!free) return new Uint8Array(bytes);
    this.reused++;
    return new Uint8Array(free);
  }

  /** Gives back the memory under a block's bytes; nothing may read those bytes afterwards. */
  give(bytes: Uint8Array): void {
    const { buffer } = bytes;
    // Not `instanceof`: a buffer back from a worker may come from another realm (as under Jest).
    const plain = Object.prototype.toString.call(buffer) === '[object ArrayBuffer]';
    if (plain && buffer.byteLength === BLOCK_BYTES && this.free.length < this.capacity)
      this.free.push(buffer as ArrayBuffer);
  }
}

/**
 * An NDJSON file as blocks of whole lines, undecoded (a newline byte never occurs inside a UTF-8 character).
 * Each block is read straight into a memory of its own (the consumer may move it to another thread, and may
 * give it back to `blocks`): only the start of a line the block cut off is copied, to the front of the next.
 */
async function* readLineBlocks(file: string, shown: string, blocks: BlockPool): AsyncGenerator<InputItem> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    yield { kind: 'unreadable', source: shown, message: describeFsError(error) };
    return;
  }
  let carry = new Uint8Array(0);
  let line = 1;
  let any = false;
  try {
    for (;;) {
      // A line longer than a block makes the next block larger, until it holds the whole line.
      const block = blocks.take(Math.max(BLOCK_BYTES, carry.length * 2));
      block.set(carry);
      const { bytesRead } = await handle.read(block, carry.length, block.length - carry.length, null);
      const filled = carry.length + bytesRead;
      if (bytesRead === 0) break;
      const end = block.lastIndexOf(NEWLINE, filled - 1);
      if (end === -1) {
        carry = block.subarray(0, filled);
        continue;
      }
      carry = block.slice(end + 1, filled);
      const bytes = block.subarray(0, end + 1);
      const first = line;
      line += countNewlines(bytes);
      any = true;
      yield { kind: 'lines', source: shown, firstLine: first, bytes };
    }
  } catch (error) {
    yield { kind: 'unreadable', source: shown, message: describeFsError(error) };
    return;
  } finally {
    await handle.close();
  }
  if (carry.length > 0) {
    any = true;
    yield { kind: 'lines', source: shown, firstLine: line, bytes: carry };
  }
  if (!any) yield { kind: 'unreadable', source: shown, message: 'empty input: no recordings in it' };
}

function countNewlines(block: Uint8Array): number {
  // Buffer's indexOf (memchr) is about six times faster than Uint8Array's on a block of lines.
  const bytes = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) count++;
  return count;
}

/**
 * Calls `visit` with each line of a block of NDJSON lines that is not blank, and its number in the file
 * (counted from the block's first line; blank lines are skipped but counted; a line may end in CRLF).
 */
export function forEachLine(
  block: Extract<InputItem, { kind: 'lines' }>,
  visit: (line: string, number: number) => void,
): void {
  const bytes = Buffer.from(block.bytes.buffer, block.bytes.byteOffset, block.bytes.byteLength);
  // Each line is decoded on its own: V8 decodes UTF-8 about ten times slower in one piece of a megabyte than
  // in pieces of a line (measured: 5.5 ms a MB, against 0.47), and as fast as the block is split. A block of
  // ASCII only (checked at 0.05 ms a MB) is decoded as Latin-1, the same characters: 0.34 ms a MB.
  const encoding = isAscii(bytes) ? 'latin1' : 'utf8';
  let number = block.firstLine;
  for (let start = 0; start < bytes.length; number++) {
    const newline = bytes.indexOf(NEWLINE, start);
    const stop = newline === -1 ? bytes.length : newline;
    const end = stop > start && bytes[stop - 1] === CARRIAGE_RETURN ? stop - 1 : stop;
    if (end > start) {
      const line = bytes.toString(encoding, start, end);
      const first = line.charCodeAt(0);
      // A line that starts with a printable ASCII character is not blank (a BOM alone is).
      if ((first > SPACE && first < DELETE) || line.trim() !== '') visit(line, number);
    }
    start = stop + 1;
  }
}

/** The items of a block of NDJSON lines, each parsed (see `forEachLine`). */
export function splitLines(block: Extract<InputItem, { kind: 'lines' }>): ParsedItem[] {
  const items: ParsedItem[] = [];
  forEachLine(block, (line, number) => items.push(parseLine(line, `${block.source}:${number}`)));
  return items;
}

/**
 * Standard input: NDJSON when its first line that is not blank is a whole JSON value, read then in blocks of
 * whole lines as a file is (the same items, named `stdin:N`); otherwise one JSON document. The pipe's chunks
 * are gathered, not split into strings one line at a time.
 */
async function* readStdin(
  stdin: NodeJS.ReadableStream,
  raw: boolean,
  blocks: BlockPool,
): AsyncGenerator<InputItem> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let mode: 'undecided' | 'ndjson' | 'document' = 'undecided';
  let line = 1;
  /**
   * The next block of whole lines of what is pending (a block of the usual size where the lines allow, so
   * that its memory can be used again; at the end, whatever is left), or nothing while no line is whole.
   */
  const nextBlock = (atEnd: boolean): Extract<InputItem, { kind: 'lines' }> | undefined => {
    if (pendingBytes === 0) return undefined;
    const joined = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending, pendingBytes);
    let end = joined.lastIndexOf(NEWLINE, Math.min(joined.length, BLOCK_BYTES) - 1) + 1;
    if (end === 0 || (atEnd && joined.length <= BLOCK_BYTES))
      end = atEnd ? joined.length : joined.lastIndexOf(NEWLINE) + 1;
    if (end === 0) {
      pending = [joined];
      return undefined;
    }
    const block = blocks.take(Math.max(BLOCK_BYTES, end));
    block.set(joined.subarray(0, end));
    pending = end < joined.length ? [joined.subarray(end)] : [];
    pendingBytes = joined.length - end;
    const bytes = block.subarray(0, end);
    const item = { kind: 'lines', source: 'stdin', firstLine: line, bytes } as const;
    line += countNewlines(bytes);
    return item;
  };
  /** The items of a block, raw or parsed (a parsed block's memory is given back at once). */
  function* itemsOf(block: Extract<InputItem, { kind: 'lines' }>): Generator<InputItem> {
    if (raw) yield block;
    else {
      yield* splitLines(block);
      blocks.give(block.bytes);
    }
  }
  for await (const chunk of stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    pending.push(bytes);
    pendingBytes += bytes.length;
    // A chunk without a newline ends no line: it cannot decide the mode, nor end a block (a line longer
    // than a block is gathered, not joined again at every chunk).
    if (!bytes.includes(NEWLINE)) continue;
    if (mode === 'undecided') mode = modeOf(Buffer.concat(pending), false);
    for (
      let block = mode === 'ndjson' && pendingBytes >= BLOCK_BYTES ? nextBlock(false) : undefined;
      block;
    ) {
      yield* itemsOf(block);
      block = pendingBytes >= BLOCK_BYTES ? nextBlock(false) : undefined;
    }
  }
  const all = mode === 'undecided' ? Buffer.concat(pending) : undefined;
  if (all) mode = modeOf(all, true);
  if (mode === 'ndjson') {
    for (let block = nextBlock(true); block; block = nextBlock(true)) yield* itemsOf(block);
  } else if (mode === 'document') {
    yield parseDocument((all ?? Buffer.concat(pending)).toString('utf8'), 'stdin');
  } else yield { kind: 'unreadable', source: 'stdin', message: 'empty input: no recordings in it' };
}

/**
 * What the start of standard input says it is: NDJSON when its first line that is not blank is a whole JSON
 * value, one document when that line is not; undecided while no such line is complete (`atEnd`: the last
 * line counts as complete, and undecided means there is nothing but blank lines).
 */
function modeOf(bytes: Buffer, atEnd: boolean): 'undecided' | 'ndjson' | 'document' {
  for (let start = 0; start < bytes.length; ) {
    const newline = bytes.indexOf(NEWLINE, start);
    if (newline === -1 && !atEnd) return 'undecided';
    const stop = newline === -1 ? bytes.length : newline;
    const text = bytes.toString('utf8', start, stop).replace(/\r$/, '');
    if (text.trim() !== '') return isWholeJson(text) ? 'ndjson' : 'document';
    start = stop + 1;
  }
  return 'undecided';
}

function isWholeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const BOM = 0xfeff;

/** The text without a leading byte order mark (no regex: it runs for every line). */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === BOM ? text.slice(1) : text;
}

/** An NDJSON line as a recording, or why it is not one. */
export function parseLine(line: string, source: string): ParsedItem {
  try {
    return { kind: 'value', source, value: JSON.parse(withoutBom(line)) };
  } catch (error) {
    return { kind: 'unreadable', source, message: `invalid JSON: ${locateJsonError(line, error)}` };
  }
}

function parseDocument(text: string, source: string): InputItem {
  if (text.trim() === '') return { kind: 'unreadable', source, message: 'empty input: no recordings in it' };
  try {
    return { kind: 'value', source, value: JSON.parse(withoutBom(text)) };
  } catch (error) {
    return { kind: 'unreadable', source, message: `invalid JSON: ${locateJsonError(text, error)}` };
  }
}

/** JSON.parse's messages on Node 20 often omit the position; a tolerant parser finds the line and column. */
function locateJsonError(text: string, error: unknown): string {
  if (error instanceof RangeError) return 'nested too deeply to parse';
  const errors: ParseError[] = [];
  parseTolerant(text, errors, {
    allowTrailingComma: false,
    disallowComments: true,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (!first) return (error as Error).message;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < first.offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  const what = printParseErrorCode(first.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return `${what} at line ${line}, column ${first.offset - lineStart + 1}`;
}

async function listRecordingFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listRecordingFiles(full)));
    else if (READABLE.test(entry.name)) files.push(full);
  }
  return files;
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return `cannot read (${code ?? (error as Error).message})`;
  }
}
